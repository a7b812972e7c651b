/** 成绩 /my/attempts/:attemptId/result — score and pass when released; my answers; key and 解析 only when released. */
import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Result, Skeleton, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { QUESTION_TYPE_ZH } from '../../../../common/bank';
import { SUBMIT_REASON_ZH, type AttemptResultView, type DisplayedResponse } from '../../../../common/exam';
import { api, ApiError } from '../../../api';
import { errorText } from '../../../components/feedback';
import { PageContainer } from '../../../components/PageContainer';
import { ExamHtml } from './ExamHtml';
import { answerState, fmtScore, formatDateTime, resultsReleaseText } from './logic';
import { clearSnapshot } from './saveQueue';
import { browserStore } from './useExamSession';
import './exam-my.css';

type Item = AttemptResultView['items'][number];

/** The attempt is not submitted yet (the server submits it within seconds of the deadline). */
const notYet = (err: unknown) => err instanceof ApiError && err.code === 'CONFLICT';

export default function ResultPage() {
  const id = Number(useParams().attemptId);
  const navigate = useNavigate();
  const reason = (useLocation().state as { reason?: string } | null)?.reason;
  const q = useQuery({
    queryKey: ['my', 'result', id],
    queryFn: () => api.get<AttemptResultView>(`/api/my/attempts/${id}/result`),
    enabled: Number.isInteger(id) && id > 0,
    retry: false,
    meta: { quiet: true },
    refetchInterval: (query) => (notYet(query.state.error) && query.state.errorUpdateCount < 40 ? 3000 : false),
  });
  const back = <Button onClick={() => navigate('/my/exams')}>返回我的考试</Button>;
  // Submitted: whatever this device still held for the attempt can no longer be saved.
  const submitted = q.data?.status === 'submitted';
  useEffect(() => {
    if (submitted) clearSnapshot(browserStore, id);
  }, [submitted, id]);

  if (q.isPending) return <Skeleton active />;
  if (q.error) {
    if (notYet(q.error)) {
      return (
        <Result
          icon={<LoadingOutlined aria-hidden />}
          title={reason === 'deadline' ? '考试时间到，正在交卷…' : '正在交卷…'}
          subTitle={q.errorUpdateCount < 40 ? '系统正在自动交卷，请稍候。' : '交卷尚未完成，请稍后在“我的考试”中查看。'}
          extra={q.errorUpdateCount < 40 ? undefined : back}
        />
      );
    }
    return <Result status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'warning'} title="无法查看结果" subTitle={errorText(q.error)} extra={back} />;
  }

  const r = q.data;
  return (
    <PageContainer title="考试结果" subtitle={r.examTitle} extra={back}>
      <div className="exam-result">
        {reason === 'deadline' && <Alert type="info" showIcon title="考试时间到，系统已自动交卷" style={{ marginBottom: 12 }} />}
        {reason === 'switch_limit' && <Alert type="warning" showIcon title="切屏次数达到上限，系统已自动交卷" style={{ marginBottom: 12 }} />}
        <Card size="small" className="exam-result__summary" data-testid="result-summary">
          <ScoreBlock r={r} />
          <div className="exam-result__meta">
            {r.submittedAt && <span>交卷时间：{formatDateTime(r.submittedAt)}</span>}
            {r.submitReason && <span>交卷方式：{SUBMIT_REASON_ZH[r.submitReason]}</span>}
            <span>
              满分 {fmtScore(r.totalPoints)} 分，及格 {fmtScore(r.passMark)} 分
            </span>
          </div>
        </Card>

        <Typography.Title level={5} style={{ marginTop: 20 }}>
          答题详情
          {!r.answersVisible && <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400, marginInlineStart: 8 }}>标准答案与解析暂不公布</Typography.Text>}
        </Typography.Title>
        {r.items.map((it, i) => (
          <ReviewItem key={it.position} item={it} no={i + 1} r={r} />
        ))}
      </div>
    </PageContainer>
  );
}

