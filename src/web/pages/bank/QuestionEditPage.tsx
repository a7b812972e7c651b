import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Skeleton, Space } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { BLANK_MARKER_RE } from '../../../common/bank';
import type { FieldIssue } from '../../../common/errors';
import { ApiError, api } from '../../api';
import { showError, showSuccess } from '../../components/feedback';
import { PageContainer } from '../../components/PageContainer';
import { contentToValues, emptyValues, valuesToContent, type QuestionFormValues } from './content';
import { QuestionForm } from './QuestionForm';
import { StatusTag } from './labels';
import { useBankInvalidate, useQuestion } from './useBank';
import type { SaveResult, SimilarQuestion } from './types';
import { useQueryClient } from '@tanstack/react-query';
import './bank.css';

const shortStem = (t: string) => {
  const s = t.replace(BLANK_MARKER_RE, '（　）');
  return s.length > 60 ? s.slice(0, 60) + '…' : s;
};

interface SavedState {
  similar?: SimilarQuestion[];
}

/** 新建题目 (/bank/questions/new) and 编辑题目 (/bank/questions/:id/edit: saving makes a new version). */
export default function QuestionEditPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : undefined;
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const invalidate = useBankInvalidate();
  const question = useQuestion(id);
  const [saving, setSaving] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[] | null>(null);
  const [unplaced, setUnplaced] = useState<FieldIssue[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  const similar = (location.state as SavedState | null)?.similar ?? [];
  const onIssues = useCallback((issues: FieldIssue[]) => setUnplaced(issues), []);

  const detail = question.data;
  const initial: QuestionFormValues | null = id ? (detail ? contentToValues(detail.current.content, detail.categoryId) : null) : emptyValues('single', Number(search.get('categoryId')) || null);

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409 && id) {
      setConflict(err.message);
      window.scrollTo({ top: 0, behavior: 'smooth' }); // the notice is above the form
    }
    else if (err instanceof ApiError && err.issues.length) setServerIssues(err.issues);
    else showError(err);
  };

  const save = async (values: QuestionFormValues) => {
    setSaving(true);
    setServerIssues(null);
    const content = valuesToContent(values);
    try {
      if (!id) {
        const r = await api.post<SaveResult>('/api/bank/questions', { content, categoryId: values.categoryId ?? null });
        invalidate();
        showSuccess('题目已保存为草稿');
        navigate(`/bank/questions/${r.question.id}/edit`, { replace: true, state: { similar: r.similar } satisfies SavedState });
        return;
      }
      const r = await api.put<SaveResult>(`/api/bank/questions/${id}`, { content, baseVersionId: detail!.current.id });
      let moved = false;
      if ((values.categoryId ?? null) !== detail!.categoryId) {
        await api.post('/api/bank/questions/bulk', { ids: [id], op: { action: 'move', categoryId: values.categoryId ?? null } });
        moved = true;
      }
      invalidate();
      if (r.changed === false) {
        if (moved) showSuccess('已修改分类；题目内容未变化，未生成新版本');
        else showSuccess('内容未变化，未生成新版本');
      } else {
        showSuccess(`已保存为第 ${r.question.current.versionNo} 版`);
      }
      qc.setQueryData(['bank', 'question', id], moved ? { ...r.question, categoryId: values.categoryId ?? null } : r.question);
      navigate(location.pathname, { replace: true, state: { similar: r.similar } satisfies SavedState });
    } catch (err) {
      fail(err);
    } finally {
      setSaving(false);
    }
  };

  const refresh = async () => {
    setConflict(null);
    await question.refetch();
  };

  if (id && question.isError) {
    return <Result status="404" title="题目不存在或已无法访问" extra={<Button onClick={() => navigate('/bank/questions')}>返回题目列表</Button>} />;
  }

  return (
    <PageContainer
      title={id ? '编辑题目' : '新建题目'}
      subtitle={
        id && detail ? (
          <Space size="small">
            <span>#{id}</span>
            <StatusTag status={detail.status} />
            <span>当前第 {detail.current.versionNo} 版；保存将生成新版本，旧版本保留可查。</span>
          </Space>
        ) : (
          '新题目保存为草稿，提交审核并通过后才会被组卷抽取。'
        )
      }
      extra={id ? <Link to={`/bank/questions/${id}`}>查看详情</Link> : undefined}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="题目已被他人修改，请刷新"
          description={`${conflict.startsWith('题目已被他人修改') ? '' : conflict + ' '}刷新后将载入最新版本，您在本页未保存的修改会丢失。`}
          action={
            <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void refresh()}>
              刷新
            </Button>
          }
        />
      )}
      {similar.length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          data-testid="similar-alert"
          title="发现相似题目，请确认是否重复："
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {similar.map((s) => (
                <li key={s.id}>
                  <Link to={`/bank/questions/${s.id}`} target="_blank">
                    #{s.id}
                  </Link>{' '}
                  {shortStem(s.stemText)}（相似度 {Math.round(s.score * 100)}%）
                </li>
              ))}
            </ul>
          }
        />
      )}
      {initial ? (
        <QuestionForm
          key={detail?.current.id ?? 'new'}
          initial={initial}
          saved={detail?.current.content ?? null}
          locked={!!id}
          saving={saving}
          unplaced={unplaced}
          onIssues={onIssues}
          serverIssues={serverIssues}
          onSubmit={(v) => void save(v)}
          onCancel={() => navigate(id ? `/bank/questions/${id}` : '/bank/questions')}
        />
      ) : (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      )}
    </PageContainer>
  );
}
