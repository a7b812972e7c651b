import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { UnitNode } from './unitTree';
import { toSelectTree } from './unitTree';
import { useUnits } from './useUnits';

interface Props {
  value?: number | null;
  onChange?: (v: number | undefined) => void;
  placeholder?: string;
  /** nodes that cannot be chosen (still shown for context) */
  disableNode?: (u: UnitNode) => boolean;
  allowClear?: boolean;
  id?: string;
  style?: React.CSSProperties;
}

/** Pick one unit from the tree the user can see; searchable by name. */
export function UnitTreeSelect({ value, onChange, placeholder = '请选择单位', disableNode, allowClear, id, style }: Props) {
  const { index, isLoading } = useUnits();
  const treeData = useMemo(() => toSelectTree(index.roots, disableNode), [index, disableNode]);
  return (
    <TreeSelect<number>
      id={id}
      style={{ width: '100%', ...style }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      placeholder={placeholder}
      loading={isLoading}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll={index.byId.size <= 60}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto', minWidth: 280 } } }}
      treeLine
    />
  );
}
