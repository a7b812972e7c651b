import { Alert, Modal, Typography } from 'antd';
import { numberList, submitSummary, type CardEntry } from './logic';

/** 交卷 confirmation: what is left unanswered or flagged, with a way back to it. */
export function SubmitDialog({ open, entries, pending, submitting, onCancel, onConfirm, onJump }: {
  open: boolean;
  entries: CardEntry[];
  pending: number;
  submitting: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  onJump: (position: number) => void;
}) {
  const s = submitSummary(entries);
  const byNo = new Map(entries.map((e) => [e.no, e.position]));
  const jumpList = (nos: number[]) =>
    nos.length > 20 ? (
      numberList(nos)
    ) : (
      <span className="exam-submit__nos">
        {nos.map((n) => (
          <a key={n} onClick={() => onJump(byNo.get(n)!)} role="button">
            {n}
          </a>
        ))}
      </span>
    );
  const allDone = s.unanswered.length === 0 && s.partial.length === 0 && s.flagged.length === 0;
  return (
    <Modal
      open={open}
      title="确认交卷"
      okText="确认交卷"
      cancelText="继续作答"
      okButtonProps={{ danger: !allDone, loading: submitting }}
      cancelButtonProps={{ disabled: submitting }}
      onOk={onConfirm}
      onCancel={onCancel}
      closable={!submitting}
      mask={{ closable: !submitting }}
    >
      <p>
        共 {entries.length} 题，已答 <b>{s.answered}</b> 题。交卷后不能再修改答案。
      </p>
      {s.unanswered.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`未答 ${s.unanswered.length} 题`} description={jumpList(s.unanswered)} data-testid="submit-unanswered" />
      )}
      {s.partial.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`未填完 ${s.partial.length} 题`} description={jumpList(s.partial)} />}
      {s.flagged.length > 0 && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`已标记待检查 ${s.flagged.length} 题`} description={jumpList(s.flagged)} data-testid="submit-flagged" />}
      {allDone && <Alert type="success" showIcon style={{ marginBottom: 8 }} title="全部题目均已作答" />}
      {pending > 0 && <Typography.Paragraph type="secondary">还有 {pending} 条答案尚未保存到服务器，将随交卷一并提交。</Typography.Paragraph>}
    </Modal>
  );
}
