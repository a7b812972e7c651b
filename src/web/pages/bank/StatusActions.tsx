import { Alert, App, Button, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { QUESTION_STATUS_ZH, type QuestionStatus } from '../../../common/bank';
import { ApiError } from '../../api';
import { showError, showSuccess } from '../../components/feedback';
import { useStatusChange } from './useBank';
import type { QuestionDetail } from './types';

/** The button for a transition from the current status (the server lists the allowed ones). */
function actionLabel(from: QuestionStatus, to: QuestionStatus): string {
  if (to === 'pending_review') return '提交审核';
  if (to === 'active') return from === 'pending_review' ? '审核通过' : '启用';
  if (to === 'retired') return '停用';
  return from === 'pending_review' ? '退回修改' : '重新编辑';
}

/** Whether the action asks for a comment: approval and return carry the reviewer's words. */
const asksComment = (from: QuestionStatus) => from === 'pending_review';

export function StatusActions({ question }: { question: QuestionDetail }) {
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const change = useStatusChange(question.id);
  const [asking, setAsking] = useState<QuestionStatus | null>(null);
  const [comment, setComment] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const from = question.status;

  const run = (to: QuestionStatus, text?: string) =>
    change.mutate(
      { to, comment: text?.trim() || undefined },
      {
        onSuccess: () => {
          showSuccess(`已${actionLabel(from, to)}，题目现为“${QUESTION_STATUS_ZH[to]}”`);
          setAsking(null);
          setComment('');
          if (from === 'retired' && to === 'draft') navigate(`/bank/questions/${question.id}/edit`);
        },
        onError: (err) => {
          setAsking(null);
          if (err instanceof ApiError && err.status === 409) setRefusal(err.message);
          else showError(err);
        },
      },
    );

  const click = (to: QuestionStatus) => {
    if (asksComment(from)) {
      setComment('');
      setAsking(to);
    } else if (to === 'retired') {
      modal.confirm({ title: '停用这道题？', content: '停用的题目保留备查，但不会再被组卷抽取。', okText: '停用', okButtonProps: { danger: true }, onOk: () => run(to) });
    } else run(to);
  };

  return (
    <>
      <Space wrap>
        {question.allowedTransitions.map((to) => (
          <Button key={to} type={to === 'active' || to === 'pending_review' ? 'primary' : 'default'} danger={to === 'retired'} loading={change.isPending && change.variables?.to === to} onClick={() => click(to)}>
            {actionLabel(from, to)}
          </Button>
        ))}
      </Space>
      <Modal
        title={asking ? actionLabel(from, asking) : ''}
        open={asking !== null}
        okText={asking ? actionLabel(from, asking) : '确定'}
        confirmLoading={change.isPending}
        onOk={() => asking && run(asking, comment)}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <label htmlFor="status-comment" style={{ display: 'block', marginBottom: 8 }}>
          审核意见（选填）
        </label>
        <Input.TextArea id="status-comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} showCount autoSize={{ minRows: 3 }} placeholder={asking === 'draft' ? '请说明需要修改的地方' : '例如：表述准确，法律依据无误'} />
      </Modal>
      <Modal title="操作未完成" open={refusal !== null} onOk={() => setRefusal(null)} onCancel={() => setRefusal(null)} cancelButtonProps={{ style: { display: 'none' } }} okText="知道了">
        <Alert type="warning" showIcon title={refusal} />
      </Modal>
    </>
  );
}
