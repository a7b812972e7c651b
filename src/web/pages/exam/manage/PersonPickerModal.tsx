import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api';
import type { Page, Person } from '../../../types';
import { UnitTreeSelect } from '../../org/UnitTreeSelect';

interface Props {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onPick: (people: Person[]) => void;
}

/** 添加考生: search people (name, 工号, 身份证号; optionally within a unit subtree) and pick several. */
export function PersonPickerModal({ open, busy, onCancel, onPick }: Props) {
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState<Map<number, Person>>(new Map());
  const list = useQuery({
    queryKey: ['people', 'pick', { q, unitId, page }],
    queryFn: () => api.get<Page<Person>>('/api/people', { q: q || undefined, unitId, subtree: unitId ? true : undefined, status: '在职', page, pageSize: 10 }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const toggle = (rows: Person[], on: boolean) =>
    setPicked((m) => {
      const n = new Map(m);
      for (const r of rows) {
        if (on) n.set(r.id, r);
        else n.delete(r.id);
      }
      return n;
    });
  return (
    <Modal
      title="添加考生"
      open={open}
      width={860}
      onCancel={onCancel}
      afterClose={() => setPicked(new Map())}
      okText={`添加 ${picked.size} 人`}
      okButtonProps={{ disabled: picked.size === 0, loading: busy }}
      onOk={() => onPick([...picked.values()])}
      destroyOnHidden
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="姓名、工号或身份证号" aria-label="搜索人员" onSearch={(v) => (setQ(v.trim()), setPage(1))} style={{ width: 260 }} />
        <UnitTreeSelect value={unitId} onChange={(v) => (setUnitId(v), setPage(1))} allowClear placeholder="全部单位" style={{ width: 260 }} />
      </Space>
      <Table<Person>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        rowSelection={{ selectedRowKeys: [...picked.keys()], onSelect: (r, on) => toggle([r], on), onSelectAll: (on, _rows, changed) => toggle(changed, on) }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 人` }}
        locale={{ emptyText: '没有符合条件的在职人员' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '单位', dataIndex: 'unitPathNames', render: (p: string[]) => p.join(' / ') },
          { title: '职务', dataIndex: 'title', width: 120, render: (t: string | null) => t ?? '—' },
          { title: '职级', dataIndex: 'rank', width: 100, render: (t: string | null) => t ?? '—' },
          { title: '工号', dataIndex: 'employeeNo', width: 100, render: (t: string | null) => t ?? '—' },
        ]}
      />
      {picked.size > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          已选：{[...picked.values()].map((p) => p.name).join('、')}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
