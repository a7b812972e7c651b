import { ArrowLeftOutlined, CheckCircleFilled } from '@ant-design/icons';
import { Button, Card, Empty, Progress, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { PageContainer } from '../../../components/PageContainer';
import { fmtScore, nextUngraded } from './format';
import { GradeForm } from './GradeForm';
import { useGradingQueue, useGradingView, useSaveGrade } from './useResults';
import './results.css';

/** The exam detail page opened on its 阅卷 tab. */
export const gradingTabPath = (examId: number) => `/exams/${examId}?tab=grading`;

/**
 * The blind grading screen of one 简答 question (/exams/:id/grading/:questionId): the answer on
 * the left with the score form, the question and its reference answer on the right. No name, unit
 * or attempt is ever shown — the server sends only opaque tokens and the text.
 */
export default function GradingPage() {
  const params = useParams();
  const examId = Number(params.id);
  const questionId = Number(params.questionId);
  const navigate = useNavigate();
  const view = useGradingView(examId, questionId);
  const queue = useGradingQueue(examId);
  const save = useSaveGrade(examId, questionId);
  const [current, setCurrent] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const items = useMemo(() => view.data?.items ?? [], [view.data]);
  // Start at the first answer I have not graded.
  const token = current ?? items.find((i) => !i.myGrade)?.token ?? items[0]?.token ?? null;
  const index = items.findIndex((i) => i.token === token);
  const item = index >= 0 ? items[index] : undefined;
  const gradedByMe = items.filter((i) => i.myGrade).length;
  const back = () => navigate(gradingTabPath(examId));

  const go = (i: number) => {
    setDone(false);
    setCurrent(items[i]?.token ?? null);
  };

  const onSave = async (score: number, comment: string) => {
    if (!item) return;
    await save.mutateAsync({ token: item.token, body: { score, comment } });
    // next ungraded answer after this one (wrapping), else the end of this question
    const next = nextUngraded(items, index);
    if (next) setCurrent(next.token);
    else setDone(true);
  };

  const examTitle = queue.data?.examTitle;
  const title = `阅卷 · 题目 #${questionId}`;

  if (!Number.isInteger(examId) || !Number.isInteger(questionId)) {
    return <Result status="404" title="页面不存在" extra={<Button onClick={() => navigate('/')}>返回工作台</Button>} />;
  }
  if (view.isPending) return <Spin size="large" style={{ display: 'block', margin: '120px auto' }} />;
  if (view.isError || !view.data) {
    return (
      <PageContainer title={title}>
        <Result status="warning" title="无法打开阅卷" subTitle={view.error?.message} extra={<Button onClick={back}>返回阅卷列表</Button>} />
      </PageContainer>
    );
  }
  const v = view.data;

  return (
    <PageContainer
      title={title}
      subtitle={`${examTitle ? `${examTitle} · ` : ''}满分 ${fmtScore(v.points)} 分 · 盲评：不显示考生信息${v.gradersPerEssay === 2 ? ' · 两人评分取平均' : ''}`}
      extra={
        <Space>
          <Progress percent={items.length ? Math.floor((gradedByMe / items.length) * 100) : 0} showInfo={false} size="small" style={{ width: 120, margin: 0 }} aria-hidden />
          <Typography.Text data-testid="grading-progress">
            我已评 {gradedByMe} / {items.length} 份
          </Typography.Text>
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={back}>
            返回阅卷列表
          </Button>
        </Space>
      }
    >
      {items.length === 0 ? (
        <Card>
          <Empty description="还没有考生提交这道题的答卷" />
        </Card>
      ) : (
        <div className="grading">
          <div>
            <Card
              size="small"
              title={done ? '本题答卷已全部评完' : `答卷 ${index + 1} / ${items.length}`}
              extra={!done && item?.myGrade && <Tag color="green">我已评 {fmtScore(item.myGrade.score)} 分</Tag>}
            >
              <nav className="grading__nav" aria-label="答卷列表" style={{ marginBottom: 12 }}>
                {items.map((it, i) => (
                  <Button
                    key={it.token}
                    size="small"
                    type={!done && i === index ? 'primary' : 'default'}
                    onClick={() => go(i)}
                    aria-current={!done && i === index ? 'true' : undefined}
                    aria-label={`第${i + 1}份${it.myGrade ? `，已评${fmtScore(it.myGrade.score)}分` : '，未评'}`}
                    style={it.myGrade && !(i === index && !done) ? { color: '#389e0d', borderColor: '#b7eb8f', background: '#f6ffed' } : undefined}
                  >
                    {i + 1}
                  </Button>
                ))}
              </nav>
              {done ? (
                <Result
                  status="success"
                  icon={<CheckCircleFilled />}
                  title="这道题的答卷已全部评完"
                  subTitle={`共 ${items.length} 份。点击上方编号可以复查或修改评分。`}
                  extra={
                    <Button type="primary" onClick={back}>
                      返回阅卷列表
                    </Button>
                  }
                />
              ) : (
                item && (
                  <div className={`grading__answer${item.text.trim() ? '' : ' grading__answer--blank'}`} data-testid="grading-answer" tabIndex={0} aria-label="考生作答">
                    {item.text.trim() ? item.text : '（考生未作答）'}
                  </div>
                )
              )}
            </Card>
            {!done && item && (
              <Card size="small" title="评分" style={{ marginTop: 12 }}>
                <GradeForm
                  key={item.token}
                  item={item}
                  points={v.points}
                  rubric={v.rubric}
                  saving={save.isPending}
                  hasPrev={index > 0}
                  hasNext={index < items.length - 1}
                  onSave={onSave}
                  onPrev={() => go(index - 1)}
                  onNext={() => go(index + 1)}
                />
              </Card>
            )}
          </div>
          <div className="grading__side">
            <Card size="small" title="题目">
              <div className="grading__html" dangerouslySetInnerHTML={{ __html: v.stemHtml }} />
            </Card>
            <Card size="small" title="参考答案">
              <div className="grading__html" data-testid="grading-reference" dangerouslySetInnerHTML={{ __html: v.referenceHtml }} />
            </Card>
          </div>
        </div>
      )}
    </PageContainer>
  );
}
