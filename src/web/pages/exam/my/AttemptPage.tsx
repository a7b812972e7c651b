/**
 * 考试作答页 /my/attempts/:attemptId — full screen, outside the app's menu, so a phone has the
 * whole width. Loads my attempt (public questions + my saved answers), then runs it: autosave,
 * server-clock countdown, answer card, flags, submit, anti-cheating events.
 */
import { ArrowLeftOutlined, ArrowRightOutlined, CompressOutlined, ExpandOutlined, OrderedListOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Grid, Modal, Result, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { WARN_BEFORE_SECONDS, type AttemptResultView } from '../../../../common/exam';
import { api, ApiError } from '../../../api';
import { errorText, showError } from '../../../components/feedback';
import { AnswerCard } from './AnswerCard';
import { Countdown } from './Countdown';
import { deviceId } from './deviceId';
import { ExamQuestion } from './ExamQuestion';
import { cardEntries } from './logic';
import { SaveState } from './SaveState';
import { SubmitDialog } from './SubmitDialog';
import { useAntiCheat } from './useAntiCheat';
import { useExamSession } from './useExamSession';
import { attemptKey, fetchAttempt, MY_EXAMS_KEY, useMyExams, useStartExam, type LoadedAttempt } from './useMyExams';
import { useOnline } from './useOnline';
import './exam-my.css';

const CLOSED_CODES = new Set(['ATTEMPT_SUBMITTED', 'ATTEMPT_CLOSED']);
const DEVICE_CODES = new Set(['DEVICE_REPLACED', 'DEVICE_ACTIVE']);

export default function AttemptPage() {
  const id = Number(useParams().attemptId);
  const q = useQuery({
    queryKey: attemptKey(id),
    queryFn: () => fetchAttempt(id),
    enabled: Number.isInteger(id) && id > 0,
    staleTime: Infinity,
    retry: (n, err) => n < 2 && (!(err instanceof ApiError) || err.status === 0 || err.status >= 500),
    meta: { quiet: true },
  });
  useEffect(() => {
    document.title = `${q.data?.view.examTitle ?? '考试'} - 学讲考评`;
  }, [q.data]);

  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  if (q.isPending) return <Spin fullscreen size="large" description="正在加载试卷…" />;
  if (q.error) {
    const err = q.error;
    if (err instanceof ApiError && CLOSED_CODES.has(err.code)) return <Navigate to={`/my/attempts/${id}/result`} replace />;
    if (err instanceof ApiError && DEVICE_CODES.has(err.code)) return <Takeover attemptId={id} />;
    if (err instanceof ApiError && err.status === 404) return <NotFound />;
    return (
      <div className="exam-center">
        <Result status="warning" title="试卷加载失败" subTitle={errorText(err)} extra={<Button type="primary" onClick={() => void q.refetch()}>重试</Button>} />
      </div>
    );
  }
  if (q.data.view.status !== 'in_progress') return <Navigate to={`/my/attempts/${id}/result`} replace />;
  return <ExamRunner key={`${id}:${q.data.view.lastSeq}:${q.data.receivedAt}`} loaded={q.data} />;
}

function NotFound() {
  const navigate = useNavigate();
  return (
    <div className="exam-center">
      <Result status="404" title="找不到这次作答" subTitle="作答记录不存在，或不属于当前账号。" extra={<Button type="primary" onClick={() => navigate('/my/exams')}>返回我的考试</Button>} />
    </div>
  );
}

/** Another device holds the attempt: offer to continue here (the other device stops saving). */
function Takeover({ attemptId }: { attemptId: number }) {
  const navigate = useNavigate();
  const exams = useMyExams();
  const start = useStartExam();
  const exam = exams.data?.find((e) => e.activeAttemptId === attemptId);
  return (
    <div className="exam-center">
      <Result
        status="warning"
        title="本场考试正在另一台设备上作答"
        subTitle="在本设备继续后，另一台设备将不能再保存答案；已保存的答案都会带过来，考试时间照常计算。"
        extra={[
          <Button
            key="here"
            type="primary"
            loading={start.isPending}
            disabled={!exam}
            onClick={() => exam && start.mutate({ examId: exam.examId, takeover: true }, { onError: showError })}
          >
            在本设备继续作答
          </Button>,
          <Button key="back" onClick={() => navigate('/my/exams')}>
            返回我的考试
          </Button>,
        ]}
      />
    </div>
  );
}

function ExamRunner({ loaded }: { loaded: LoadedAttempt }) {
  const { view, receivedAt } = loaded;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { notification } = App.useApp();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.lg;
  const session = useExamSession(view, receivedAt);
  const { answers, clock, status, queue } = session;
  const onePerPage = view.displayMode === 'one_per_page';

  const [params, setParams] = useSearchParams();
  const index = Math.min(view.items.length - 1, Math.max(0, Number(params.get('q') ?? 1) - 1 || 0));
  const setIndex = useCallback((i: number) => setParams({ q: String(i + 1) }, { replace: true }), [setParams]);
  const [current, setCurrent] = useState<number | null>(onePerPage ? null : (view.items[0]?.position ?? null));

  const [cardOpen, setCardOpen] = useState(false);
  const [submitOpen, setSubmitOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [timeUp, setTimeUp] = useState(false);
  const [switchCount, setSwitchCount] = useState(view.switchCount);
  const [fullscreen, setFullscreen] = useState(() => !!document.fullscreenElement);

  const entries = useMemo(() => cardEntries(view.items, answers), [view.items, answers]);
  const locked = session.stopped || timeUp || submitting;

  const toResult = useCallback(
    (reason?: string) => {
      void qc.invalidateQueries({ queryKey: MY_EXAMS_KEY });
      qc.removeQueries({ queryKey: attemptKey(view.id) });
      navigate(`/my/attempts/${view.id}/result`, { replace: true, state: reason ? { reason } : undefined });
    },
    [navigate, qc, view.id],
  );

  const online = useOnline(session.flushNow);

  useAntiCheat({
    attemptId: view.id,
    active: !locked,
    onResult: (r) => {
      setSwitchCount(r.switchCount);
      if (r.submitted) {
        queue.current?.stop('ATTEMPT_SUBMITTED', '切屏次数达到上限，系统已自动交卷');
        toResult('switch_limit');
      }
    },
    onClosed: () => toResult(),
  });

  // Every 2 minutes, re-read the clock (the organiser may have added time) — also keeps the session alive.
  const { syncClock } = session;
  useEffect(() => {
    if (locked) return;
    const t = setInterval(() => {
      fetchAttempt(view.id)
        .then((l) => syncClock(l.view.serverNow, l.view.deadlineAt, l.receivedAt))
        .catch((err: unknown) => {
          if (err instanceof ApiError && CLOSED_CODES.has(err.code)) toResult();
        });
    }, 120_000);
    return () => clearInterval(t);
  }, [locked, view.id, syncClock, toResult]);

  // Leaving with unsent answers: the browser asks first (they stay on this device anyway).
  useEffect(() => {
    const h = (e: BeforeUnloadEvent) => {
      if ((queue.current?.unsent.length ?? 0) > 0) e.preventDefault();
    };
    window.addEventListener('beforeunload', h);
    return () => window.removeEventListener('beforeunload', h);
  }, [queue]);

  useEffect(() => {
    const h = () => setFullscreen(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', h);
    return () => document.removeEventListener('fullscreenchange', h);
  }, []);

  const onWarn = useCallback(() => {
    notification.warning({ title: `距离考试结束不足 ${WARN_BEFORE_SECONDS / 60} 分钟`, description: '请抓紧时间作答并检查答案。时间到后系统将自动交卷。', duration: 10, placement: 'top' });
  }, [notification]);

  const onTimeUp = useCallback(() => {
    setSubmitOpen(false);
    setTimeUp(true);
  }, []);
  useEffect(() => {
    if (!timeUp) return;
    // The server submits by itself at the deadline; send what is still unsent within the grace period first.
    const flush = queue.current?.flushNow() ?? Promise.resolve();
    const t = setTimeout(() => toResult('deadline'), 8000);
    void flush.finally(() => {
      clearTimeout(t);
      setTimeout(() => toResult('deadline'), 1500);
    });
    return () => clearTimeout(t);
  }, [timeUp, queue, toResult]);

  const jump = useCallback(
    (position: number) => {
      setCardOpen(false);
      setSubmitOpen(false);
      if (onePerPage) {
        setIndex(view.items.findIndex((i) => i.position === position));
        window.scrollTo({ top: 0 });
      } else {
        setCurrent(position);
        document.getElementById(`q-${position}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      }
    },
    [onePerPage, setIndex, view.items],
  );

  const submit = async () => {
    setSubmitting(true);
    const q = queue.current;
    const saves = q?.drainForSubmit() ?? [];
    try {
      const result = await api.post<AttemptResultView>(`/api/my/attempts/${view.id}/submit`, { deviceId: deviceId(), ...(saves.length ? { saves } : {}) });
      q?.clear();
      qc.setQueryData(['my', 'result', view.id], result);
      toResult();
    } catch (err) {
      if (err instanceof ApiError && CLOSED_CODES.has(err.code)) {
        toResult();
        return;
      }
      q?.resume();
      setSubmitting(false);
      if (err instanceof ApiError && err.code === 'DEVICE_REPLACED') {
        q?.stop(err.code, err.message);
        setSubmitOpen(false);
        return;
      }
      showError(err instanceof ApiError && err.status === 0 ? new Error('网络连接失败，未能交卷。答案已保存在本设备，请检查网络后再次交卷。') : err);
    }
  };

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen?.().catch(() => showError(new Error('此浏览器不支持全屏')));
  };

  const item = view.items[index];
  const shown = onePerPage ? (item ? [item] : []) : view.items;
  const currentPos = onePerPage ? (item?.position ?? null) : current;
  const offline = !online || status.state === 'retrying';
  const stoppedReason = status.state === 'stopped' && status.code !== 'SUBMITTED' ? status : null;

  return (
    <div className={isPhone ? 'exam-page exam-page--phone' : 'exam-page'}>
      <header className="exam-top">
        <div className="exam-top__title" title={view.examTitle}>
          {view.examTitle}
        </div>
        <Countdown clock={clock} onWarn={onWarn} onTimeUp={onTimeUp} />
        <SaveState status={status} offset={clock.offset} />
        <div className="exam-top__actions">
          {isPhone && (
            <Button icon={<OrderedListOutlined aria-hidden />} onClick={() => setCardOpen(true)} aria-label="答题卡">
              答题卡
            </Button>
          )}
          <Button type="primary" onClick={() => setSubmitOpen(true)} disabled={locked}>
            交卷
          </Button>
        </div>
      </header>

      <div className="exam-banners">
        {offline && !stoppedReason && (
          <Alert
            type="warning"
            showIcon
            banner
            data-testid="offline-banner"
            title={!online ? '网络已断开' : '暂时无法连接服务器'}
            description={`可以继续作答：答案已暂存在本设备，恢复连接后自动保存${status.pending ? `（待保存 ${status.pending} 条）` : ''}。请不要清除浏览器数据。`}
          />
        )}
        {stoppedReason && (
          <Alert
            type="error"
            showIcon
            data-testid="stopped-banner"
            title={stoppedReason.code === 'DEVICE_REPLACED' ? '本场考试已在另一台设备上继续作答' : '本次作答已结束'}
            description={
              stoppedReason.code === 'DEVICE_REPLACED'
                ? '本设备已停止保存答案，请在正在使用的设备上继续作答。如需改回本设备，请刷新页面并选择“在本设备继续作答”。'
                : `${stoppedReason.message}。答案不能再保存。`
            }
            action={
              stoppedReason.code === 'DEVICE_REPLACED' ? (
                <Button size="small" onClick={() => window.location.reload()}>刷新</Button>
              ) : (
                <Button size="small" type="primary" onClick={() => toResult()}>查看交卷结果</Button>
              )
            }
          />
        )}
        {(view.switchLimit !== null || switchCount > 0) && (
          <div className={view.switchLimit !== null && switchCount > 0 ? 'exam-switches exam-switches--warn' : 'exam-switches'} data-testid="switch-count">
            <WarningOutlined aria-hidden />
            {view.switchLimit !== null
              ? `已切屏 ${switchCount} 次（上限 ${view.switchLimit} 次，达到上限将自动交卷）`
              : `已切屏 ${switchCount} 次（已记录，考评办可见）`}
          </div>
        )}
      </div>

      <div className="exam-body">
        <main className="exam-main">
          {shown.map((it) => (
            <ExamQuestion
              key={it.position}
              item={it}
              no={view.items.indexOf(it) + 1}
              answer={answers.get(it.position) ?? { response: null, flagged: false }}
              onAnswer={session.answer}
              onFlag={session.toggleFlag}
              disabled={locked}
            />
          ))}
          {onePerPage && (
            <nav className="exam-pager" aria-label="翻页">
              <Button icon={<ArrowLeftOutlined aria-hidden />} disabled={index === 0} onClick={() => jump(view.items[index - 1].position)}>
                上一题
              </Button>
              <span className="exam-pager__pos">
                {index + 1} / {view.items.length}
              </span>
              {index < view.items.length - 1 ? (
                <Button type="primary" onClick={() => jump(view.items[index + 1].position)}>
                  下一题 <ArrowRightOutlined aria-hidden />
                </Button>
              ) : (
                <Button type="primary" onClick={() => setSubmitOpen(true)} disabled={locked}>
                  去交卷
                </Button>
              )}
            </nav>
          )}
          {!onePerPage && (
            <div className="exam-pager exam-pager--end">
              <Button type="primary" size="large" onClick={() => setSubmitOpen(true)} disabled={locked}>
                交卷
              </Button>
            </div>
          )}
        </main>
        {!isPhone && (
          <aside className="exam-side">
            <AnswerCard entries={entries} current={currentPos} onJump={jump} />
            <Button block className="exam-side__fs" icon={fullscreen ? <CompressOutlined aria-hidden /> : <ExpandOutlined aria-hidden />} onClick={toggleFullscreen}>
              {fullscreen ? '退出全屏' : '全屏作答'}
            </Button>
          </aside>
        )}
      </div>

      <Drawer title="答题卡" placement="bottom" open={cardOpen} onClose={() => setCardOpen(false)} size="auto">
        <AnswerCard entries={entries} current={currentPos} onJump={jump} />
      </Drawer>

      <SubmitDialog
        open={submitOpen && !timeUp}
        entries={entries}
        pending={status.pending}
        submitting={submitting}
        onCancel={() => setSubmitOpen(false)}
        onConfirm={() => void submit()}
        onJump={jump}
      />

      <Modal open={timeUp} closable={false} footer={null} mask={{ closable: false }} centered>
        <Result status="info" icon={<Spin size="large" />} title="考试时间到，正在交卷…" subTitle="系统将自动交卷，请稍候，不要关闭页面。" />
      </Modal>
    </div>
  );
}
