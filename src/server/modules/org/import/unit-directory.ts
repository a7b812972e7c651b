/** Resolving the 单位 column of an import row to an existing unit, or to units the import will create. */
import { MAX_UNIT_DEPTH } from '../../../../common/org';
import { canManageUnitPath, hasRole, type Principal } from '../../../platform/principal';
import type { UnitRow } from '../units';

const UNIT_NAME_MAX = 60;

export interface NewUnit {
  /** full path of names, "某区/司法局/新科" — also how rows refer to it */
  key: string;
  name: string;
  /** an existing parent, or null with parentKey for a parent created by the same import */
  parentId: number | null;
  parentKey: string | null;
  depth: number;
}

export type UnitTarget = { unitId: number } | { newUnitKey: string };

const looseKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '');
const unitOutOfScope = (path: string) => `单位“${path}”不存在或不在您的管理范围内`;

type UnitResolution = { ok: true; target: UnitTarget; pathNames: string[] } | { ok: false; message: string; segment: number };

/**
 * Finds units by path. Rules (also written in the template's 说明 sheet):
 * - a path is walked by name from a top-level unit: 某区/司法局/法制科;
 * - a single name is accepted when exactly one unit in the importer's scope has it;
 * - with createUnits, the missing tail of a path is created under the deepest existing unit,
 *   which must be in scope (a top-level unit only by a 系统管理员);
 * - an out-of-scope unit reads the same as a missing one, so a unit admin learns nothing.
 */
export class UnitDirectory {
  private readonly byId = new Map<number, UnitRow>();
  private readonly children = new Map<number, UnitRow[]>();
  private readonly byLooseName = new Map<string, UnitRow[]>();
  private readonly namesCache = new Map<number, string[]>();
  private readonly cache = new Map<string, UnitResolution>();
  readonly created = new Map<string, NewUnit>();

  constructor(
    list: UnitRow[],
    private readonly p: Principal,
    private readonly createUnits: boolean,
  ) {
    for (const u of list) {
      this.byId.set(u.id, u);
      const siblings = this.children.get(u.parentId ?? 0) ?? [];
      siblings.push(u);
      this.children.set(u.parentId ?? 0, siblings);
      const k = looseKey(u.name);
      this.byLooseName.set(k, [...(this.byLooseName.get(k) ?? []), u]);
    }
  }

  get(id: number) {
    return this.byId.get(id);
  }

  pathNames(u: UnitRow): string[] {
    let names = this.namesCache.get(u.id);
    if (!names) {
      names = u.path
        .split('/')
        .filter(Boolean)
        .map((id) => this.byId.get(Number(id))?.name ?? '?');
      this.namesCache.set(u.id, names);
    }
    return names;
  }

  private canManage(u: UnitRow) {
    return canManageUnitPath(this.p, u.path);
  }

  private child(parentId: number | null, name: string): UnitRow | undefined {
    const list = this.children.get(parentId ?? 0) ?? [];
    const exact = list.find((u) => u.name === name);
    if (exact) return exact;
    const loose = list.filter((u) => looseKey(u.name) === looseKey(name));
    return loose.length === 1 ? loose[0] : undefined;
  }

  resolve(segs: string[], unitColumnSegments: number): UnitResolution {
    const cacheKey = `${unitColumnSegments}\u0000${segs.join('\u0000')}`;
    let r = this.cache.get(cacheKey);
    if (!r) {
      r = this.resolveUncached(segs, unitColumnSegments);
      this.cache.set(cacheKey, r);
    }
    return r;
  }

  private resolveUncached(segs: string[], unitColumnSegments: number): UnitResolution {
    const full = segs.join('/');
    const err = (message: string, segment: number): UnitResolution => ({ ok: false, message, segment });
    let cur: UnitRow | null = null;
    let i = 0;
    if (unitColumnSegments === 1) {
      const inScope = (this.byLooseName.get(looseKey(segs[0])) ?? []).filter((u) => this.canManage(u));
      const exact = inScope.filter((u) => u.name === segs[0]);
      const pool = exact.length ? exact : inScope;
      if (pool.length > 1) {
        return err(`有${pool.length}个名为“${segs[0]}”的单位，请填写完整路径，如“${this.pathNames(pool[0]).join('/')}”`, 0);
      }
      if (pool.length === 1) {
        cur = pool[0];
        i = 1;
      }
    }
    for (; i < segs.length; i++) {
      const next = this.child(cur?.id ?? null, segs[i]);
      if (!next) break;
      cur = next;
    }
    if (i === segs.length && cur) {
      if (!this.canManage(cur)) return err(unitOutOfScope(full), segs.length - 1);
      return { ok: true, target: { unitId: cur.id }, pathNames: this.pathNames(cur) };
    }
    if (!cur) {
      // Not even the first level exists at the top. A path written from the middle of the tree
      // would otherwise create a second tree next to the real one.
      const nested = (this.byLooseName.get(looseKey(segs[0])) ?? []).filter((u) => u.parentId !== null && this.canManage(u));
      if (nested.length) return err(`单位路径应从顶级单位写起，如“${[...this.pathNames(nested[0]), ...segs.slice(1)].join('/')}”`, 0);
      if (!hasRole(this.p, 'admin')) return err(unitOutOfScope(full), 0);
    } else if (!this.canManage(cur)) {
      return err(unitOutOfScope(full), i);
    }
    if (!this.createUnits) {
      const where = cur ? `“${this.pathNames(cur).join('/')}”下没有“${segs[i]}”` : `没有名为“${segs[0]}”的顶级单位`;
      return err(`单位“${full}”不存在（${where}）；如需自动创建，请勾选“自动创建不存在的单位”`, i);
    }
    if (cur?.disabled) return err(`单位“${this.pathNames(cur).join('/')}”已停用，不能在其下创建单位`, i);
    const lastDepth = (cur ? cur.depth : -1) + (segs.length - i);
    if (lastDepth >= MAX_UNIT_DEPTH) return err(`单位层级不能超过${MAX_UNIT_DEPTH}级`, segs.length - 1);
    const tooLong = segs.findIndex((s, j) => j >= i && s.length > UNIT_NAME_MAX);
    if (tooLong >= 0) return err(`单位名称“${segs[tooLong]}”超过${UNIT_NAME_MAX}个字符`, tooLong);

    let names = cur ? [...this.pathNames(cur)] : [];
    let parentKey: string | null = null;
    let depth = cur ? cur.depth : -1;
    for (let j = i; j < segs.length; j++) {
      names = [...names, segs[j]];
      depth++;
      const key = names.join('/');
      if (!this.created.has(key)) {
        this.created.set(key, { key, name: segs[j], parentId: j === i ? (cur?.id ?? null) : null, parentKey: j === i ? null : parentKey, depth });
      }
      parentKey = key;
    }
    return { ok: true, target: { newUnitKey: parentKey! }, pathNames: names };
  }
}