function ScoreBlock({ r }: { r: AttemptResultView }) {
  if (r.resultsVisible && r.score !== null) {
    return (
      <div className="exam-result__score">
        <span className="exam-result__number" data-testid="result-score">
          {fmtScore(r.score)}
        </span>
        <span className="exam-result__unit">分</span>
        {r.passed !== null && (
          <Tag color={r.passed ? 'success' : 'error'} className="exam-result__pass">
            {r.passed ? '通过' : '未通过'}
          </Tag>
        )}
      </div>
    );
  }
  if (r.resultsVisible && r.pendingGrading) {
    return <Alert type="info" showIcon title="已交卷，主观题正在阅卷" description="阅卷完成后公布成绩，届时可在“我的考试”中查看。" />;
  }
  const when = resultsReleaseText(r);
  const description =
    r.resultsRelease === 'never' ? `${when}。` : `${when ?? '成绩将于考评办规定的时间公布'}，届时可在“我的考试”中查看。`;
  return <Alert type="success" showIcon title="已交卷，成绩尚未公布" description={description} data-testid="result-release" />;
}

function myAnswerText(res: DisplayedResponse | null): string {
  if (!res || answerState(res, res.type === 'fill' ? res.blanks.length : 1) === 'empty') return '未作答';
  switch (res.type) {
    case 'single':
      return res.key ?? '未作答';
    case 'multiple':
      return res.keys.join('');
    case 'truefalse':
      return res.value ? '正确' : '错误';
    case 'fill':
      return res.blanks.map((b, i) => `（${i + 1}）${b.trim() || '未填'}`).join('；');
    case 'essay':
      return res.text;
  }
}

function ReviewItem({ item: it, no, r }: { item: Item; no: number; r: AttemptResultView }) {
  const q = it.question;
  const res = it.response;
  const chosen = res?.type === 'single' ? (res.key ? [res.key] : []) : res?.type === 'multiple' ? res.keys : [];
  const key = r.answersVisible && (q.type === 'single' || q.type === 'multiple') ? (it.correctAnswer ?? '').split('') : [];
  const full = it.score !== null && it.score >= it.points;
  const fillBlank = (n: number) => <span className="exam-result__blank">{res?.type === 'fill' ? res.blanks[n - 1]?.trim() || `（${n}）` : `（${n}）`}</span>;
  return (
    <Card size="small" className="exam-result__item" data-testid={`review-${no}`}>
      <header className="exam-q__head">
        <span className="exam-q__no">{no}</span>
        <Tag color="blue">{QUESTION_TYPE_ZH[q.type]}</Tag>
        <span className="exam-q__points">{fmtScore(it.points)}分</span>
        {it.score !== null && (
          <span className={full ? 'exam-result__got exam-result__got--full' : 'exam-result__got'}>
            {full ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />} 得 {fmtScore(it.score)} 分
          </span>
        )}
        {it.score === null && r.resultsVisible && r.pendingGrading && q.type === 'essay' && (
          <Tag color="processing" style={{ marginInlineStart: 'auto' }}>
            待阅卷
          </Tag>
        )}
      </header>
      <ExamHtml className="exam-q__stem" html={q.stem} blank={q.type === 'fill' ? fillBlank : undefined} />
      {q.options && (
        <div className="exam-result__options">
          {q.options.map((o) => {
            const cls = ['exam-result__option'];
            if (chosen.includes(o.label)) cls.push('exam-result__option--mine');
            if (key.includes(o.label)) cls.push('exam-result__option--key');
            return (
              <div key={o.label} className={cls.join(' ')}>
                <span className="exam-option__key">{o.label}.</span>
                <ExamHtml className="exam-option__html" html={o.html} />
                <span className="exam-result__marks">
                  {chosen.includes(o.label) && <Tag>我的选择</Tag>}
                  {key.includes(o.label) && <Tag color="success">正确答案</Tag>}
                </span>
              </div>
            );
          })}
        </div>
      )}
      <div className="exam-result__answer">
        <b>我的答案：</b>
        <span className={q.type === 'essay' ? 'exam-result__essay' : undefined}>{myAnswerText(res)}</span>
      </div>
      {r.answersVisible && it.correctAnswer !== undefined && (
        <div className="exam-result__answer">
          <b>标准答案：</b>
          {q.type === 'essay' ? <ExamHtml className="exam-result__ref" html={it.correctAnswer} /> : <span className="exam-result__key">{it.correctAnswer}</span>}
        </div>
      )}
      {r.answersVisible && it.explanationHtml && (
        <div className="exam-result__explain">
          <b>解析：</b>
          <ExamHtml html={it.explanationHtml} />
        </div>
      )}
    </Card>
  );
}
