import { CheckCircleOutlined, CloudSyncOutlined, ExclamationCircleOutlined, StopOutlined } from '@ant-design/icons';
import { serverTimeOfDay } from './clock';
import type { QueueStatus } from './saveQueue';

/** 已保存 14:03:21 / 保存中… / 未保存，正在重试 N 条 / 已停止保存 */
export function SaveState({ status, offset }: { status: QueueStatus; offset: number }) {
  let cls = 'exam-save';
  let icon = <CheckCircleOutlined aria-hidden />;
  let text: string;
  if (status.state === 'stopped') {
    cls += ' exam-save--bad';
    icon = <StopOutlined aria-hidden />;
    text = status.code === 'SUBMITTED' ? '已交卷' : '已停止保存';
  } else if (status.state === 'retrying') {
    cls += ' exam-save--bad';
    icon = <ExclamationCircleOutlined aria-hidden />;
    text = `未保存，正在重试 ${status.pending} 条`;
  } else if (status.state === 'saving' || status.pending > 0) {
    icon = <CloudSyncOutlined aria-hidden />;
    text = '保存中…';
  } else if (status.lastSavedAt) {
    cls += ' exam-save--ok';
    text = `已保存 ${serverTimeOfDay(status.lastSavedAt, offset)}`;
  } else {
    cls += ' exam-save--ok';
    text = '答案自动保存';
  }
  return (
    <span className={cls} role="status" data-testid="save-state">
      {icon}
      <span>{text}</span>
    </span>
  );
}
