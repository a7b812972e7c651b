import { Button, Empty, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { ROLE_ZH } from '../../../../common/org';
import { can, canManageUnit } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import type { Page, Person } from '../../../types';
import type { UnitIndex } from '../unitTree';
import { IdNumberCell } from './IdNumberCell';
import { ResetPasswordAction } from './ResetPasswordAction';

const STATUS_COLOR: Record<string, string> = { 在职: 'green', 调离: 'orange', 退休: 'default' };
const dash = (v: string | null) => v || <span style={{ color: 'rgba(0,0,0,0.25)' }}>—</span>;

interface Props {
  data: Page<Person> | undefined;
  loading: boolean;
  units: UnitIndex;
  onPage: (page: number) => void;
  onEdit: (p: Person) => void;
  onRoles: (p: Person) => void;
}

export function PeopleTable({ data, loading, units, onPage, onEdit, onRoles }: Props) {
  const { me } = useMe();
  const canReveal = can(me, 'people.revealId');
  const canRoles = can(me, 'people.roles');
  const mayEdit = (p: Person) => can(me, 'people.edit') && (units.byId.has(p.unitId) ? canManageUnit(me, units.byId.get(p.unitId)) : can(me, 'units.createRoot'));
  const showActions = can(me, 'people.edit');

  const columns = useMemo<ColumnsType<Person>>(() => {
    const cols: ColumnsType<Person> = [
      {
        title: '姓名',
        dataIndex: 'name',
        fixed: 'left',
        width: 160,
        render: (_, p) => (
          <Space size={4} wrap>
            <span style={{ fontWeight: 500 }}>{p.name}</span>
            {p.locked && <Tag color="red">已锁定</Tag>}
            {p.roles.filter((r) => r.role in ROLE_ZH && (r.role as string) !== 'member').map((r) => (
              <Tooltip key={`${r.role}-${r.unitId ?? ''}`} title={r.unitName ? `管理：${r.unitName}` : undefined}>
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {ROLE_ZH[r.role]}
                </Tag>
              </Tooltip>
            ))}
          </Space>
        ),
      },
      {
        title: '单位',
        key: 'unit',
        width: 220,
        ellipsis: { showTitle: false },
        render: (_, p) => {
          const path = (p.unitPathNames?.length ? p.unitPathNames : [p.unitName]).join(' / ');
          return (
            <Tooltip title={path} placement="topLeft">
              {path}
            </Tooltip>
          );
        },
      },
      { title: '职务', dataIndex: 'title', width: 120, ellipsis: true, render: dash },
      { title: '职级', dataIndex: 'rank', width: 90, render: dash },
      { title: '身份证号', key: 'idNumber', width: 210, render: (_, p) => <IdNumberCell person={p} canReveal={canReveal} /> },
      { title: '工号', dataIndex: 'employeeNo', width: 110, render: dash },
      { title: '手机', dataIndex: 'phone', width: 120, render: dash },
      { title: '性别', dataIndex: 'gender', width: 60, render: dash },
      { title: '岗位类别', dataIndex: 'postCategory', width: 100, render: dash },
      { title: '主要负责人', dataIndex: 'isPrincipalLeader', width: 100, render: (v: boolean) => (v ? <Tag color="volcano">主要负责人</Tag> : dash(null)) },
      { title: '执法人员', dataIndex: 'isLawEnforcement', width: 90, render: (v: boolean) => (v ? <Tag color="geekblue">是</Tag> : '否') },
      { title: '状态', dataIndex: 'status', width: 80, render: (v: string) => <Tag color={STATUS_COLOR[v] ?? 'default'}>{v}</Tag> },
    ];
    if (showActions) {
      cols.push({
        title: '操作',
        key: 'actions',
        fixed: 'right',
        width: canRoles ? 210 : 160,
        render: (_, p) =>
          mayEdit(p) ? (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => onEdit(p)}>
                编辑
              </Button>
              <ResetPasswordAction person={p} />
              {canRoles && (
                <Button type="link" size="small" onClick={() => onRoles(p)}>
                  角色
                </Button>
              )}
            </Space>
          ) : (
            <span style={{ color: 'rgba(0,0,0,0.25)' }}>—</span>
          ),
      });
    }
    return cols;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me, units, canReveal, canRoles, showActions, onEdit, onRoles]);

  return (
    <div data-testid="people-table">
    <Table<Person>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      scroll={{ x: 1500 }}
      // Header and horizontal scrollbar stay in view on a long page (the header bar is 64px).
      sticky={{ offsetHeader: 64 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的人员" /> }}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 20,
        total: data?.total ?? 0,
        showSizeChanger: false,
        showQuickJumper: true,
        showTotal: (t) => `共 ${t} 人`,
        onChange: onPage,
      }}
    />
    </div>
  );
}
