import { Button, Card, Empty, Pagination, Popconfirm, Result, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QUESTION_TYPE_ZH } from '../../../../common/bank';
import type { WrongBookItem, WrongBookStatus } from '../../../../common/practice';
import { errorText, showSuccess } from '../../../components/feedback';
import { ExamHtml } from '../../exam/my/ExamHtml';
import { PracticeRunner } from './PracticeRunner';
import { useRemoveWrong, useWrongBook } from './usePractice';

const fmtDay = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' }).format(new Date(iso));

/** 错题本: open and mastered questions; 重做 one or all, remove. */
export function WrongBookTab() {
  const [status, setStatus] = useState<WrongBookStatus>('open');
  const [page, setPage] = useState(1);
  const [redo, setRedo] = useState<WrongBookItem[] | null>(null);
  const q = useWrongBook(status, page);
  const remove = useRemoveWrong();

  if (redo) {
    return (
      <div>
        <div className="practice-set-bar">
          <span>错题重做：{redo.length} 题</span>
          <Button onClick={() => setRedo(null)}>返回错题本</Button>
        </div>
        <PracticeRunner mode="wrongbook" questions={redo.map((i) => i.question)} onRestart={() => setRedo(null)} restartText="返回错题本" />
      </div>
    );
  }

  const v = q.data;
  const redoable = (v?.items ?? []).filter((i) => i.available);
  return (
    <div>
      <div className="practice-set-bar">
        <Segmented
          value={status}
          onChange={(s) => (setStatus(s as WrongBookStatus), setPage(1))}
          options={[
            { value: 'open', label: `未掌握${v ? ` ${v.open}` : ''}` },
            { value: 'mastered', label: `已掌握${v ? ` ${v.mastered}` : ''}` },
          ]}
        />
        {status === 'open' && redoable.length > 0 && (
          <Button type="primary" onClick={() => setRedo(redoable)}>
            重做本页 {redoable.length} 题
          </Button>
        )}
      </div>
      {q.isPending && <Skeleton active />}
      {q.error && <Result status="warning" title={errorText(q.error)} extra={<Button onClick={() => void q.refetch()}>重试</Button>} />}
      {v && v.items.length === 0 && <Empty description={status === 'open' ? '错题本是空的，答错的题会自动记入' : '还没有已掌握的错题'} />}
      <div className="practice-wrong-list">
        {v?.items.map((i) => (
          <Card key={i.questionId} size="small" className="practice-wrong" data-testid={`wrong-${i.questionId}`}>
            <Space size={4} wrap className="practice-wrong__tags">
              <Tag color="blue">{QUESTION_TYPE_ZH[i.question.type]}</Tag>
              <Tag color="red">错 {i.wrongCount} 次</Tag>
              {i.correctStreak > 0 && !i.masteredAt && <Tag color="green">已连续答对 {i.correctStreak} 次</Tag>}
              {i.retired ? <Tag>已停用</Tag> : !i.available && <Tag>暂不可练习</Tag>}
              <Typography.Text type="secondary" className="practice-wrong__date">
                {i.masteredAt ? `${fmtDay(i.masteredAt)} 掌握` : `${fmtDay(i.lastWrongAt)} 答错`}
              </Typography.Text>
            </Space>
            <ExamHtml className="practice-wrong__stem" html={i.question.stem.replace(/\{\{\d+\}\}/g, '____')} />
            <div className="practice-wrong__actions">
              {i.available ? (
                <Button type="primary" ghost onClick={() => setRedo([i])}>
                  重做
                </Button>
              ) : (
                <Typography.Text type="secondary">{i.retired ? '该题已停用，不能重做' : '该题正在修订或不在练习范围内'}</Typography.Text>
              )}
              <Popconfirm title="从错题本移除这道题？" okText="移除" cancelText="取消" onConfirm={() => remove.mutateAsync(i.questionId).then(() => showSuccess('已移除'))}>
                <Button danger type="text">
                  移除
                </Button>
              </Popconfirm>
            </div>
          </Card>
        ))}
      </div>
      {v && v.total > 20 && <Pagination className="practice-pager" current={page} total={v.total} pageSize={20} onChange={setPage} showSizeChanger={false} simple />}
    </div>
  );
}
