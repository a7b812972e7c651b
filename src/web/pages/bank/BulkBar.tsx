import { Alert, App, Button, Form, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { QuestionStatus } from '../../../common/bank';
import { ApiError } from '../../api';
import { showError, showSuccess } from '../../components/feedback';
import { CategorySelect } from './CategorySelect';
import { useBulk } from './useBank';
import type { BulkOp } from './types';

const STATUS_ACTIONS: { to: QuestionStatus; label: string; danger?: boolean }[] = [
  { to: 'pending_review', label: '提交审核' },
  { to: 'active', label: '审核通过' },
  { to: 'retired', label: '停用', danger: true },
];

/** Bulk actions on the selected questions; the server does all or nothing and names what it refused. */
export function BulkBar({ ids, onDone }: { ids: number[]; onDone: () => void }) {
  const { modal } = App.useApp(); // context-aware: locale and button spacing of the app
  const bulk = useBulk();
  const [moving, setMoving] = useState(false);
  const [target, setTarget] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [tagging, setTagging] = useState(false);
  const [add, setAdd] = useState<string[]>([]);
  const [remove, setRemove] = useState<string[]>([]);

  const run = (op: BulkOp, doneText: string) =>
    bulk.mutate(
      { ids, op },
      {
        onSuccess: (r) => {
          showSuccess(`${doneText}：${r.updated} 道题`);
          setMoving(false);
          setTagging(false);
          onDone();
        },
        onError: (err) => {
          if (err instanceof ApiError && err.status === 409) setRefusal(err.message);
          else showError(err);
        },
      },
    );

  if (!ids.length) return null;
  return (
    <>
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        title={
          <Space wrap>
            <Typography.Text>已选择 {ids.length} 道题</Typography.Text>
            <Button size="small" onClick={() => setMoving(true)}>
              移动到分类…
            </Button>
            <Button size="small" onClick={() => setTagging(true)}>
              设置知识点…
            </Button>
            {STATUS_ACTIONS.map((a) => (
              <Button
                key={a.to}
                size="small"
                danger={a.danger}
                loading={bulk.isPending && bulk.variables?.op.action === 'status' && bulk.variables.op.to === a.to}
                onClick={() =>
                  modal.confirm({
                    title: `${a.label}选中的 ${ids.length} 道题？`,
                    content: '任何一道题不能执行该操作时，全部不做修改。',
                    okText: a.label,
                    okButtonProps: { danger: a.danger },
                    onOk: () => run({ action: 'status', to: a.to }, `已${a.label}`),
                  })
                }
              >
                {a.label}
              </Button>
            ))}
            <Button size="small" type="link" onClick={onDone}>
              取消选择
            </Button>
          </Space>
        }
      />
      <Modal
        title={`移动 ${ids.length} 道题到分类`}
        open={moving}
        okText="移动"
        confirmLoading={bulk.isPending}
        onOk={() => run({ action: 'move', categoryId: target }, '已移动')}
        onCancel={() => setMoving(false)}
        destroyOnHidden
      >
        <label htmlFor="bulk-category" style={{ display: 'block', marginBottom: 8 }}>
          目标分类（留空表示移出分类）
        </label>
        <CategorySelect id="bulk-category" value={target} onChange={setTarget} placeholder="不分类" />
      </Modal>
      <Modal
        title={`设置 ${ids.length} 道题的知识点`}
        open={tagging}
        okText="保存"
        okButtonProps={{ disabled: !add.length && !remove.length }}
        confirmLoading={bulk.isPending}
        onOk={() => run({ action: 'tag', add, remove }, '知识点已更新')}
        onCancel={() => setTagging(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">知识点属于题目内容：有变化的题目各生成一个新版本，状态不变。</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="添加知识点">
            <Select mode="tags" value={add} onChange={setAdd} placeholder="输入后回车，可添加多个" open={false} aria-label="添加知识点" />
          </Form.Item>
          <Form.Item label="移除知识点">
            <Select mode="tags" value={remove} onChange={setRemove} placeholder="输入后回车，可移除多个" open={false} aria-label="移除知识点" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="未执行批量操作" open={refusal !== null} onOk={() => setRefusal(null)} onCancel={() => setRefusal(null)} cancelButtonProps={{ style: { display: 'none' } }} okText="知道了">
        <Alert type="warning" showIcon title="部分题目不能执行该操作，所有题目均未修改" description={refusal} />
      </Modal>
    </>
  );
}
