/** The flat /api/units list as a tree; pure functions, no React. */
import type { Unit } from '../../types';

export interface UnitNode extends Unit {
  children: UnitNode[];
}

export interface UnitIndex {
  roots: UnitNode[];
  byId: Map<number, UnitNode>;
}

const bySortThenName = (a: Unit, b: Unit) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id;

/** A unit whose parent is not in the list (a unit admin's own root) becomes a root. */
export function buildUnitIndex(units: Unit[]): UnitIndex {
  const byId = new Map<number, UnitNode>(units.map((u) => [u.id, { ...u, children: [] }]));
  const roots: UnitNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId !== null ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sortDeep = (nodes: UnitNode[]) => {
    nodes.sort(bySortThenName);
    nodes.forEach((n) => sortDeep(n.children));
  };
  sortDeep(roots);
  return { roots, byId };
}

/** Names from the top visible ancestor down to the unit. */
export function unitPathNames(index: UnitIndex, id: number): string[] {
  const names: string[] = [];
  let cur = index.byId.get(id);
  const seen = new Set<number>();
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    names.unshift(cur.name);
    cur = cur.parentId !== null ? index.byId.get(cur.parentId) : undefined;
  }
  return names;
}

export function isInSubtree(unit: Pick<Unit, 'path'>, ancestor: Pick<Unit, 'path'>): boolean {
  return unit.path.startsWith(ancestor.path);
}

/** Keeps nodes whose name contains the keyword, with their ancestors; returns the ids to expand. */
export function filterUnitTree(roots: UnitNode[], keyword: string): { roots: UnitNode[]; expand: number[] } {
  const k = keyword.trim().toLowerCase();
  if (!k) return { roots, expand: [] };
  const expand: number[] = [];
  const walk = (nodes: UnitNode[]): UnitNode[] =>
    nodes.flatMap((n) => {
      const kids = walk(n.children);
      if (kids.length) expand.push(n.id);
      return n.name.toLowerCase().includes(k) || kids.length ? [{ ...n, children: kids }] : [];
    });
  return { roots: walk(roots), expand };
}

/** Ids of the first levels, for a tree that opens partly expanded. */
export function idsToDepth(roots: UnitNode[], levels: number): number[] {
  const out: number[] = [];
  const walk = (nodes: UnitNode[], level: number) => {
    if (level >= levels) return;
    for (const n of nodes) {
      if (n.children.length) out.push(n.id);
      walk(n.children, level + 1);
    }
  };
  walk(roots, 0);
  return out;
}

export interface UnitSelectOption {
  value: number;
  title: string;
  disabled?: boolean;
  children: UnitSelectOption[];
}

/** TreeSelect data; `disable` greys out targets the caller may not pick. */
export function toSelectTree(nodes: UnitNode[], disable: (u: UnitNode) => boolean = () => false): UnitSelectOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.disabled ? `${n.name}（已停用）` : n.name,
    disabled: disable(n),
    children: toSelectTree(n.children, disable),
  }));
}
