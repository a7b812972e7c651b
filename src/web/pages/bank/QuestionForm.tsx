import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Divider, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useRef } from 'react';
import { blankNumbers, checkQuestionContent, DIFFICULTY_ZH, MAX_OPTIONS, MIN_OPTIONS, OPTION_KEYS, QUESTION_TYPES, QUESTION_TYPE_ZH, type OptionKey, type QuestionContent } from '../../../common/bank';
import type { FieldIssue } from '../../../common/errors';
import { RANKS } from '../../../common/org';
import { CategorySelect } from './CategorySelect';
import { LawLinkButton } from './LawLinkButton';
import { issueField, renumberBlanks, textToHtml, valuesToContent, type QuestionFormValues } from './content';
import { SanitisedHtml, withBlanks } from './QuestionView';

interface Props {
  initial: QuestionFormValues;
  /** the stored (server-sanitised) content, for the formatted preview */
  saved: QuestionContent | null;
  locked: boolean;
  saving: boolean;
  unplaced: FieldIssue[];
  onIssues: (issues: FieldIssue[]) => void;
  onSubmit: (values: QuestionFormValues) => void;
  onCancel: () => void;
  /** server issues to put on the fields (set by the page after a failed save) */
  serverIssues: FieldIssue[] | null;
}

/** Puts issues on their fields; returns those that fit no field. */
function placeIssues(form: FormInstance, issues: FieldIssue[]): FieldIssue[] {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: FieldIssue[] = [];
  for (const i of issues) {
    const name = issueField(i.path);
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
  return unplaced;
}

/** Question editor: type, stem, options/answer by type, 解析, 难度, 法律依据, 知识点, 职级, 年度, 来源, 分类. */
export function QuestionForm({ initial, saved, locked, saving, unplaced, onIssues, onSubmit, onCancel, serverIssues }: Props) {
  const [form] = Form.useForm<QuestionFormValues>();
  const type = Form.useWatch('type', form) ?? initial.type;
  const stem = Form.useWatch('stem', form) ?? initial.stem;
  const options = Form.useWatch('options', form) ?? initial.options;
  const singleKey = Form.useWatch('singleKey', form) as OptionKey | undefined;
  const multiKeys = Form.useWatch('multiKeys', form) as OptionKey[] | undefined;
  const stemRef = useRef<TextAreaRef>(null);

  const setAnswer = (name: 'singleKey' | 'multiKeys', value: OptionKey | OptionKey[]) => {
    form.setFields([{ name, value, errors: [] }]);
  };
  /** Removing option i shifts the letters after it: keep the chosen answer on the same text. */
  const removeOptionKey = (i: number) => {
    const shift = (k: OptionKey): OptionKey | null => {
      const j = OPTION_KEYS.indexOf(k);
      return j === i ? null : j > i ? OPTION_KEYS[j - 1] : k;
    };
    const sk = form.getFieldValue('singleKey') as OptionKey | undefined;
    if (sk) form.setFieldValue('singleKey', shift(sk) ?? undefined);
    const mk = (form.getFieldValue('multiKeys') as OptionKey[] | undefined) ?? [];
    form.setFieldValue('multiKeys', mk.map(shift).filter((k): k is OptionKey => k !== null));
  };

  useEffect(() => {
    if (serverIssues) onIssues(placeIssues(form, serverIssues));
  }, [serverIssues, form, onIssues]);

  // One answer row per blank marker in the stem.
  const blankCount = type === 'fill' ? blankNumbers(stem ?? '').length : 0;
  useEffect(() => {
    if (type !== 'fill') return;
    const rows = (form.getFieldValue('blanks') as QuestionFormValues['blanks']) ?? [];
    if (rows.length !== blankCount) {
      form.setFieldValue('blanks', Array.from({ length: blankCount }, (_, i) => rows[i] ?? { accepted: [] }));
    }
  }, [type, blankCount, form]);

  const insertBlank = () => {
    const el = stemRef.current?.resizableTextArea?.textArea;
    const cur: string = form.getFieldValue('stem') ?? '';
    const at = el ? el.selectionStart : cur.length;
    const end = el ? el.selectionEnd : cur.length;
    const next = renumberBlanks(cur.slice(0, at) + '{{0}}' + cur.slice(end));
    const n = blankNumbers(cur.slice(0, at)).length + 1;
    // The new blank is number n: its answer row goes in at n, so later answers keep their blanks.
    const rows = [...((form.getFieldValue('blanks') as QuestionFormValues['blanks']) ?? [])];
    rows.splice(n - 1, 0, { accepted: [] });
    form.setFieldsValue({ stem: next, blanks: rows });
    const caret = at + `{{${n}}}`.length;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };

  const submit = (values: QuestionFormValues) => {
    const content = valuesToContent(values);
    const check = checkQuestionContent(content);
    if (!check.ok) {
      // An answer not chosen yet reads better as a request than as zod's type message.
      const issues = check.issues.map((i) =>
        i.path === 'answer.key' && !values.singleKey
          ? { ...i, message: '请选择正确答案' }
          : i.path === 'answer.value' && values.tfValue === undefined
            ? { ...i, message: '请选择“正确”或“错误”' }
            : i,
      );
      onIssues(placeIssues(form, issues));
      return;
    }
    onIssues([]);
    onSubmit(values);
  };

  const choice = type === 'single' || type === 'multiple';
  const stemUnchanged = saved && textToHtml(stem ?? '') === saved.stem;

  return (
    <Form<QuestionFormValues> form={form} layout="vertical" initialValues={initial} onFinish={submit} scrollToFirstError aria-label="题目编辑">
      {unplaced.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title="请修改以下问题" description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{unplaced.map((i, k) => <li key={k}>{i.message}</li>)}</ul>} />
      )}
      <Row gutter={24}>
        <Col xs={24} xl={15}>
          <Card title="题目内容" size="small" style={{ marginBottom: 16 }}>
            <Form.Item label="题型" name="type" extra={locked ? '题型不能修改；如需其他题型请新建题目。' : undefined}>
              <Radio.Group optionType="button" buttonStyle="solid" disabled={locked} options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_ZH[t] }))} />
            </Form.Item>
            <Form.Item
              label={
                <Space>
                  <span>题干</span>
                  {type === 'fill' && (
                    <Button size="small" onClick={insertBlank}>
                      插入填空位
                    </Button>
                  )}
                </Space>
              }
              name="stem"
              htmlFor="question-stem"
              extra={type === 'fill' ? '在光标处插入 {{1}}、{{2}}… 作为填空位，下方每个空填写可接受的答案。' : '换行会保留；保存时由服务器清理格式。'}
            >
              <Input.TextArea id="question-stem" ref={stemRef} autoSize={{ minRows: 3, maxRows: 12 }} placeholder="请输入题干" />
            </Form.Item>

            {choice && (
              <Form.Item label={type === 'single' ? '选项（选择正确答案）' : '选项（勾选全部正确答案）'} required>
                <Form.List name="options">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <OptionRow
                          key={f.key}
                          index={i}
                          removable={fields.length > MIN_OPTIONS}
                          onRemove={() => {
                            removeOptionKey(i);
                            remove(f.name);
                          }}
                          picker={
                            type === 'single' ? (
                              <Radio checked={singleKey === OPTION_KEYS[i]} onChange={() => setAnswer('singleKey', OPTION_KEYS[i])} aria-label={`${OPTION_KEYS[i]} 为正确答案`} />
                            ) : (
                              <Checkbox
                                checked={(multiKeys ?? []).includes(OPTION_KEYS[i])}
                                onChange={(e) => setAnswer('multiKeys', e.target.checked ? [...(multiKeys ?? []), OPTION_KEYS[i]].sort() : (multiKeys ?? []).filter((k) => k !== OPTION_KEYS[i]))}
                                aria-label={`${OPTION_KEYS[i]} 为正确答案`}
                              />
                            )
                          }
                        />
                      ))}
                      <Button type="dashed" icon={<PlusOutlined aria-hidden />} disabled={fields.length >= MAX_OPTIONS} onClick={() => add({ html: '' })} style={{ marginTop: 4 }}>
                        添加选项{fields.length >= MAX_OPTIONS ? `（最多${MAX_OPTIONS}个）` : ''}
                      </Button>
                    </>
                  )}
                </Form.List>
                {/* outside the Form.List: inside it, names are prefixed with "options" */}
                <Form.Item name={type === 'single' ? 'singleKey' : 'multiKeys'} style={{ marginBottom: 0 }}>
                  <NoInput />
                </Form.Item>
              </Form.Item>
            )}

            {type === 'truefalse' && (
              <Form.Item label="答案" name="tfValue" required>
                <Radio.Group
                  options={[
                    { value: true, label: '正确' },
                    { value: false, label: '错误' },
                  ]}
                />
              </Form.Item>
            )}

            {type === 'fill' && (
              <Form.Item label="各空答案" required extra="每个空可填写多个可接受的答案，输入后按回车。">
                {blankCount === 0 && <Typography.Text type="secondary">题干中还没有填空位，请点击“插入填空位”。</Typography.Text>}
                <Form.List name="blanks">
                  {(fields) =>
                    fields.map((f, i) => (
                      <Form.Item key={f.key} name={[f.name, 'accepted']} label={`第${i + 1}空`} style={{ marginBottom: 8 }}>
                        <Select mode="tags" open={false} suffixIcon={null} placeholder="输入答案后按回车，可填写多个" tokenSeparators={['\n']} aria-label={`第${i + 1}空的答案`} />
                      </Form.Item>
                    ))
                  }
                </Form.List>
              </Form.Item>
            )}

            {type === 'essay' && (
              <>
                <Form.Item label="参考答案" name="referenceHtml" required htmlFor="question-reference">
                  <Input.TextArea id="question-reference" autoSize={{ minRows: 3, maxRows: 12 }} />
                </Form.Item>
                <Form.Item label="评分要点">
                  <Form.List name="rubric">
                    {(fields, { add, remove }) => (
                      <>
                        {fields.map((f, i) => (
                          <Space key={f.key} align="start" style={{ display: 'flex', marginBottom: 4 }}>
                            <Form.Item name={[f.name, 'point']} style={{ marginBottom: 4, width: 420 }}>
                              <Input placeholder={`要点${i + 1}`} aria-label={`要点${i + 1}`} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'score']} style={{ marginBottom: 4 }}>
                              <InputNumber min={0.5} max={100} step={0.5} placeholder="分值" aria-label={`要点${i + 1}分值`} addonAfter="分" />
                            </Form.Item>
                            <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除要点${i + 1}`} onClick={() => remove(f.name)} />
                          </Space>
                        ))}
                        <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ point: '', score: null })}>
                          添加评分要点
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Form.Item>
              </>
            )}

            <Form.Item label="解析" name="explanationHtml" htmlFor="question-explanation">
              <Input.TextArea id="question-explanation" autoSize={{ minRows: 2, maxRows: 10 }} placeholder="可引用法条原文说明答案的理由" />
            </Form.Item>
          </Card>

          <Card title="预览" size="small" style={{ marginBottom: 16 }} data-testid="question-preview">
            {stemUnchanged && saved ? (
              <>
                <SanitisedHtml className="bank-stem" html={saved.type === 'fill' ? withBlanks(saved.stem) : saved.stem} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  已保存的排版效果（经服务器清理）
                </Typography.Text>
              </>
            ) : (
              <>
                <div className="bank-stem" style={{ whiteSpace: 'pre-wrap' }}>
                  {stem || <Typography.Text type="secondary">（题干为空）</Typography.Text>}
                </div>
                {choice &&
                  (options ?? []).map((o, i) => (
                    <div key={i} style={{ whiteSpace: 'pre-wrap' }}>
                      {OPTION_KEYS[i]}. {o?.html}
                    </div>
                  ))}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  保存前按纯文本预览；保存后显示经服务器清理的排版效果。
                </Typography.Text>
              </>
            )}
          </Card>
        </Col>

        <Col xs={24} xl={9}>
          <Card title="属性" size="small" style={{ marginBottom: 16 }}>
            <Form.Item label="分类" name="categoryId" htmlFor="question-category">
              <CategorySelect id="question-category" />
            </Form.Item>
            <Form.Item label="难度" name="difficulty" htmlFor="question-difficulty">
              <Select id="question-difficulty" options={[1, 2, 3, 4, 5].map((d) => ({ value: d, label: `${d} · ${DIFFICULTY_ZH[d]}` }))} />
            </Form.Item>
            <Form.Item label="知识点" name="knowledgePoints" htmlFor="question-kp">
              <Select id="question-kp" mode="tags" open={false} suffixIcon={null} placeholder="输入后按回车" />
            </Form.Item>
            <Form.Item label="适用职级" name="suitableRanks" htmlFor="question-ranks">
              <Select id="question-ranks" mode="multiple" allowClear placeholder="不限" options={RANKS.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item label="年度" name="yearAdded" htmlFor="question-year">
                  <InputNumber id="question-year" min={2000} max={2100} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item label="来源" name="source" htmlFor="question-source">
                  <Input id="question-source" placeholder="例如：2025年度考试" />
                </Form.Item>
              </Col>
            </Row>
            <Divider style={{ margin: '4px 0 12px' }} />
            <Form.Item label="法律依据" style={{ marginBottom: 0 }}>
              <Form.List name="legalBasis">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <Space key={f.key} align="start" style={{ display: 'flex' }}>
                        {/* editing the citation drops the resolved article: it may no longer be the one cited */}
                        <Form.Item name={[f.name, 'lawTitle']} style={{ marginBottom: 8, width: 150 }}>
                          <Input placeholder="法律名称，如：民法典" aria-label={`法律依据${i + 1}的法律名称`} onChange={() => form.setFieldValue(['legalBasis', i, 'articleId'], undefined)} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'articleLabel']} style={{ marginBottom: 8, width: 120 }}>
                          <Input placeholder="如：第十七条" aria-label={`法律依据${i + 1}的条文`} onChange={() => form.setFieldValue(['legalBasis', i, 'articleId'], undefined)} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'articleId']} hidden>
                          <NoInput />
                        </Form.Item>
                        <LawLinkButton form={form} index={i} />
                        <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除法律依据${i + 1}`} onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ lawTitle: '', articleLabel: '' })} style={{ marginBottom: 12 }}>
                      添加法律依据
                    </Button>
                  </>
                )}
              </Form.List>
            </Form.Item>
          </Card>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
        <Button onClick={onCancel}>返回</Button>
      </Space>
    </Form>
  );
}

function OptionRow({ index, picker, removable, onRemove }: { index: number; picker: React.ReactNode; removable: boolean; onRemove: () => void }) {
  const key = OPTION_KEYS[index];
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', marginBottom: 8 }}>
      <div style={{ paddingTop: 5, width: 48, whiteSpace: 'nowrap' }}>
        {picker} <strong>{key}</strong>
      </div>
      <Form.Item name={[index, 'html']} style={{ flex: 1, marginBottom: 0 }}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} placeholder={`选项${key}`} aria-label={`选项${key}`} />
      </Form.Item>
      <Button type="text" danger icon={<DeleteOutlined aria-hidden />} disabled={!removable} aria-label={`删除选项${key}`} onClick={onRemove} />
    </div>
  );
}

/** Holds an answer field's value (set by the pickers beside the options) so its errors show under the list. */
function NoInput(_props: { value?: unknown; onChange?: unknown }) {
  return null;
}
