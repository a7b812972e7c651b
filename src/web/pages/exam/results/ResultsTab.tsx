import { CloseOutlined, NotificationOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Form, Input, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { ROSTER_STATUSES, ROSTER_STATUS_ZH, type RosterStatus } from '../../../../common/exam';
import { can } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import { DownloadButton } from '../../../components/DownloadButton';
import { showError, showSuccess } from '../../../components/feedback';
import { binSide, CHART_COLORS, distributionOption, fmtScore } from './format';
import { dateTime } from './labels';
import { ResultRowsTable } from './ResultRowsTable';
import { SummaryCards } from './SummaryCards';
import { UnitTable } from './UnitTable';
import { usePublishResults, useResults } from './useResults';
import './results.css';

// ECharts is a few hundred kB: its own chunk, loaded when a chart is first shown.
const EChart = lazy(() => import('../../../components/EChart').then((m) => ({ default: m.EChart })));

interface Filter {
  unitId?: number;
  unitLabel?: string;
  status?: RosterStatus;
  q?: string;
  page: number;
}

/**
 * 成绩: summary cards, the score distribution, per-unit participation and pass rates (a unit
 * drills the roster down to it), the roster with status filters and search, the printable
 * 成绩单 per person, Excel export and 发布成绩.
 */
export function ResultsTab({ examId, onGoGrading, readOnly }: { examId: number; onGoGrading?: () => void; readOnly?: boolean }) {
  const { me } = useMe();
  // readOnly: the 考试成绩 pages (unit admins), where nothing but reading and export is offered
  const canManage = !readOnly && can(me, 'exam.manage');
  const [filter, setFilter] = useState<Filter>({ page: 1 });
  const [search, setSearch] = useState('');
  const query = { unitId: filter.unitId, status: filter.status, q: filter.q, page: filter.page, pageSize: 20 };
  const results = useResults(examId, query);
  const publish = usePublishResults(examId);
  const rosterRef = useRef<HTMLDivElement>(null);
  const data = results.data;
  const exam = data?.exam;
  const option = useMemo(() => (data ? distributionOption(data.summary.distribution, data.exam.passMark) : null), [data]);
  const scored = data ? data.summary.distribution.reduce((s, b) => s + b.count, 0) : 0;
  const straddles = !!data && data.summary.distribution.some((b) => binSide(b, data.exam.passMark) === 'straddle');

  const update = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, page: 1, ...patch }));

  if (results.isError && !data) {
    return (
      <Card>
        <Empty description="成绩加载失败">
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void results.refetch()}>
            重新加载
          </Button>
        </Empty>
      </Card>
    );
  }

  return (
    <div className="exam-results">
      <div className="exam-results__bar">
        <Space wrap>
          {exam?.resultsPublishedAt ? (
            <Tag color="green">成绩已于 {dateTime(exam.resultsPublishedAt)} 发布</Tag>
          ) : (
            exam && <Tag>成绩未发布</Tag>
          )}
          {exam && (
            <Typography.Text type="secondary">
              满分 {fmtScore(exam.totalPoints)} 分，及格线 {fmtScore(exam.passMark)} 分，多次作答取{exam.attemptScoring === 'best' ? '最高' : '最后一次'}成绩
            </Typography.Text>
          )}
        </Space>
        <Space wrap>
          <DownloadButton url={`/api/exams/${examId}/results.xlsx`} filename={`${exam?.title ?? '考试'}成绩.xlsx`}>
            导出Excel
          </DownloadButton>
          {canManage && exam && !exam.resultsPublishedAt && (
            <Popconfirm
              title="发布成绩"
              description={
                <div style={{ maxWidth: 320 }}>
                  发布后，设置为“考评办发布后”公布成绩的考试，考生即可在“我的考试”中查看自己的成绩。
                  {data.summary.counts.grading > 0 && <div style={{ color: '#d46b08', marginTop: 4 }}>还有 {data.summary.counts.grading} 人待阅卷，其成绩在阅卷完成后才会显示。</div>}
                </div>
              }
              okText="发布"
              cancelText="取消"
              onConfirm={() =>
                publish.mutateAsync().then(
                  () => showSuccess('成绩已发布'),
                  (e: unknown) => showError(e),
                )
              }
            >
              <Button type="primary" icon={<NotificationOutlined aria-hidden />} loading={publish.isPending}>
                发布成绩
              </Button>
            </Popconfirm>
          )}
        </Space>
      </div>

      {data && data.summary.counts.grading > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`还有 ${data.summary.counts.grading} 人的简答题待阅卷，他们的成绩尚未计入统计。`}
          action={
            canManage && onGoGrading ? (
              <Button size="small" onClick={onGoGrading}>
                去阅卷
              </Button>
            ) : undefined
          }
        />
      )}

      {filter.unitId && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title={`当前查看：${filter.unitLabel ?? '所选单位'}（含下级单位）。统计卡片、成绩分布和考生名单均只计该单位。`}
          action={
            <Button size="small" icon={<CloseOutlined aria-hidden />} onClick={() => update({ unitId: undefined, unitLabel: undefined })}>
              查看全部
            </Button>
          }
        />
      )}

      <SummaryCards summary={data?.summary} passMark={exam?.passMark ?? 0} totalPoints={exam?.totalPoints ?? 0} loading={results.isPending} />

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={11}>
          <Card
            size="small"
            title="成绩分布"
            extra={
              <Space size={12} className="exam-results__legend">
                <span>
                  <i style={{ background: CHART_COLORS.fail }} />
                  不及格
                </span>
                {straddles && (
                  <span>
                    <i style={{ background: CHART_COLORS.straddle }} />
                    含及格线
                  </span>
                )}
                <span>
                  <i style={{ background: CHART_COLORS.pass }} />
                  及格
                </span>
              </Space>
            }
            style={{ height: '100%' }}
          >
            {option && scored > 0 ? (
              <Suspense fallback={<div style={{ height: 300 }} />}>
                <EChart option={option} height={300} ariaLabel={`成绩分布：${data!.summary.distribution.map((b) => `${b.from}至${b.to}分${b.count}人`).join('，')}`} testId="results-chart" />
              </Suspense>
            ) : (
              <Empty style={{ height: 300, paddingTop: 90, margin: 0 }} image={Empty.PRESENTED_IMAGE_SIMPLE} description={results.isPending ? '加载中…' : '还没有评定的成绩'} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Card size="small" title="各单位情况" extra={<Typography.Text type="secondary">点击单位查看该单位考生</Typography.Text>} style={{ height: '100%' }}>
            <UnitTable
              units={data?.byUnit ?? []}
              loading={results.isFetching && !data}
              onPick={(u) => {
                update({ unitId: u.unitId, unitLabel: u.unitPath || u.unitName });
                rosterRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
              }}
            />
          </Card>
        </Col>
      </Row>

      <div ref={rosterRef} style={{ scrollMarginTop: 80 }}>
        <Card size="small" title="考生成绩">
          <Form layout="inline" style={{ rowGap: 12, marginBottom: 12 }} aria-label="考生筛选">
            <Form.Item label="姓名/工号" htmlFor="results-q">
              <Input.Search
                id="results-q"
                allowClear
                placeholder="输入后回车"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                onSearch={(v) => update({ q: v.trim() || undefined })}
                style={{ width: 200 }}
              />
            </Form.Item>
            <Form.Item label="状态" htmlFor="results-status">
              <Select
                id="results-status"
                allowClear
                placeholder="全部"
                style={{ width: 120 }}
                value={filter.status}
                onChange={(v: RosterStatus | undefined) => update({ status: v })}
                options={ROSTER_STATUSES.map((s) => ({ value: s, label: `${ROSTER_STATUS_ZH[s]}${data ? `（${data.summary.counts[s]}）` : ''}` }))}
              />
            </Form.Item>
            <Form.Item label="单位" htmlFor="results-unit">
              <Select
                id="results-unit"
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder="全部"
                style={{ width: 220 }}
                value={filter.unitId}
                onChange={(v: number | undefined) => {
                  const u = data?.byUnit.find((x) => x.unitId === v);
                  update({ unitId: v, unitLabel: u ? u.unitPath || u.unitName : undefined });
                }}
                options={(data?.byUnit ?? []).map((u) => ({ value: u.unitId, label: u.unitPath || u.unitName }))}
              />
            </Form.Item>
            {(filter.q || filter.status || filter.unitId) && (
              <Form.Item>
                <Button
                  icon={<ReloadOutlined aria-hidden />}
                  onClick={() => {
                    setSearch('');
                    setFilter({ page: 1 });
                  }}
                >
                  清除筛选
                </Button>
              </Form.Item>
            )}
          </Form>
          <ResultRowsTable examId={examId} rows={data?.rows} passMark={exam?.passMark ?? 0} loading={results.isFetching} onPage={(page) => setFilter((f) => ({ ...f, page }))} />
        </Card>
      </div>
    </div>
  );
}
