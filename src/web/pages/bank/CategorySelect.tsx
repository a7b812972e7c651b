import { TreeSelect } from 'antd';
import type { TreeDataNode } from 'antd';
import { useMemo } from 'react';
import { buildCategoryTree, type CategoryNode } from './categoryTree';
import { useCategories } from './useBank';

const toData = (nodes: CategoryNode[]): (TreeDataNode & { value: number })[] =>
  nodes.map((n) => ({ key: n.id, value: n.id, title: n.name, children: toData(n.children) }));

/** 分类 picker (TreeSelect) for forms. */
export function CategorySelect({ value, onChange, id, placeholder }: { value?: number | null; onChange?: (v: number | null) => void; id?: string; placeholder?: string }) {
  const { categories, isLoading } = useCategories();
  const data = useMemo(() => toData(buildCategoryTree(categories)), [categories]);
  return (
    <TreeSelect
      id={id}
      allowClear
      showSearch
      treeDefaultExpandAll
      loading={isLoading}
      placeholder={placeholder ?? '不分类'}
      treeData={data}
      treeNodeFilterProp="title"
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      style={{ width: '100%' }}
    />
  );
}
