import { Badge, Card, Descriptions, Empty, Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { UnitIndex, UnitNode } from '../unitTree';
import { unitPathNames } from '../unitTree';
import { pathIds } from '../../../auth/permissions';

type ChildRow = Omit<UnitNode, 'children'> & { subUnits: number };

interface Props {
  unit: UnitNode;
  index: UnitIndex;
  actions: ReactNode;
  onOpenChild: (id: number) => void;
}

/** Details of the selected unit and its direct sub-units. */
export function UnitDetail({ unit, index, actions, onOpenChild }: Props) {
  const parent = unit.parentId !== null ? index.byId.get(unit.parentId) : undefined;
  return (
    <>
      <Card
        title={
          <span>
            {unit.name} {unit.disabled ? <Tag style={{ marginInlineStart: 8 }}>停用</Tag> : null}
          </span>
        }
        style={{ marginBottom: 16 }}
      >
        <div style={{ marginBottom: 20 }}>{actions}</div>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} bordered size="small">
          <Descriptions.Item label="完整路径" span={3}>
            {unitPathNames(index, unit.id).join(' / ')}
          </Descriptions.Item>
          <Descriptions.Item label="上级单位">{parent ? parent.name : unit.parentId === null ? '（顶级单位）' : '—'}</Descriptions.Item>
          <Descriptions.Item label="层级">第 {pathIds(unit.path).length} 级</Descriptions.Item>
          <Descriptions.Item label="状态">{unit.disabled ? <Badge status="default" text="停用" /> : <Badge status="success" text="正常" />}</Descriptions.Item>
          <Descriptions.Item label="本单位在职人数">{unit.peopleCount} 人</Descriptions.Item>
          <Descriptions.Item label="含下级单位在职人数">{unit.totalPeople} 人</Descriptions.Item>
          <Descriptions.Item label="排序号">{unit.sortOrder}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={`下级单位（${unit.children.length}）`}>
        <Table<ChildRow>
          rowKey="id"
          size="middle"
          // Plain rows: a `children` field would make antd render a nested tree here.
          dataSource={unit.children.map(({ children, ...u }) => ({ ...u, subUnits: children.length }))}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无下级单位" /> }}
          onRow={(r) => ({ onClick: () => onOpenChild(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '单位名称', dataIndex: 'name' },
            { title: '下级单位', dataIndex: 'subUnits', width: 100 },
            { title: '本单位在职', dataIndex: 'peopleCount', width: 110 },
            { title: '含下级在职', dataIndex: 'totalPeople', width: 110 },
            { title: '排序号', dataIndex: 'sortOrder', width: 90 },
            { title: '状态', width: 90, render: (_, r) => (r.disabled ? <Tag>停用</Tag> : <Tag color="success">正常</Tag>) },
          ]}
        />
      </Card>
    </>
  );
}
