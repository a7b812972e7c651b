import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { kindsOf, type ActivityListItem } from '../../../../common/activities';
import { ACTIVITY_STATUS_ZH, ACTIVITY_STATUSES, type ActivityCategory, type ActivityStatus } from '../../../../common/learning';
import { toQuery } from '../../../api';
import { DownloadButton } from '../../../components/DownloadButton';
import { PageContainer } from '../../../components/PageContainer';
import { UnitTreeSelect } from '../../org/UnitTreeSelect';
import { ActivityFormDrawer } from './ActivityFormDrawer';
import { CATEGORY_PATH, CATEGORY_TITLE, fmtTime, PRESENTER_LABEL, StatusTag } from './labels';
import { useActivityFilters, useActivityList } from './useActivities';

const SUBTITLE: Record<ActivityCategory, string> = {
  study: '中心组专题学法、会前学法、集中学法、专题培训和旁听庭审的记录与参加人员；参加人员按时长计入学时。',
  lecture: '会前讲法、法治大讲堂、以案释法等讲法活动的记录与听讲人员；党政主要负责人讲法计入讲法责任。',
};

/** 集体学法 / 讲法活动 list: filters in the URL, Excel export of the filtered list, 登记 in a drawer. */
export function ActivityListPage({ category }: { category: ActivityCategory }) {
  const navigate = useNavigate();
  const { query, update } = useActivityFilters(category);
  const list = useActivityList(query);
  const [creating, setCreating] = useState(false);
  const [session, setSession] = useState(0);
  const data = list.data;
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => thisYear + 1 - i);
  const { page: _page, ...exportFilters } = query;
  const title = CATEGORY_TITLE[category];

  return (
    <PageContainer
      title={title}
      subtitle={SUBTITLE[category]}
      extra={
        <Space wrap>
          <DownloadButton url={`/api/activities/export.xlsx${toQuery(exportFilters)}`} filename={`${title}.xlsx`}>
            导出 Excel
          </DownloadButton>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => (setSession((n) => n + 1), setCreating(true))}>
            登记{title}
          </Button>
        </Space>
      }
    >
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label="年度"
            allowClear
            placeholder="全部年度"
            style={{ width: 120 }}
            value={query.year}
            onChange={(v) => update({ year: v })}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
          />
          <Select
            aria-label="形式"
            allowClear
            placeholder="全部形式"
            style={{ width: 160 }}
            value={query.kind}
            onChange={(v) => update({ kind: v })}
            options={kindsOf(category).map((k) => ({ value: k, label: k }))}
          />
          <Select<ActivityStatus>
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 120 }}
            value={query.status}
            onChange={(v) => update({ status: v })}
            options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: ACTIVITY_STATUS_ZH[s] }))}
          />
          <UnitTreeSelect value={query.unitId} onChange={(v) => update({ unitId: v })} allowClear placeholder="全部主办单位（含下级）" style={{ width: 240 }} />
          <Input.Search
            aria-label="搜索"
            allowClear
            placeholder={`主题、${PRESENTER_LABEL[category]}`}
            defaultValue={query.q}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 240 }}
          />
        </Space>
        <Table<ActivityListItem>
          rowKey="id"
          loading={list.isFetching}
          dataSource={data?.items ?? []}
          scroll={{ x: 1000 }}
          pagination={{
            current: data?.page ?? 1,
            pageSize: data?.pageSize ?? 20,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 次`,
            onChange: (page) => update({ page }),
          }}
          locale={{ emptyText: query.q || query.kind || query.status || query.year || query.unitId ? `没有符合条件的${title}` : `还没有${title}记录，点击右上角“登记${title}”开始` }}
          columns={[
            {
              title: '主题',
              dataIndex: 'title',
              render: (t: string, r) => (
                <Space orientation="vertical" size={2}>
                  <Link to={`${CATEGORY_PATH[category]}/${r.id}`}>{t}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.kind}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '时间', dataIndex: 'startsAt', width: 150, render: (t: string) => fmtTime(t) },
            { title: '时长', dataIndex: 'durationMinutes', width: 90, render: (m: number) => `${m} 分钟` },
            { title: '主办单位', dataIndex: 'hostUnitName', width: 150 },
            {
              title: PRESENTER_LABEL[category],
              key: 'presenter',
              width: 140,
              render: (_: unknown, r) => [r.speakerName ?? r.presenter, r.lecturerName].filter(Boolean).join('、') || '—',
            },
            { title: '参加人员', dataIndex: 'attendanceCount', width: 90, render: (n: number, r) => (r.audienceSize && r.audienceSize !== n ? `${n}（申报${r.audienceSize}）` : n) },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: ActivityStatus) => <StatusTag status={s} /> },
            {
              title: '操作',
              key: 'op',
              width: 80,
              fixed: 'right',
              render: (_: unknown, r) => <Link to={`${CATEGORY_PATH[category]}/${r.id}`}>查看</Link>,
            },
          ]}
        />
      </Card>
      <ActivityFormDrawer key={session} category={category} activity={null} open={creating} onClose={() => setCreating(false)} onSaved={(a) => navigate(`${CATEGORY_PATH[category]}/${a.id}`)} />
    </PageContainer>
  );
}
