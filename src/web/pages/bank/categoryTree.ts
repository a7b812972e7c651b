import type { Category } from './types';

export interface CategoryNode extends Category {
  children: CategoryNode[];
  /** questions in this category and below */
  total: number;
}

/** Flat categories (ordered by depth) → a tree with subtree counts. */
export function buildCategoryTree(categories: Category[]): CategoryNode[] {
  const byId = new Map<number, CategoryNode>();
  const roots: CategoryNode[] = [];
  for (const c of categories) byId.set(c.id, { ...c, children: [], total: c.questionCount });
  for (const c of categories) {
    const node = byId.get(c.id)!;
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sum = (n: CategoryNode): number => (n.total = n.questionCount + n.children.reduce((s, ch) => s + sum(ch), 0));
  roots.forEach(sum);
  return roots;
}

/** "民法 / 总则" for a category id. */
export function categoryLabel(categories: Category[], id: number | null | undefined): string {
  if (!id) return '';
  const byId = new Map(categories.map((c) => [c.id, c]));
  const names: string[] = [];
  for (let c = byId.get(id); c; c = c.parentId ? byId.get(c.parentId) : undefined) names.unshift(c.name);
  return names.join(' / ');
}
