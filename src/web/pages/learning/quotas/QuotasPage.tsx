import { BellOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, Empty, Grid, Popconfirm, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  PACE_STATUS_ZH,
  UNIT_ON_PACE_THRESHOLD,
  type ActivityQuotaUnitRow,
  type HoursQuotaPersonRow,
  type HoursQuotaUnitRow,
  type PaceStatus,
  type QuotaProgress,
  type QuotaView,
  type RemindResult,
} from '../../../../common/duty';
import { api } from '../../../api';
import { can } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import { DownloadButton } from '../../../components/DownloadButton';
import { showError, showSuccess } from '../../../components/feedback';
import { PageContainer } from '../../../components/PageContainer';
import { useYearParam, YearSelect } from '../duty/YearSelect';
import { QuotaFormModal } from './QuotaFormModal';

const PACE_COLOR: Record<PaceStatus, string> = { done: 'green', on_pace: 'blue', behind: 'red' };
const PaceTag = ({ status }: { status: PaceStatus }) => <Tag color={PACE_COLOR[status]}>{PACE_STATUS_ZH[status]}</Tag>;
const unitLabel = (names: string[]) => <span title={names.join('/')}>{names.slice(-2).join('/')}</span>;
const percent = (f: number) => Math.round(f * 1000) / 10;

function describe(q: QuotaView): string {
  if (q.metric === 'activity_count') return `${q.unitIds.length}个单位各自主办“${q.activityKind ?? ''}”全年至少 ${q.target} 次`;
  const r = q.rule;
  const parts = [
    r?.unitIds.length ? `${r.unitIds.length}个单位（含下级）` : '',
    r?.ranks.length ? r.ranks.join('、') : '',
    r?.postCategories.length ? r.postCategories.join('、') : '',
    r?.principalLeadersOnly ? '党政主要负责人' : '',
  ].filter(Boolean);
  return `${parts.length ? parts.join('，') : '全体在职人员'}每人全年至少 ${q.target} 学时`;
}

/**
 * 学法指标 (/learning/quotas): quotas of the year (organiser edits), their progress against a
 * linear pace through the year with behind units in red, drill-down to people, reminders, Excel.
 */
