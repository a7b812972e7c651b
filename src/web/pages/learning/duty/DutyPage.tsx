import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DUTY_STATUS_ZH, type DutyBoard, type DutyLeader, type DutyStatus, type DutyUnitSummary, type RemindResult } from '../../../../common/duty';
import { beijingDay } from '../../../../common/learning';
import { api, toQuery } from '../../../api';
import { hasRole } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import { DownloadButton } from '../../../components/DownloadButton';
import { showError, showSuccess } from '../../../components/feedback';
import { PageContainer } from '../../../components/PageContainer';
import { UnitTreeSelect } from '../../org/UnitTreeSelect';
import { useYearParam, YearSelect } from './YearSelect';

const STATUS_COLOR: Record<DutyStatus, string> = { done: 'green', scheduled: 'blue', not_done: 'red' };

export function DutyStatusTag({ status }: { status: DutyStatus }) {
  return <Tag color={STATUS_COLOR[status]}>{DUTY_STATUS_ZH[status]}</Tag>;
}

/**
 * 讲法责任 (/learning/duty): every 在职 党政主要负责人 in scope, their lectures of the year
 * (given, scheduled) against the year's duty, per unit and overall, with a weekly reminder.
 */
export default function DutyPage() {
  const { me } = useMe();
  const { modal } = App.useApp();
  const [year, setYear] = useYearParam();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [filter, setFilter] = useState<'all' | DutyStatus>('all');
  const params = { year, unitId };
  const board = useQuery({ queryKey: ['learning', 'duty', params], queryFn: () => api.get<DutyBoard>('/api/learning/duty', params) });
  const remind = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (dryRun: boolean) => api.post<RemindResult>('/api/learning/duty/remind', { year, dryRun }),
  });
  const data = board.data;
  const whole = hasRole(me, 'admin', 'organiser');

  const askRemind = async () => {
    try {
      const preview = await remind.mutateAsync(true);
      const fresh = preview.recipients - preview.alreadyThisWeek;
      if (preview.recipients === 0) {
        modal.info({ title: '无需提醒', content: '范围内没有“未完成”（也未安排讲法）的主要负责人，或他们都还没有登录账号。' });
        return;
      }
      modal.confirm({
        title: '发送讲法提醒',
        content: (
          <div>
            <p>
              将向 {data?.summary.notDone ?? 0} 名未完成（也未安排）的主要负责人及其上级单位管理员发送站内提醒，共 <b>{preview.recipients}</b> 人。
            </p>
            {preview.alreadyThisWeek > 0 && <p>其中 {preview.alreadyThisWeek} 人本周已提醒过，不会重复发送；本次实际发送 {fresh} 条。</p>}
            <p style={{ color: 'rgba(0,0,0,0.45)' }}>每人每周至多提醒一次；每年10月1日起系统每周自动提醒。</p>
          </div>
        ),
        okText: fresh > 0 ? `发送（${fresh}条）` : '知道了',
        okButtonProps: { disabled: false },
        onOk: async () => {
          if (fresh === 0) return;
          try {
            const r = await remind.mutateAsync(false);
            showSuccess(r.sent > 0 ? `已发送 ${r.sent} 条提醒` : '本周都已提醒过，没有新的提醒');
          } catch (err) {
            showError(err);
          }
        },
      });
    } catch (err) {
      showError(err);
    }
  };

  const leaders = (data?.leaders ?? []).filter((l) => filter === 'all' || l.status === filter);
  const s = data?.summary;

  return (
    <PageContainer
      title="讲法责任"
      subtitle={`党政主要负责人每年应至少讲法 ${data?.required ?? '…'} 次（年度设置）。已完成：已举行的讲法达到要求；已安排：加上尚未举行的已安排讲法可达到要求；未完成：其余。${whole ? '' : '只显示本单位及下级单位。'}`}
      extra={
        <Space wrap>
          <YearSelect value={year} onChange={setYear} />
          <Button icon={<BellOutlined aria-hidden />} onClick={() => void askRemind()} loading={remind.isPending} disabled={!data || data.summary.notDone === 0}>
            发送提醒
          </Button>
          <DownloadButton url={`/api/learning/duty/export${toQuery(params)}`} filename={`讲法责任-${year}.xlsx`}>
            导出Excel
          </DownloadButton>
        </Space>
      }
    >
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          { title: '主要负责人', value: s?.leaders, suffix: '人' },
          { title: '已完成', value: s?.done, suffix: '人', color: '#389e0d' },
          { title: '已安排', value: s?.scheduled, suffix: '人', color: '#1677ff' },
          { title: '未完成', value: s?.notDone, suffix: '人', color: '#cf1322' },
          { title: '完成率', value: s?.donePercent, suffix: '%' },
        ].map((c) => (
          <Col xs={12} sm={8} lg={4} key={c.title}>
            <Card size="small">
              <Statistic title={c.title} value={c.value ?? 0} suffix={c.suffix} loading={board.isLoading} styles={{ content: c.color ? { color: c.color } : undefined }} />
            </Card>
          </Col>
        ))}
      </Row>

      <Card title="按单位" size="small" style={{ marginBottom: 16 }} extra={<UnitTreeSelect value={unitId} onChange={setUnitId} allowClear placeholder="全部单位" style={{ width: 220 }} />}>
        <Table<DutyUnitSummary>
          rowKey="unitId"
          size="small"
          loading={board.isFetching}
          dataSource={data?.units ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          locale={{ emptyText: <Empty description="范围内没有在职的党政主要负责人（在人员信息中标记“党政主要负责人”）" /> }}
          rowClassName={(r) => (r.notDone > 0 ? 'duty-row--behind' : '')}
          columns={[
            { title: '单位', key: 'unit', render: (_: unknown, r) => <span title={r.unitPathNames.join('/')}>{r.unitPathNames.slice(-2).join('/')}</span> },
            { title: '主要负责人', dataIndex: 'leaders', width: 100, align: 'right' },
            { title: '已完成', dataIndex: 'done', width: 80, align: 'right' },
            { title: '已安排', dataIndex: 'scheduled', width: 80, align: 'right' },
            { title: '未完成', dataIndex: 'notDone', width: 80, align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
          ]}
        />
      </Card>

      <Card
        title="主要负责人"
        size="small"
        extra={
          <Segmented<'all' | DutyStatus>
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: '全部' },
              { value: 'not_done', label: '未完成' },
              { value: 'scheduled', label: '已安排' },
              { value: 'done', label: '已完成' },
            ]}
          />
        }
      >
        <Table<DutyLeader>
          rowKey="personId"
          size="small"
          loading={board.isFetching}
          dataSource={leaders}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
          scroll={{ x: 800 }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100, fixed: 'left' },
            { title: '单位', key: 'unit', render: (_: unknown, r) => <span title={r.unitPathNames.join('/')}>{r.unitPathNames.slice(-2).join('/')}</span> },
            { title: '职务', dataIndex: 'title', width: 120, render: (t: string | null) => t ?? '—' },
            { title: '已讲/应讲', key: 'count', width: 90, render: (_: unknown, r) => `${r.held} / ${data?.required ?? ''}` },
            { title: '状态', dataIndex: 'status', width: 90, render: (st: DutyStatus) => <DutyStatusTag status={st} /> },
            {
              title: '讲法记录',
              key: 'lectures',
              render: (_: unknown, r) =>
                r.lectures.length === 0 ? (
                  <Typography.Text type="secondary">无</Typography.Text>
                ) : (
                  <Space orientation="vertical" size={0}>
                    {r.lectures.map((l) => (
                      <Link key={l.id} to={`/learning/lectures/${l.id}`}>
                        {beijingDay(new Date(l.startsAt))} {l.title}
                        {l.status === 'scheduled' ? '（已安排）' : ''}
                      </Link>
                    ))}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <style>{'.duty-row--behind td:first-child { box-shadow: inset 3px 0 0 #ff4d4f; }'}</style>
    </PageContainer>
  );
}
