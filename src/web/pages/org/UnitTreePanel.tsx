import { Empty, Input, Skeleton, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { pathIds } from '../../auth/permissions';
import { useWindowHeight } from '../../components/useWindowHeight';
import { filterUnitTree, idsToDepth, type UnitNode } from './unitTree';
import { useUnits } from './useUnits';
import './unit-tree.css';

interface Props {
  selectedId: number | null;
  onSelect: (id: number | null) => void;
  /** allow clicking the selected node again to clear the selection (people filter) */
  allowDeselect?: boolean;
  header?: ReactNode;
}

function toTreeData(nodes: UnitNode[]): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: (
      <span className={n.disabled ? 'unit-tree__title unit-tree__title--disabled' : 'unit-tree__title'}>
        <span className="unit-tree__name">{n.name}</span>
        {n.disabled && <Tag style={{ marginInline: 4 }}>停用</Tag>}
        <span className="unit-tree__count" title={`含下级单位在职 ${n.totalPeople} 人`}>
          {n.totalPeople}
        </span>
      </span>
    ),
    children: toTreeData(n.children),
  }));
}

/** The unit tree with a search box; used by 单位管理 and as the 人员管理 filter. */
export function UnitTreePanel({ selectedId, onSelect, allowDeselect, header }: Props) {
  const { index, isLoading } = useUnits();
  // The panel is sticky beside long tables, so the tree scrolls inside it rather than off screen.
  const treeHeight = Math.min(640, Math.max(240, useWindowHeight() - 330));
  const [keyword, setKeyword] = useState('');
  // null: the default — the first two levels plus the way down to the selected unit, or every
  // match while searching. Clicking a switcher turns it into an explicit list.
  const [expanded, setExpanded] = useState<React.Key[] | null>(null);
  const filtered = useMemo(() => filterUnitTree(index.roots, keyword), [index, keyword]);
  const treeData = useMemo(() => toTreeData(filtered.roots), [filtered]);
  const selectedPath = selectedId ? index.byId.get(selectedId)?.path : undefined;
  const defaultExpanded = useMemo(() => {
    const ancestors = selectedPath ? pathIds(selectedPath).slice(0, -1) : [];
    return [...new Set([...idsToDepth(index.roots, 2), ...ancestors])];
  }, [index, selectedPath]);
  const expandedKeys = expanded ?? (keyword.trim() ? filtered.expand : defaultExpanded);

  return (
    <div className="unit-tree">
      {header}
      <Input.Search
        allowClear
        placeholder="搜索单位名称"
        aria-label="搜索单位"
        value={keyword}
        onChange={(e) => {
          setKeyword(e.target.value);
          setExpanded(null);
        }}
        style={{ marginBottom: 12 }}
      />
      {isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={keyword ? '没有匹配的单位' : '暂无单位'} />
      ) : (
        <Tree
          blockNode
          showLine
          treeData={treeData}
          expandedKeys={expandedKeys}
          onExpand={(keys) => setExpanded(keys)}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys, info) => {
            if (keys.length) onSelect(Number(keys[0]));
            else if (allowDeselect) onSelect(null);
            else onSelect(Number(info.node.key));
          }}
          virtual
          height={treeHeight}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        数字为含下级单位的在职人数
      </Typography.Text>
    </div>
  );
}
