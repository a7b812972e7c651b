import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { PageContainer } from '../../components/PageContainer';
import type { AuditEntry, AuditFilter, Page } from '../../types';
import { AuditDiff } from './AuditDiff';
import { AuditFilters } from './AuditFilters';
import { actionLabel, ENTITY_ZH } from './auditActions';

const PAGE_SIZE = 20;

const ACTION_COLOR = (a: string) => (a.includes('fail') || a.includes('locked') || a.includes('delete') ? 'red' : a.includes('reveal') || a.includes('reset') || a.includes('roles') ? 'orange' : 'blue');

export default function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['audit', filter, page],
    queryFn: () => api.get<Page<AuditEntry>>('/api/audit', { ...filter, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  return (
    <PageContainer title="审计日志" subtitle="记录登录、修改、导入导出、查看身份证号等操作，不可修改或删除。">
      <Card>
        <AuditFilters
          applied={filter}
          onApply={(f) => {
            setFilter(f);
            setPage(1);
          }}
        />
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的记录" /> }}
          expandable={{
            expandedRowRender: (r) => <AuditDiff entry={r} />,
            rowExpandable: (r) => r.before != null || r.after != null,
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: q.data?.total ?? 0,
            showSizeChanger: false,
            showQuickJumper: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: setPage,
          }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
            { title: '操作人', dataIndex: 'actorName', width: 120, render: (v: string | null) => v ?? '—' },
            { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
            { title: '操作', dataIndex: 'action', width: 140, render: (v: string) => <Tag color={ACTION_COLOR(v)}>{actionLabel(v)}</Tag> },
            {
              title: '对象',
              key: 'entity',
              width: 120,
              render: (_, r) => (r.entityType ? `${ENTITY_ZH[r.entityType] ?? r.entityType}${r.entityId != null ? ` #${r.entityId}` : ''}` : '—'),
            },
            { title: '摘要', dataIndex: 'summary', ellipsis: true, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
