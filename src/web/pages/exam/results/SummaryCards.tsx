import { Card, Col, Row, Statistic, Tooltip } from 'antd';
import type { ResultsSummary } from '../../../../common/exam-results';
import { fmtScore, pct } from './format';

/** 应考 / 参考率 / 通过率 / 平均分 / 最高·最低 — over everyone in scope (and the chosen unit). */
export function SummaryCards({ summary, passMark, totalPoints, loading }: { summary: ResultsSummary | undefined; passMark: number; totalPoints: number; loading: boolean }) {
  const s = summary;
  const cards = [
    {
      key: 'roster',
      title: '应考人数',
      value: s ? String(s.rosterSize) : '—',
      suffix: '人',
      hint: s ? `已交卷 ${s.participated} 人，未参加 ${s.counts.not_started} 人，进行中 ${s.counts.in_progress} 人` : '',
    },
    { key: 'participation', title: '参考率', value: pct(s?.participationRate), hint: '交卷人数 ÷ 应考人数' },
    {
      key: 'pass',
      title: '通过率',
      value: pct(s?.passRate),
      hint: s ? `通过 ${s.passed} 人 ÷ 交卷 ${s.participated} 人（及格线 ${fmtScore(passMark)} 分）${s.counts.grading ? `；另有 ${s.counts.grading} 人待阅卷` : ''}` : '',
    },
    { key: 'mean', title: '平均分', value: fmtScore(s?.mean), hint: s ? `中位数 ${fmtScore(s.median)}，标准差 ${fmtScore(s.stdev)}（满分 ${fmtScore(totalPoints)}，不含待阅卷）` : '' },
    { key: 'range', title: '最高分 / 最低分', value: s && s.max !== null ? `${fmtScore(s.max)} / ${fmtScore(s.min)}` : '—', hint: '已评定成绩中的最高与最低分' },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} md={8} xl={{ flex: '20%' }}>
          <Tooltip title={c.hint} placement="bottom">
            <Card size="small" data-testid={`results-card-${c.key}`}>
              <Statistic title={c.title} value={c.value} suffix={c.value === '—' ? undefined : c.suffix} loading={loading && !s} />
            </Card>
          </Tooltip>
        </Col>
      ))}
    </Row>
  );
}
