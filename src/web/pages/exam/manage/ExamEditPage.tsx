import { CheckCircleOutlined, SafetyCertificateOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Result, Skeleton, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { FieldIssue } from '../../../../common/errors';
import type { BlueprintCheckResult, ExamDetail } from '../../../../common/exam-admin';
import { ApiError } from '../../../api';
import { showError, showSuccess } from '../../../components/feedback';
import { PageContainer } from '../../../components/PageContainer';
import { categoryLabel } from '../../bank/categoryTree';
import { useCategories } from '../../bank/useBank';
import { useLawList } from '../../laws/useLaws';
import { CheckResultPanel } from './CheckResultPanel';
import { ExamForm } from './ExamForm';
import { emptyExamValues, examToValues, issueFieldPath, nearestRegistered, valuesToInput, type ExamFormValues } from './formValues';
import { PhaseTag } from './labels';
import { PublishConfirmText } from './PublishConfirm';
import { useCheckExam, useExam, useExamAction, useExamsInvalidate, useSaveExam } from './useExams';
import './manage.css';

/** Removes every error mark (before showing a new check's problems). */
function clearErrors(form: FormInstance): void {
  form.setFields(form.getFieldsError().filter((f) => f.errors.length).map((f) => ({ name: f.name, errors: [] })));
}

/** Puts issues on the fields they name; returns those no field of the form shows. */
export function placeIssues(form: FormInstance, issues: FieldIssue[]): FieldIssue[] {
  const registered = form.getFieldsError().map((f) => f.name);
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: FieldIssue[] = [];
  for (const i of issues) {
    const name = nearestRegistered(issueFieldPath(i.path), registered);
    if (!name) {
      unplaced.push(i);
      continue;
    }
    const k = name.join('.');
    const e = byField.get(k) ?? { name, errors: [] };
    e.errors.push(i.message);
    byField.set(k, e);
  }
  form.setFields([...byField.values()]);
  const first = [...byField.values()][0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return unplaced;
}

/** 新建考试 (/exams/new) and 编辑考试 (/exams/:id/edit), with 检查组卷规则 and 发布. */
export default function ExamEditPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : undefined;
  const exam = useExam(id);
  if (id && !exam.data) {
    return (
      <PageContainer title="编辑考试">
        {exam.isError ? <Result status="warning" title="考试不存在或无权查看" extra={<Link to="/exams">返回考试列表</Link>} /> : <Skeleton active paragraph={{ rows: 12 }} />}
      </PageContainer>
    );
  }
  // Remount on another exam so the form starts from its values.
  return <ExamEditor key={id ?? 'new'} exam={exam.data} />;
}

function ExamEditor({ exam }: { exam: ExamDetail | undefined }) {
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [form] = Form.useForm<ExamFormValues>();
  const initial = useMemo(() => (exam ? examToValues(exam.settings) : emptyExamValues()), [exam]);
  const save = useSaveExam(exam?.id);
  const check = useCheckExam(exam?.id);
  const action = useExamAction(exam?.id ?? 0);
  const invalidate = useExamsInvalidate();
  const { categories } = useCategories();
  const laws = useLawList();
  const [dirty, setDirty] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldIssue[]>([]);
  const [checkResult, setCheckResult] = useState<BlueprintCheckResult | null>(null);
  const [changedSinceCheck, setChangedSinceCheck] = useState(false);

  const draft = !exam || exam.editable === 'all';
  const limited = exam?.editable === 'limited';

  if (exam?.editable === 'none') {
    return (
      <PageContainer title="编辑考试">
        <Result status="info" title="考试已结束，设置不能再修改" extra={<Link to={`/exams/${exam.id}`}>查看考试</Link>} />
      </PageContainer>
    );
  }

  /** Quota labels are what messages show ("宪法至少5道"): filled from the category tree and law list. */
  const body = (v: ExamFormValues) => {
    const input = valuesToInput(v);
    if (input.paper.mode === 'blueprint') {
      for (const q of input.paper.blueprint.quotas ?? []) {
        if (q.kind === 'category' && typeof q.ref === 'number') q.label = categoryLabel(categories, q.ref);
        else if (q.kind === 'law') q.label = laws.data?.find((l) => l.id === q.ref)?.title ?? '';
        else q.label = String(q.ref ?? '');
      }
    }
    if (limited) return { title: input.title, instructions: input.instructions, closesAt: input.closesAt, passValidMonths: input.passValidMonths };
    return input;
  };

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.issues.length) {
      const rest = placeIssues(form, err.issues);
      setUnplaced(rest);
      if (rest.length === err.issues.length) window.scrollTo({ top: 0, behavior: 'smooth' });
    } else showError(err);
  };

  /** Saves; resolves to the saved exam, or null when the form or the server refused. */
  const doSave = async (): Promise<ExamDetail | null> => {
    setUnplaced([]);
    try {
      await form.validateFields();
    } catch {
      return null; // antd marks the fields and scrolls to the first
    }
    const values = form.getFieldsValue(true) as ExamFormValues;
    try {
      const saved = await save.mutateAsync(body(values));
      setDirty(false);
      return saved;
    } catch (err) {
      fail(err);
      return null;
    }
  };

  const onSave = async () => {
    const saved = await doSave();
    if (!saved) return;
    if (!exam) {
      showSuccess('考试已保存为草稿，可以检查组卷规则后发布');
      navigate(`/exams/${saved.id}/edit`, { replace: true });
    } else showSuccess('已保存');
  };

  const onCheck = async () => {
    if (!exam) return;
    if (dirty && !(await doSave())) return;
    try {
      const r = await check.mutateAsync();
      setCheckResult(r);
      setChangedSinceCheck(false);
      // Clear old marks, then put each problem next to its field.
      clearErrors(form);
      if (!r.ok) placeIssues(form, r.problems);
      else setTimeout(() => document.querySelector('[data-testid="check-result"]')?.scrollIntoView({ behavior: 'smooth', block: 'center' }), 50);
    } catch (err) {
      fail(err);
    }
  };

  const onPublish = () => {
    if (!exam) return;
    modal.confirm({
      title: `发布考试「${exam.title}」？`,
      width: 560,
      content: <PublishConfirmText exam={exam} />,
      okText: '确认发布',
      cancelText: '取消',
      onOk: async () => {
        try {
          await action.mutateAsync('publish');
          navigate(`/exams/${exam.id}`);
          invalidate();
          showSuccess('考试已发布');
        } catch (err) {
          fail(err);
        }
      },
    });
  };

  const canPublish = draft && !!exam && !!checkResult?.ok && !changedSinceCheck && !dirty;
  const title = exam ? `编辑考试：${exam.title}` : '新建考试';

  return (
    <PageContainer
      title={title}
      subtitle={exam ? <Space size={4}><PhaseTag phase={exam.phase} />{limited ? '考试已发布，只能修改名称、考试须知、截止时间和合格有效期。' : '草稿：保存后检查组卷规则，检查通过即可发布。'}</Space> : '填写考试设置并保存为草稿；草稿可以随时修改，发布前检查组卷规则。'}
      extra={exam && <Link to={`/exams/${exam.id}`}>查看考试详情</Link>}
    >
      {unplaced.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setUnplaced([]) }}
          style={{ marginBottom: 16 }}
          title="保存失败，请修改以下问题："
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {unplaced.map((i, k) => (
                <li key={k}>{i.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <ExamForm
        form={form}
        initial={initial}
        exam={exam}
        check={checkResult}
        onValuesChange={() => {
          setDirty(true);
          setChangedSinceCheck(true);
        }}
        checkPanel={
          checkResult && (
            <CheckResultPanel
              result={checkResult}
              tolerancePct={exam?.settings.paper.mode === 'blueprint' ? exam.settings.paper.blueprint.fairnessTolerancePct : null}
              stale={changedSinceCheck}
              onProblem={(path) => placeIssues(form, [{ path, message: checkResult.problems.find((p) => p.path === path)?.message ?? '' }])}
            />
          )
        }
      />
      <div className="exam-form-footer">
        <Space wrap>
          <Button type={draft && exam ? 'default' : 'primary'} icon={<SaveOutlined aria-hidden />} loading={save.isPending && !check.isPending} onClick={() => void onSave()}>
            保存
          </Button>
          {draft && exam && (
            <Button icon={<SafetyCertificateOutlined aria-hidden />} loading={check.isPending} onClick={() => void onCheck()}>
              检查组卷规则
            </Button>
          )}
          {draft && exam && (
            <Button type="primary" icon={<CheckCircleOutlined aria-hidden />} disabled={!canPublish} loading={action.isPending} onClick={onPublish}>
              发布
            </Button>
          )}
          <Button onClick={() => navigate(exam ? `/exams/${exam.id}` : '/exams')}>返回</Button>
        </Space>
        {draft && exam && !canPublish && (
          <Typography.Text type="secondary" className="exam-form-footer__hint">
            {dirty ? '有未保存的修改。' : !checkResult ? '发布前请先检查组卷规则。' : !checkResult.ok ? '组卷规则检查未通过，修改后请重新检查。' : changedSinceCheck ? '设置已修改，请重新检查。' : ''}
          </Typography.Text>
        )}
        {!exam && <Typography.Text type="secondary" className="exam-form-footer__hint">保存为草稿后可以检查组卷规则、添加考生并发布。</Typography.Text>}
      </div>
    </PageContainer>
  );
}
