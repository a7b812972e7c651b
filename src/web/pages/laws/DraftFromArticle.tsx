import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { QuestionContent } from '../../../common/bank';
import type { LawArticleView } from '../../../common/laws';
import { api } from '../../api';
import { showError } from '../../components/feedback';
import { QuestionView, SanitisedHtml } from '../bank/QuestionView';

interface Draft {
  articleId: number;
  kind: 'fill' | 'truefalse';
  content: QuestionContent;
  score: number;
}

/**
 * 由此条出题: shows the 填空/判断 drafts the server makes from one article and saves them as
 * 草稿 — they reach exams only after someone reviews and enables them in the bank.
 */
export function DraftFromArticle({ article, onClose }: { article: LawArticleView | null; onClose: () => void }) {
  const [saved, setSaved] = useState<number | null>(null);
  const preview = useQuery({
    queryKey: ['drafts', article?.id],
    queryFn: () => api.get<{ drafts: Draft[] }>(`/api/bank/drafts/preview?articleId=${article!.id}`),
    enabled: !!article,
  });
  const save = useMutation({
    mutationFn: () => api.post<{ created: number; questionIds: number[] }>('/api/bank/drafts', { articleIds: [article!.id], kinds: ['fill', 'truefalse'], perArticle: 3 }),
    onSuccess: (r) => setSaved(r.created),
    onError: showError,
  });
  const drafts = preview.data?.drafts ?? [];
  const close = () => {
    setSaved(null);
    onClose();
  };
  return (
    <Modal
      title={`由此条出题 — ${article?.label ?? ''}`}
      open={!!article}
      onCancel={close}
      width={720}
      destroyOnHidden
      footer={
        saved !== null ? (
          <Space>
            <Link to="/bank/questions?status=draft">去题库审核</Link>
            <Button type="primary" onClick={close}>
              完成
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={close}>取消</Button>
            <Button type="primary" disabled={!drafts.length} loading={save.isPending} onClick={() => save.mutate()}>
              保存为草稿（{drafts.length} 题）
            </Button>
          </Space>
        )
      }
    >
      {saved !== null ? (
        <Alert type="success" showIcon title={`已保存 ${saved} 道草稿题`} description="草稿须在题库中审核启用后才会进入考试。" />
      ) : preview.isLoading ? (
        <Skeleton active />
      ) : !drafts.length ? (
        <Empty description="这一条不适合自动出题（条文过短、只有列举项，或没有可挖空的关键词）" />
      ) : (
        <>
          <Typography.Paragraph type="secondary">以下题目由条文自动生成，保存后为“草稿”，请在题库中逐题审核、修改后再启用。</Typography.Paragraph>
          {drafts.map((d, i) => (
            <div key={i} className="law-draft" data-testid="law-draft">
              <Space style={{ marginBottom: 6 }}>
                <Tag color={d.kind === 'fill' ? 'blue' : 'purple'}>{d.kind === 'fill' ? '填空题' : '判断题'}</Tag>
              </Space>
              <QuestionView content={d.content} showKey />
              {d.content.explanationHtml && <SanitisedHtml className="law-draft__expl" html={d.content.explanationHtml} />}
            </div>
          ))}
        </>
      )}
    </Modal>
  );
}