export default function QuotasPage() {
  const { me } = useMe();
  const editor = can(me, 'learning.manage');
  const [year, setYear] = useYearParam();
  const [editing, setEditing] = useState<QuotaView | null | undefined>(undefined);
  const qc = useQueryClient();
  const progress = useQuery({
    queryKey: ['learning', 'quotas', 'progress', year],
    queryFn: () => api.get<{ year: number; at: string; items: QuotaProgress[] }>('/api/learning/quotas/progress', { year }),
  });
  const del = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (id: number) => api.del(`/api/learning/quotas/${id}`),
    onSuccess: () => {
      showSuccess('指标已删除');
      void qc.invalidateQueries({ queryKey: ['learning', 'quotas'] });
    },
    onError: showError,
  });
  const items = progress.data?.items ?? [];
  const fraction = items[0]?.fraction;
  // a reminder links to ?quotaId=: bring that quota into view once it is loaded
  const [sp] = useSearchParams();
  const focusId = Number(sp.get('quotaId')) || null;
  const loaded = items.length > 0;
  useEffect(() => {
    if (loaded && focusId) document.getElementById(`quota-${focusId}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [loaded, focusId]);

  return (
    <PageContainer
      title="学法指标"
      subtitle={
        <>
          进度按全年均匀推进计算：到今天应完成“目标 × 已过去的时间比例”{fraction !== undefined ? `（今天约 ${percent(fraction)}%）` : ''}。活动次数：单位完成数少于应完成数（向下取整）为“落后”；个人学时：本人学时少于应达学时为“落后”，单位中进度正常的人数少于{' '}
          {UNIT_ON_PACE_THRESHOLD * 100}% 时该单位标红。
        </>
      }
      extra={
        <Space wrap>
          <YearSelect value={year} onChange={setYear} />
          {editor && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>
              新增指标
            </Button>
          )}
        </Space>
      }
    >
      {!progress.isLoading && items.length === 0 && (
        <Card>
          <Empty description={`${year}年度还没有学法指标${editor ? '，点“新增指标”设置' : ''}`} />
        </Card>
      )}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {items.map((p) => (
          <QuotaCard
            key={p.quota.id}
            progress={p}
            loading={progress.isFetching}
            editor={editor}
            onEdit={() => setEditing(p.quota)}
            onDelete={() => del.mutate(p.quota.id)}
          />
        ))}
      </Space>
      <QuotaFormModal open={editing !== undefined} quota={editing ?? null} year={year} onClose={() => setEditing(undefined)} />
    </PageContainer>
  );
}

function QuotaCard({ progress: p, loading, editor, onEdit, onDelete }: { progress: QuotaProgress; loading: boolean; editor: boolean; onEdit: () => void; onDelete: () => void }) {
  const { modal } = App.useApp();
  const q = p.quota;
  const [drill, setDrill] = useState<HoursQuotaUnitRow | null>(null);
  const remind = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (dryRun: boolean) => api.post<RemindResult>('/api/learning/quotas/remind', { year: q.year, quotaId: q.id, dryRun }),
  });

  // on a phone the buttons go under the title, so the quota's name keeps the header's width
  const narrow = !Grid.useBreakpoint().md;
  const askRemind = async () => {
    try {
      const preview = await remind.mutateAsync(true);
      const fresh = preview.recipients - preview.alreadyThisWeek;
      if (preview.recipients === 0) {
        modal.info({ title: '无需提醒', content: '没有进度落后的单位或人员（或相关人员没有账号/单位管理员）。' });
        return;
      }
      modal.confirm({
        title: `发送提醒：${q.name}`,
        content: (
          <div>
            <p>
              将提醒落后单位的单位管理员{q.metric === 'personal_hours' ? '及进度落后的人员' : ''}，共 <b>{preview.recipients}</b> 条。
            </p>
            {preview.alreadyThisWeek > 0 && <p>其中 {preview.alreadyThisWeek} 条本周已发送过，不会重复发送；本次实际发送 {fresh} 条。</p>}
          </div>
        ),
        okText: fresh > 0 ? `发送（${fresh}条）` : '知道了',
        onOk: async () => {
          if (fresh === 0) return;
          try {
            const r = await remind.mutateAsync(false);
            showSuccess(`已发送 ${r.sent} 条提醒`);
          } catch (err) {
            showError(err);
          }
        },
      });
    } catch (err) {
      showError(err);
    }
  };

  const actions = (
    <Space wrap size={4}>
      <Button size="small" icon={<BellOutlined aria-hidden />} loading={remind.isPending} onClick={() => void askRemind()}>
        发送提醒
      </Button>
      <DownloadButton url={`/api/learning/quotas/${q.id}/export`} filename={`学法指标-${q.name}-${q.year}.xlsx`}>
        导出
      </DownloadButton>
      {editor && (
        <>
          <Button size="small" icon={<EditOutlined aria-hidden />} onClick={onEdit}>
            修改
          </Button>
          <Popconfirm title="删除此指标？" description="只删除指标本身，不影响学时和活动记录。" onConfirm={onDelete} okText="删除" okButtonProps={{ danger: true }}>
            <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label="删除指标" />
          </Popconfirm>
        </>
      )}
    </Space>
  );

  return (
    <Card
      id={`quota-${q.id}`}
      title={
        <Space wrap>
          <span>{q.name}</span>
          <Tag>{q.metric === 'activity_count' ? '活动次数' : '个人学时'}</Tag>
          {p.behindUnits > 0 ? <Tag color="red">{p.behindUnits} 个单位落后</Tag> : <Tag color="green">无落后单位</Tag>}
        </Space>
      }
      extra={narrow ? undefined : actions}
    >
      {narrow && <div style={{ marginBottom: 12 }}>{actions}</div>}
      <Typography.Paragraph type="secondary" style={{ marginTop: narrow ? 0 : -8 }}>
        {describe(q)}。
        {p.metric === 'personal_hours' && ` 按进度今天应达 ${p.expectedHours} 学时；共 ${p.people} 人，${p.behindPeople} 人落后。`}
      </Typography.Paragraph>
      {p.metric === 'activity_count' ? (
        <Table<ActivityQuotaUnitRow>
          rowKey="unitId"
          size="small"
          loading={loading}
          dataSource={p.units}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          rowClassName={(r) => (r.status === 'behind' ? 'quota-row--behind' : '')}
          locale={{ emptyText: '此指标不涉及您管理的单位' }}
          columns={[
            { title: '单位', key: 'unit', render: (_: unknown, r) => unitLabel(r.unitPathNames) },
            { title: '已完成/目标', key: 'done', width: 130, render: (_: unknown, r) => <Progress percent={Math.min(100, (r.done / q.target) * 100)} size="small" format={() => `${r.done}/${q.target}`} /> },
            { title: '按进度应完成', dataIndex: 'expected', width: 110, align: 'right' },
            { title: '状态', dataIndex: 'status', width: 80, render: (s: PaceStatus) => <PaceTag status={s} /> },
            {
              title: '缺口',
              key: 'missing',
              render: (_: unknown, r) =>
                r.status === 'done' ? '—' : r.status === 'behind' ? <Typography.Text type="danger">按进度还差 {r.behindBy} 次（全年还差 {r.missing} 次）</Typography.Text> : `全年还差 ${r.missing} 次`,
            },
          ]}
        />
      ) : (
        <Table<HoursQuotaUnitRow>
          rowKey="unitId"
          size="small"
          loading={loading}
          dataSource={p.units}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 700 }}
          rowClassName={(r) => (r.flagged ? 'quota-row--behind' : '')}
          locale={{ emptyText: '没有适用的人员' }}
          columns={[
            { title: '单位', key: 'unit', render: (_: unknown, r) => unitLabel(r.unitPathNames) },
            { title: '人数', dataIndex: 'people', width: 70, align: 'right' },
            { title: '人均学时', dataIndex: 'meanHours', width: 90, align: 'right' },
            { title: '已达标', dataIndex: 'onTarget', width: 80, align: 'right' },
            { title: '进度落后', dataIndex: 'behindPace', width: 90, align: 'right', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
            {
              title: '进度正常比例',
              dataIndex: 'onPaceShare',
              width: 130,
              render: (f: number, r) => (
                <Space size={4}>
                  {percent(f)}%{r.flagged && <Tag color="red">落后</Tag>}
                </Space>
              ),
            },
            { title: '', key: 'op', width: 80, render: (_: unknown, r) => <a onClick={() => setDrill(r)}>人员明细</a> },
          ]}
        />
      )}
      <style>{'.quota-row--behind > td { background: #fff1f0 !important; }'}</style>
      {drill && <PeopleDrawer quota={q} unit={drill} onClose={() => setDrill(null)} />}
    </Card>
  );
}

function PeopleDrawer({ quota, unit, onClose }: { quota: QuotaView; unit: HoursQuotaUnitRow; onClose: () => void }) {
  const [status, setStatus] = useState<'all' | PaceStatus>('all');
  const [page, setPage] = useState(1);
  const params = { unitId: unit.unitId, status: status === 'all' ? undefined : status, page, pageSize: 50 };
  const list = useQuery({
    queryKey: ['learning', 'quotas', quota.id, 'people', params],
    queryFn: () => api.get<{ expectedHours: number; total: number; items: HoursQuotaPersonRow[] }>(`/api/learning/quotas/${quota.id}/people`, params),
  });
  return (
    <Drawer open onClose={onClose} title={`${unit.unitName}：${quota.name}`} size="large">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={`每人全年目标 ${quota.target} 学时，按进度今天应达 ${list.data?.expectedHours ?? '…'} 学时。`}
      />
      <Segmented<'all' | PaceStatus>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={[
          { value: 'all', label: '全部' },
          { value: 'behind', label: '落后' },
          { value: 'on_pace', label: '正常' },
          { value: 'done', label: '已完成' },
        ]}
      />
      <Table<HoursQuotaPersonRow>
        rowKey="personId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 人`, showSizeChanger: false }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '单位', dataIndex: 'unitName' },
          { title: '学时', dataIndex: 'hours', align: 'right' },
          { title: '状态', dataIndex: 'status', render: (s: PaceStatus) => <PaceTag status={s} /> },
        ]}
      />
    </Drawer>
  );
}
