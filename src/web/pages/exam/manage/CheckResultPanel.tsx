import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { QUESTION_TYPES, QUESTION_TYPE_ZH } from '../../../../common/bank';
import type { BlueprintCheckResult } from '../../../../common/exam-admin';
import { fmtPoints } from './labels';

const pct = (x: number, digits = 1) => `${(Math.round(x * 10 ** (digits + 2)) / 10 ** digits).toFixed(digits)}%`;

interface Props {
  result: BlueprintCheckResult;
  /** fairness tolerance the exam asks for (% of full marks), to compare the simulated spread against */
  tolerancePct: number | null;
  /** true when the form changed after the check (the figures describe the saved version) */
  stale: boolean;
  onProblem: (path: string) => void;
}

/** What 检查组卷规则 found: each problem (click → its field), the bank's figures and the simulated papers. */
export function CheckResultPanel({ result, tolerancePct, stale, onProblem }: Props) {
  const sim = result.simulated;
  return (
    <Card size="small" title="组卷规则检查结果" data-testid="check-result" className="exam-check">
      {stale && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="表单在检查后已修改，以下结果针对上次保存的设置；请重新检查。" />}
      {result.ok ? (
        <Alert type="success" showIcon title="检查通过：题库可以为每位考生抽出符合全部规则的试卷。" style={{ marginBottom: 12 }} />
      ) : (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`有 ${result.problems.length} 项规则题库无法满足，修改后请重新检查：`}
          description={
            <ol className="exam-check__problems">
              {result.problems.map((p, i) => (
                <li key={i}>
                  <Typography.Link onClick={() => onProblem(p.path)}>{p.message}</Typography.Link>
                </li>
              ))}
            </ol>
          }
        />
      )}
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label="题库可用题目">
          <Space size={[4, 4]} wrap>
            {QUESTION_TYPES.filter((t) => result.poolByType[t] !== undefined).map((t) => (
              <Tag key={t}>
                {QUESTION_TYPE_ZH[t]} {result.poolByType[t]} 道
              </Tag>
            ))}
            {Object.keys(result.poolByType).length === 0 && <Typography.Text type="secondary">题库中没有启用的题目</Typography.Text>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="考生人数（按当前规则与名单）">{result.rosterSize} 人</Descriptions.Item>
        <Descriptions.Item label="每份试卷的目标预期得分">{result.targetExpectedScore === null ? '—' : `${fmtPoints(Math.round(result.targetExpectedScore * 10) / 10)} 分`}</Descriptions.Item>
        {sim && (
          <>
            <Descriptions.Item label="试抽试卷">
              {sim.papers} 份{sim.failed > 0 ? <Typography.Text type="danger">，其中 {sim.failed} 份未能抽出</Typography.Text> : '，全部符合规则'}
            </Descriptions.Item>
            <Descriptions.Item label="预期得分范围">
              {fmtPoints(Math.round(sim.expectedScoreMin * 10) / 10)} – {fmtPoints(Math.round(sim.expectedScoreMax * 10) / 10)} 分
            </Descriptions.Item>
            <Descriptions.Item label="难易差距（占满分）">
              <Typography.Text type={tolerancePct !== null && sim.spreadPct > tolerancePct ? 'danger' : undefined}>
                {sim.spreadPct.toFixed(2)}%
              </Typography.Text>
              {tolerancePct !== null && <Typography.Text type="secondary">（容差 {tolerancePct}%）</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label="试卷间平均重复率">
              {pct(sim.meanOverlap)} <Typography.Text type="secondary">（题库规模决定的下限 {pct(sim.overlapFloor)}）</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="单题最高曝光">{pct(sim.maxExposure, 0)} 的试卷</Descriptions.Item>
          </>
        )}
      </Descriptions>
    </Card>
  );
}
