import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Drawer, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { LecturerDetail, LecturerLectureView, LecturerView } from '../../../../common/duty';
import { ACTIVITY_STATUS_ZH, beijingDay, LECTURER_LEVELS, type ActivityStatus, type LecturerLevel } from '../../../../common/learning';
import { api, toQuery } from '../../../api';
import { can } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import { DownloadButton } from '../../../components/DownloadButton';
import { showError, showSuccess } from '../../../components/feedback';
import { PageContainer } from '../../../components/PageContainer';
import { useYearParam, YearSelect } from '../duty/YearSelect';
import { LecturerFormModal } from './LecturerFormModal';

interface Filters {
  level?: LecturerLevel;
  speciality?: string;
  q?: string;
  active?: 'true' | 'false';
}

/** 师资库 (/learning/lecturers): lecturers with their lectures of the year; organiser/admin edit, unit admins read. */
export default function LecturersPage() {
  const { me } = useMe();
  const editor = can(me, 'learning.manage');
  const [year, setYear] = useYearParam();
  const [f, setF] = useState<Filters>({ active: 'true' });
  const [qText, setQText] = useState('');
  const [editing, setEditing] = useState<LecturerView | null | undefined>(undefined);
  const [openId, setOpenId] = useState<number | null>(null);
  const qc = useQueryClient();
  const params = { ...f, year };
  const list = useQuery({ queryKey: ['lecturers', params], queryFn: () => api.get<{ items: LecturerView[] }>('/api/lecturers', params) });
  const del = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (id: number) => api.del(`/api/lecturers/${id}`),
    onSuccess: () => {
      showSuccess('已删除');
      void qc.invalidateQueries({ queryKey: ['lecturers'] });
    },
    onError: showError,
  });
  const specialities = [...new Set((list.data?.items ?? []).flatMap((l) => l.specialities))].sort();

  return (
    <PageContainer
      title="师资库"
      subtitle="区级、街乡级、村社区级法治讲师；讲课次数统计所选年度已举行的讲法/学法活动。"
      extra={
        <Space wrap>
          <YearSelect value={year} onChange={setYear} />
          <DownloadButton url={`/api/lecturers/export${toQuery(params)}`} filename={`师资库-${year}.xlsx`}>
            导出Excel
          </DownloadButton>
          {editor && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>
              新增讲师
            </Button>
          )}
        </Space>
      }
    >
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder="姓名、单位、职务"
            value={qText}
            onChange={(e) => setQText(e.target.value)}
            onSearch={(v) => setF({ ...f, q: v.trim() || undefined })}
            style={{ width: 220 }}
          />
          <Select<LecturerLevel>
            allowClear
            placeholder="全部级别"
            value={f.level}
            onChange={(v) => setF({ ...f, level: v })}
            options={LECTURER_LEVELS.map((l) => ({ value: l, label: l }))}
            style={{ width: 130 }}
          />
          <Select<string>
            allowClear
            showSearch
            placeholder="专长"
            value={f.speciality}
            onChange={(v) => setF({ ...f, speciality: v })}
            options={(f.speciality && !specialities.includes(f.speciality) ? [f.speciality, ...specialities] : specialities).map((s) => ({ value: s, label: s }))}
            style={{ width: 150 }}
          />
          <Select<'true' | 'false' | 'all'>
            value={f.active ?? 'all'}
            onChange={(v) => setF({ ...f, active: v === 'all' ? undefined : v })}
            options={[
              { value: 'true', label: '在库' },
              { value: 'false', label: '已停用' },
              { value: 'all', label: '全部' },
            ]}
            style={{ width: 100 }}
          />
        </Space>
        <Table<LecturerView>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
          scroll={{ x: 900 }}
          locale={{ emptyText: f.q || f.level || f.speciality ? '没有符合条件的讲师' : '师资库还没有讲师' }}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              width: 110,
              fixed: 'left',
              render: (n: string, r) => (
                <Space size={4}>
                  <a onClick={() => setOpenId(r.id)}>{n}</a>
                  {!r.active && <Tag>停用</Tag>}
                </Space>
              ),
            },
            { title: '级别', dataIndex: 'level', width: 90, render: (l: string) => <Tag color="blue">{l}</Tag> },
            { title: '工作单位', dataIndex: 'organisation', render: (s: string | null) => s ?? '—' },
            { title: '职务/职称', dataIndex: 'title', width: 120, render: (s: string | null) => s ?? '—' },
            { title: '专长', dataIndex: 'specialities', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
            { title: `${year}年讲课`, dataIndex: 'lecturesInYear', width: 90, align: 'right', render: (n: number) => `${n} 次` },
            {
              title: '最近一次',
              key: 'last',
              width: 200,
              render: (_: unknown, r) => (r.lastLecture ? `${beijingDay(new Date(r.lastLecture.startsAt))} ${r.lastLecture.title}` : '—'),
            },
            ...(editor
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    width: 110,
                    fixed: 'right' as const,
                    render: (_: unknown, r: LecturerView) => (
                      <Space size={4}>
                        <Button size="small" type="link" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(r)} aria-label={`修改${r.name}`} />
                        <Popconfirm title={`删除讲师“${r.name}”？`} description="有讲课记录的讲师不能删除，可设为停用。" okText="删除" okButtonProps={{ danger: true }} onConfirm={() => del.mutate(r.id)}>
                          <Button size="small" type="link" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除${r.name}`} />
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <LecturerFormModal open={editing !== undefined} lecturer={editing ?? null} onClose={() => setEditing(undefined)} />
      {openId !== null && <LecturerDrawer id={openId} year={year} onClose={() => setOpenId(null)} />}
    </PageContainer>
  );
}

function LecturerDrawer({ id, year, onClose }: { id: number; year: number; onClose: () => void }) {
  const detail = useQuery({ queryKey: ['lecturers', 'detail', id, year], queryFn: () => api.get<LecturerDetail>(`/api/lecturers/${id}`, { year }) });
  const d = detail.data;
  return (
    <Drawer open onClose={onClose} title={d ? `讲师：${d.name}` : '讲师'} size="large" loading={detail.isLoading}>
      {d && (
        <>
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="级别">{d.level}</Descriptions.Item>
            <Descriptions.Item label="状态">{d.active ? '在库' : '已停用'}</Descriptions.Item>
            <Descriptions.Item label="工作单位">{d.organisation ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="职务/职称">{d.title ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{d.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="对应人员">{d.personName ?? '外部讲师'}</Descriptions.Item>
            <Descriptions.Item label="专长" span={2}>
              {d.specialities.length ? d.specialities.map((s) => <Tag key={s}>{s}</Tag>) : '—'}
            </Descriptions.Item>
            {d.intro && (
              <Descriptions.Item label="简介" span={2}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.intro}</Typography.Paragraph>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5}>讲课记录（{d.lectures.length}）</Typography.Title>
          <Table<LecturerLectureView>
            rowKey="id"
            size="small"
            dataSource={d.lectures}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: '还没有讲课记录' }}
            columns={[
              { title: '日期', dataIndex: 'startsAt', width: 110, render: (s: string) => beijingDay(new Date(s)) },
              { title: '主题', dataIndex: 'title' },
              { title: '形式', dataIndex: 'kind', width: 110 },
              { title: '主办单位', dataIndex: 'hostUnitName', width: 140 },
              { title: '状态', dataIndex: 'status', width: 80, render: (s: string) => ACTIVITY_STATUS_ZH[s as ActivityStatus] ?? s },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
