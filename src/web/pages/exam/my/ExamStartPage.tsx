/** 考试须知 /my/exams/:examId — what the exam is, what is logged, a confirmation, then 开始考试. */
import { Alert, App, Button, Card, Checkbox, Descriptions, Result, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { EXAM_KIND_ZH } from '../../../../common/exam';
import { ApiError } from '../../../api';
import { PageContainer } from '../../../components/PageContainer';
import { showError } from '../../../components/feedback';
import { attemptsLeft, canStartAgain, fmtScore, formatDateTime, formatMinutes, formatWindow } from './logic';
import { useMyExams, useStartExam } from './useMyExams';
import './exam-my.css';

export default function ExamStartPage() {
  const examId = Number(useParams().examId);
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const exams = useMyExams();
  const start = useStartExam();
  const [agreed, setAgreed] = useState(false);
  const [now] = useState(() => Date.now());
  const exam = exams.data?.find((e) => e.examId === examId);

  if (exams.isPending) return <Skeleton active />;
  if (!exam) {
    return (
      <Result
        status="404"
        title="找不到这场考试"
        subTitle="考试不存在，或您不在这场考试的考生名单中。"
        extra={<Button type="primary" onClick={() => navigate('/my/exams')}>返回我的考试</Button>}
      />
    );
  }

  const running = exam.state === 'in_progress';
  const startable = running || exam.state === 'open' || canStartAgain(exam, now);

  const begin = (takeover = false) =>
    start.mutate(
      { examId, takeover },
      {
        onSuccess: (view) => navigate(`/my/attempts/${view.id}`),
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'DEVICE_ACTIVE' && !takeover) {
            modal.confirm({
              title: '本场考试正在另一台设备上作答',
              content: '在本设备继续后，另一台设备将不能再保存答案；已保存的答案不会丢失，考试时间照常计算。',
              okText: '在本设备继续作答',
              cancelText: '取消',
              onOk: () => begin(true),
            });
            return;
          }
          showError(err);
          if (err instanceof ApiError && err.status === 409) void exams.refetch();
        },
      },
    );

  return (
    <PageContainer title={exam.title} subtitle={EXAM_KIND_ZH[exam.kind]}>
      <div className="exam-start">
        <Card title="考试信息" size="small" className="exam-start__card">
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label="考试时间">{formatWindow(exam.opensAt, exam.closesAt)}</Descriptions.Item>
            <Descriptions.Item label="考试时长">
              {formatMinutes(exam.durationMinutes)}
              {exam.extraMinutes > 0 && `（另延长 ${exam.extraMinutes} 分钟）`}
            </Descriptions.Item>
            <Descriptions.Item label="题量">{exam.questionCount} 题</Descriptions.Item>
            <Descriptions.Item label="满分/及格分">
              {fmtScore(exam.totalPoints)} 分 / {fmtScore(exam.passMark)} 分
            </Descriptions.Item>
            <Descriptions.Item label="作答次数">
              可作答 {exam.maxAttempts} 次，已用 {exam.attemptsUsed} 次
            </Descriptions.Item>
          </Descriptions>
        </Card>

        {exam.instructions.trim() && (
          <Card title="考试须知" size="small" className="exam-start__card">
            <div className="exam-start__instructions">{exam.instructions}</div>
          </Card>
        )}

        <Card title="作答规则与记录说明" size="small" className="exam-start__card">
          <ul className="exam-start__rules">
            <li>
              开始后计时，时长 {formatMinutes(exam.durationMinutes + exam.extraMinutes)}，且不晚于 {formatDateTime(exam.closesAt)} 截止；以服务器时间为准，时间到系统自动交卷，中途关闭页面也不会暂停计时。
            </li>
            <li>每作答一题即自动保存。断网时答案暂存在本设备，恢复联网后自动补交；刷新页面或换设备登录，已保存的答案都在。</li>
            <li>同一时间只能在一台设备上作答；在另一台设备继续后，原设备不能再保存答案。</li>
            <li>
              为保证考试公平，系统会<b>记录</b>以下情况并提供给考评办：切换到其他标签页或应用、考试窗口失去焦点、复制和粘贴、退出全屏。若本场考试设置了切屏次数上限，考试页面会显示已切屏次数，达到上限将自动交卷。
            </li>
            <li>系统不会使用摄像头、麦克风，也不读取您设备上的其他内容；它无法察觉旁人或其他设备，请自觉遵守考试纪律。</li>
          </ul>
        </Card>

        {exam.state === 'upcoming' && <Alert type="info" showIcon title={`考试尚未开始，开考时间为 ${formatDateTime(exam.opensAt)}`} />}
        {!startable && exam.state !== 'upcoming' && (
          <Alert
            type="info"
            showIcon
            title={attemptsLeft(exam) === 0 ? '作答次数已用完' : '考试已结束'}
            action={exam.lastAttemptId ? <Button size="small" onClick={() => navigate(`/my/attempts/${exam.lastAttemptId}/result`)}>查看交卷情况</Button> : undefined}
          />
        )}
        {startable && (
          <div className="exam-start__go">
            {!running && (
              <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)}>
                我已阅读以上须知，承诺独立作答、遵守考试纪律
              </Checkbox>
            )}
            <Button type="primary" size="large" disabled={!running && !agreed} loading={start.isPending} onClick={() => begin()}>
              {running ? '继续作答' : '开始考试'}
            </Button>
            {running && <Tag color="processing">作答进行中</Tag>}
            {!running && <Typography.Text type="secondary">点击后立即开始计时</Typography.Text>}
          </div>
        )}
      </div>
    </PageContainer>
  );
}
