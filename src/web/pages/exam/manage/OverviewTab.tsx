import { CheckCircleOutlined, DeleteOutlined, EditOutlined, NotificationOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { QUESTION_TYPE_ZH } from '../../../../common/bank';
import { EXAM_KIND_ZH, RELEASE_MODE_ZH, type BlueprintQuota } from '../../../../common/exam';
import type { ExamDetail } from '../../../../common/exam-admin';
import { showError, showSuccess } from '../../../components/feedback';
import { useUnits } from '../../org/useUnits';
import { fmtPoints, fmtTime, fmtWindow, PhaseTag } from './labels';
import { PublishConfirmText } from './PublishConfirm';
import { useCheckExam, useExamAction, useExamsInvalidate } from './useExams';

const QUOTA_KIND: Record<BlueprintQuota['kind'], string> = { category: '分类', law: '法律', tag: '知识点' };

function quotaText(q: BlueprintQuota): string {
  const range = q.max === null ? `至少 ${q.min} 道` : q.min === q.max ? `${q.min} 道` : `${q.min}–${q.max} 道`;
  return `${QUOTA_KIND[q.kind]}“${q.label || q.ref}”${q.type ? `（${QUESTION_TYPE_ZH[q.type]}）` : ''}：${range}`;
}

/** 概况: the settings at a glance, the counts, and the lifecycle actions (发布, 结束考试, 发布成绩, 删除). */
export function OverviewTab({ exam }: { exam: ExamDetail }) {
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const action = useExamAction(exam.id);
  const check = useCheckExam(exam.id);
  const invalidate = useExamsInvalidate();
  const { index } = useUnits();
  const s = exam.settings;
  const rule = s.rosterRule;

  const publish = async () => {
    // Publishing re-checks on the server; checking here first says what is wrong before the dialog.
    let ok = false;
    try {
      const r = await check.mutateAsync();
      ok = r.ok;
      if (!r.ok) {
        modal.error({
          title: '组卷规则检查未通过，不能发布',
          content: (
            <ul style={{ paddingInlineStart: 20 }}>
              {r.problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          ),
          okText: '去修改',
          onOk: () => navigate(`/exams/${exam.id}/edit`),
        });
      }
    } catch (err) {
      showError(err);
    }
    if (!ok) return;
    modal.confirm({
      title: `发布考试「${exam.title}」？`,
      width: 560,
      content: <PublishConfirmText exam={exam} />,
      okText: '确认发布',
      onOk: () =>
        action
          .mutateAsync('publish')
          .then(() => {
            invalidate();
            showSuccess('考试已发布');
          })
          .catch(showError),
    });
  };

  const close = () =>
    modal.confirm({
      title: '结束考试？',
      content: '截止时间改为现在：考生不能再开始作答，正在作答的试卷将立即自动交卷。此操作不能撤销。',
      okText: '结束考试',
      okButtonProps: { danger: true },
      onOk: () =>
        action
          .mutateAsync('close')
          .then(() => showSuccess('考试已结束'))
          .catch(showError),
    });

  const publishResults = () =>
    modal.confirm({
      title: '发布成绩？',
      content: `发布后考生可以查看自己的成绩${s.answersRelease === 'published' ? '、答案和解析' : ''}。`,
      okText: '发布成绩',
      onOk: () =>
        action
          .mutateAsync('publish-results')
          .then(() => showSuccess('成绩已发布'))
          .catch(showError),
    });

  const remove = () =>
    modal.confirm({
      title: '删除这场考试？',
      content: '草稿删除后不能恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      onOk: () =>
        action
          .mutateAsync('delete')
          .then(() => {
            navigate('/exams');
            invalidate();
            showSuccess('考试已删除');
          })
          .catch(showError),
    });

  const showPublishResults = exam.status !== 'draft' && (s.resultsRelease === 'published' || s.answersRelease === 'published') && !exam.resultsPublishedAt;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Row gutter={16} align="middle">
          <Col flex="auto">
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Statistic title="考生" value={exam.rosterSize} suffix="人" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="已开考" value={exam.startedCount} suffix="人" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="已交卷" value={exam.submittedCount} suffix="人" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="总分 / 及格" value={`${fmtPoints(exam.totalPoints)} / ${fmtPoints(exam.passMark)}`} />
              </Col>
            </Row>
          </Col>
          <Col>
            <Space wrap>
              {exam.editable !== 'none' && (
                <Button icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/exams/${exam.id}/edit`)}>
                  {exam.status === 'draft' ? '编辑设置' : '修改名称/截止时间'}
                </Button>
              )}
              {exam.status === 'draft' && (
                <Button type="primary" icon={<CheckCircleOutlined aria-hidden />} loading={check.isPending || action.isPending} onClick={() => void publish()}>
                  发布
                </Button>
              )}
              {exam.status === 'published' && (
                <Button danger icon={<StopOutlined aria-hidden />} loading={action.isPending} onClick={close}>
                  结束考试
                </Button>
              )}
              {showPublishResults && (
                <Button type="primary" icon={<NotificationOutlined aria-hidden />} loading={action.isPending} onClick={publishResults}>
                  发布成绩
                </Button>
              )}
              {exam.status === 'draft' && (
                <Button danger type="text" icon={<DeleteOutlined aria-hidden />} onClick={remove}>
                  删除
                </Button>
              )}
            </Space>
          </Col>
        </Row>
        {exam.status === 'draft' && (
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            草稿：考生看不到这场考试。发布时检查组卷规则，冻结试卷并生成考生名单。
          </Typography.Paragraph>
        )}
      </Card>

      <Card size="small" title="考试设置">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
          <Descriptions.Item label="考试类型">{EXAM_KIND_ZH[exam.kind]}</Descriptions.Item>
          <Descriptions.Item label="年度">{exam.year}年</Descriptions.Item>
          <Descriptions.Item label="状态">
            <PhaseTag phase={exam.phase} />
          </Descriptions.Item>
          {exam.makeupOfExamId && <Descriptions.Item label="原考试">{exam.makeupOfTitle ?? `#${exam.makeupOfExamId}`}</Descriptions.Item>}
          <Descriptions.Item label="开放时间" span={2}>
            {fmtWindow(exam.opensAt, exam.closesAt)}
          </Descriptions.Item>
          <Descriptions.Item label="考试时长">{exam.durationMinutes} 分钟</Descriptions.Item>
          <Descriptions.Item label="作答次数">
            {s.maxAttempts} 次{s.maxAttempts > 1 ? `，${s.attemptScoring === 'best' ? '取最高分' : '取最后一次'}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="显示方式">{s.displayMode === 'one_per_page' ? '每屏一题' : '全部题目一页显示'}</Descriptions.Item>
          <Descriptions.Item label="切屏限制">{s.switchLimit === null ? '只记录，不限制' : `切屏达到 ${s.switchLimit} 次自动交卷`}</Descriptions.Item>
          <Descriptions.Item label="公布成绩">
            {RELEASE_MODE_ZH[s.resultsRelease]}
            {exam.resultsPublishedAt && <Typography.Text type="secondary">（已于 {fmtTime(exam.resultsPublishedAt)} 发布）</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="公布答案">{RELEASE_MODE_ZH[s.answersRelease]}</Descriptions.Item>
          <Descriptions.Item label="评分规则">
            多选{s.grading.multiple === 'partial' ? `少选得${Math.round(s.grading.partialCredit * 100)}%` : '全对才得分'}；填空{s.grading.fill === 'per_blank' ? '按空给分' : '全对才得分'}；简答
            {s.grading.gradersPerEssay === 2 ? '两人评阅' : '一人评阅'}
          </Descriptions.Item>
          {exam.kind === 'pre_appointment' && <Descriptions.Item label="合格有效期">{s.passValidMonths ? `${s.passValidMonths} 个月` : '长期有效'}</Descriptions.Item>}
          <Descriptions.Item label="考生范围" span={3}>
            {rule ? (
              <Space size={[4, 4]} wrap>
                <span>按规则：</span>
                {rule.unitIds.length ? rule.unitIds.map((u) => <Tag key={u}>{index.byId.get(u)?.name ?? `单位#${u}`}（含下级）</Tag>) : <Tag>全部单位</Tag>}
                {rule.ranks.length > 0 && <Tag color="blue">职级：{rule.ranks.join('、')}</Tag>}
                {rule.postCategories.length > 0 && <Tag color="cyan">岗位：{rule.postCategories.join('、')}</Tag>}
                {rule.principalLeadersOnly && <Tag color="gold">只含主要负责人</Tag>}
                <span>＋ 手工名单</span>
              </Space>
            ) : (
              '只包括考生名单中的人员'
            )}
          </Descriptions.Item>
          {exam.publishedAt && <Descriptions.Item label="发布时间">{fmtTime(exam.publishedAt)}</Descriptions.Item>}
          {exam.closedAt && <Descriptions.Item label="结束时间">{fmtTime(exam.closedAt)}</Descriptions.Item>}
        </Descriptions>
        {s.instructions && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              考试须知
            </Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.instructions}</Typography.Paragraph>
          </>
        )}
      </Card>

      <Card size="small" title={s.paper.mode === 'blueprint' ? '试卷：按组卷规则随机抽题' : '试卷：固定试卷'}>
        {s.paper.mode === 'blueprint' ? (
          <>
            <Table
              size="small"
              pagination={false}
              rowKey="type"
              dataSource={s.paper.blueprint.sections}
              columns={[
                { title: '题型', dataIndex: 'type', render: (t: keyof typeof QUESTION_TYPE_ZH) => QUESTION_TYPE_ZH[t] },
                { title: '题数', dataIndex: 'count', render: (n: number) => `${n} 道` },
                { title: '每题分值', dataIndex: 'points', render: (n: number) => `${fmtPoints(n)} 分` },
                { title: '小计', key: 'sub', render: (_: unknown, r) => `${fmtPoints(r.count * r.points)} 分` },
              ]}
              style={{ marginBottom: 12, maxWidth: 640 }}
            />
            <Descriptions size="small" column={1}>
              {s.paper.blueprint.quotas.length > 0 && <Descriptions.Item label="配额">{s.paper.blueprint.quotas.map(quotaText).join('；')}</Descriptions.Item>}
              <Descriptions.Item label="难度">
                {s.paper.blueprint.difficulty
                  ? `平均难度 ${s.paper.blueprint.difficulty.target} ± ${s.paper.blueprint.difficulty.tolerance}，只抽难度 ${s.paper.blueprint.difficulty.min}–${s.paper.blueprint.difficulty.max} 的题目`
                  : '不限'}
              </Descriptions.Item>
              <Descriptions.Item label="公平性">任意两份试卷预期得分相差不超过满分的 {s.paper.blueprint.fairnessTolerancePct}%</Descriptions.Item>
              <Descriptions.Item label="抽题限制">
                {[
                  s.paper.blueprint.matchRank && '按职级抽题',
                  s.paper.blueprint.excludeSeenInLastExams > 0 && `排除最近 ${s.paper.blueprint.excludeSeenInLastExams} 场考试做过的题目`,
                  s.paper.blueprint.exposureCap !== null && `单题最多出现在 ${Math.round(s.paper.blueprint.exposureCap * 100)}% 的试卷中`,
                  s.paper.blueprint.enemies.length > 0 && `${s.paper.blueprint.enemies.length} 组互斥题`,
                  s.paper.blueprint.shuffleQuestions ? '题目顺序随机' : '题目顺序固定',
                  s.paper.blueprint.shuffleOptions ? '选项顺序随机' : '选项顺序固定',
                ]
                  .filter(Boolean)
                  .join('；')}
              </Descriptions.Item>
            </Descriptions>
          </>
        ) : (
          <Typography.Paragraph>
            共 {s.paper.fixed.items.length} 道题，{s.paper.fixed.shuffleQuestions ? '题目顺序随机' : '题目顺序固定'}，{s.paper.fixed.shuffleOptions ? '选项顺序随机' : '选项顺序固定'}。
          </Typography.Paragraph>
        )}
        {exam.poolSize !== null && (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            发布时冻结：{exam.paperMode === 'blueprint' ? `题库中 ${exam.poolSize} 道启用题目作为抽题范围` : `${exam.poolSize} 道题的当前版本`}
            {exam.targetExpectedScore !== null && `，每份试卷的预期得分控制在 ${fmtPoints(Math.round(exam.targetExpectedScore * 10) / 10)} 分附近`}。
          </Typography.Paragraph>
        )}
      </Card>
    </Space>
  );
}
