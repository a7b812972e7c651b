import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Divider, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { QUESTION_TYPES, QUESTION_TYPE_ZH, type QuestionType } from '../../../../common/bank';
import type { BlueprintCheckResult } from '../../../../common/exam-admin';
import { CategorySelect } from '../../bank/CategorySelect';
import { useLawList } from '../../laws/useLaws';
import type { ExamFormValues, QuotaValues, SectionValues } from './formValues';
import { fmtPoints } from './labels';
import { QuestionIdsSelect } from './QuestionIdsSelect';

const DEFAULT_POINTS: Record<QuestionType, number> = { single: 2, multiple: 3, truefalse: 2, fill: 2, essay: 10 };
const QUOTA_KIND_ZH: Record<QuotaValues['kind'], string> = { category: '题库分类', law: '法律法规', tag: '知识点' };
const DIFFICULTY_OPTIONS = [1, 2, 3, 4, 5].map((d) => ({ value: d, label: String(d) }));

interface Props {
  form: FormInstance<ExamFormValues>;
  disabled: boolean;
  check: BlueprintCheckResult | null;
}

/** 组卷规则: sections (type × count × points), quotas, difficulty, fairness, exposure and the rest. */
export function BlueprintEditor({ form, disabled, check }: Props) {
  const sections = (Form.useWatch(['blueprint', 'sections'], { form, preserve: true }) ?? []) as SectionValues[];
  const quotas = (Form.useWatch(['blueprint', 'quotas'], { form, preserve: true }) ?? []) as QuotaValues[];
  const difficultyOn = Form.useWatch(['blueprint', 'difficultyOn'], { form, preserve: true }) as boolean | undefined;
  const laws = useLawList();
  const usedTypes = new Set(sections.map((s) => s?.type));
  const totalCount = sections.reduce((s, x) => s + (x?.count ?? 0), 0);
  const totalPoints = sections.reduce((s, x) => s + (x?.count ?? 0) * (x?.points ?? 0), 0);

  return (
    <div className="exam-blueprint">
      <Typography.Title level={5}>题型与分值</Typography.Title>
      <Form.List name={['blueprint', 'sections']}>
        {(fields, { add, remove }) => (
          <>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={fields}
              className="exam-sections"
              columns={[
                {
                  title: '题型',
                  key: 'type',
                  width: 160,
                  render: (_: unknown, f) => (
                    <Form.Item name={[f.name, 'type']} noStyle>
                      <Select
                        aria-label={`第${f.name + 1}部分题型`}
                        disabled={disabled}
                        style={{ width: 130 }}
                        options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_ZH[t], disabled: usedTypes.has(t) && sections[f.name]?.type !== t }))}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: '题数',
                  key: 'count',
                  width: 300,
                  render: (_: unknown, f) => (
                    <Form.Item name={[f.name, 'count']} style={{ margin: 0 }}>
                      <InputNumber aria-label={`${QUESTION_TYPE_ZH[sections[f.name]?.type ?? 'single']}题数`} disabled={disabled} min={1} max={200} precision={0} suffix="道" style={{ width: 120 }} />
                    </Form.Item>
                  ),
                },
                {
                  title: '每题分值',
                  key: 'points',
                  width: 160,
                  render: (_: unknown, f) => (
                    <Form.Item name={[f.name, 'points']} style={{ margin: 0 }}>
                      <InputNumber aria-label={`${QUESTION_TYPE_ZH[sections[f.name]?.type ?? 'single']}每题分值`} disabled={disabled} min={0.5} max={100} step={0.5} suffix="分" style={{ width: 120 }} />
                    </Form.Item>
                  ),
                },
                {
                  title: '小计',
                  key: 'sub',
                  render: (_: unknown, f) => {
                    const s = sections[f.name];
                    return s ? `${fmtPoints((s.count ?? 0) * (s.points ?? 0))} 分` : '—';
                  },
                },
                {
                  title: '题库可用',
                  key: 'pool',
                  width: 100,
                  render: (_: unknown, f) => {
                    const t = sections[f.name]?.type;
                    const n = t && check ? check.poolByType[t] : undefined;
                    return n === undefined ? <Typography.Text type="secondary">—</Typography.Text> : `${n} 道`;
                  },
                },
                {
                  title: '',
                  key: 'op',
                  width: 60,
                  render: (_: unknown, f) => (
                    <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除第${f.name + 1}部分`} disabled={disabled || fields.length <= 1} onClick={() => remove(f.name)} />
                  ),
                },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>合计</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1}>
                    <Typography.Text strong data-testid="blueprint-total-count">{totalCount} 道</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} />
                  <Table.Summary.Cell index={3} colSpan={3}>
                    <Typography.Text strong data-testid="blueprint-total-points">
                      {fmtPoints(totalPoints)} 分
                    </Typography.Text>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
            {!disabled && fields.length < QUESTION_TYPES.length && (
              <Button
                type="dashed"
                icon={<PlusOutlined aria-hidden />}
                style={{ marginTop: 8 }}
                onClick={() => {
                  const t = QUESTION_TYPES.find((x) => !usedTypes.has(x))!;
                  add({ type: t, count: 5, points: DEFAULT_POINTS[t] });
                }}
              >
                添加题型
              </Button>
            )}
          </>
        )}
      </Form.List>

      <Divider />
      <Typography.Title level={5}>配额</Typography.Title>
      <Typography.Paragraph type="secondary">
        限定试卷中来自某一分类（含下级分类）、引用某部法律或带某个知识点的题目数量，例如“宪法不少于5道”。可限定题型，不限定则统计所有题型。
      </Typography.Paragraph>
      <Form.List name={['blueprint', 'quotas']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => {
              const q = quotas[f.name];
              const kind = q?.kind ?? 'category';
              return (
                <Row key={f.key} gutter={8} align="top" className="exam-quota" data-testid={`quota-${f.name}`}>
                  <Col flex="130px">
                    <Form.Item name={[f.name, 'kind']} style={{ marginBottom: 8 }}>
                      <Select
                        aria-label={`配额${f.name + 1}类型`}
                        disabled={disabled}
                        options={(Object.keys(QUOTA_KIND_ZH) as QuotaValues['kind'][]).map((k) => ({ value: k, label: QUOTA_KIND_ZH[k] }))}
                        onChange={() => form.setFieldValue(['blueprint', 'quotas', f.name, 'ref'], null)}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="auto" style={{ minWidth: 200 }}>
                    <Form.Item name={[f.name, 'ref']} style={{ marginBottom: 8 }} rules={[{ required: true, message: kind === 'tag' ? '请填写知识点' : kind === 'law' ? '请选择法律法规' : '请选择分类' }]}>
                      {kind === 'category' ? (
                        <CategorySelect placeholder="选择分类" />
                      ) : kind === 'law' ? (
                        <Select
                          aria-label={`配额${f.name + 1}法律`}
                          disabled={disabled}
                          showSearch={{ optionFilterProp: 'label' }}
                          placeholder="选择法律法规"
                          loading={laws.isLoading}
                          options={(laws.data ?? []).map((l) => ({ value: l.id, label: l.title }))}
                        />
                      ) : (
                        <Input aria-label={`配额${f.name + 1}知识点`} disabled={disabled} placeholder="知识点，与题目的知识点完全一致" maxLength={50} />
                      )}
                    </Form.Item>
                  </Col>
                  <Col flex="130px">
                    <Form.Item name={[f.name, 'type']} style={{ marginBottom: 8 }}>
                      <Select aria-label={`配额${f.name + 1}题型`} disabled={disabled} allowClear placeholder="全部题型" options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_ZH[t] }))} />
                    </Form.Item>
                  </Col>
                  <Col flex="120px">
                    <Form.Item name={[f.name, 'min']} style={{ marginBottom: 8 }}>
                      <InputNumber aria-label={`配额${f.name + 1}最少`} disabled={disabled} min={0} max={500} precision={0} prefix="至少" suffix="道" style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col flex="130px">
                    <Form.Item name={[f.name, 'max']} style={{ marginBottom: 8 }}>
                      <InputNumber aria-label={`配额${f.name + 1}最多`} disabled={disabled} min={0} max={500} precision={0} prefix="至多" suffix="道" placeholder="不限" style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col flex="40px">
                    <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除配额${f.name + 1}`} disabled={disabled} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              );
            })}
            {!disabled && (
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ kind: 'category', ref: null, label: '', type: null, min: 1, max: null } satisfies QuotaValues)}>
                添加配额
              </Button>
            )}
          </>
        )}
      </Form.List>

      <Divider />
      <Typography.Title level={5}>难度与公平</Typography.Title>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Form.Item label="控制试卷平均难度" name={['blueprint', 'difficultyOn']} valuePropName="checked" extra="按题库1–5级难度（1容易、5困难）控制每份试卷的平均难度。">
            <Switch disabled={disabled} />
          </Form.Item>
          {difficultyOn && (
            <Space align="start" wrap>
              <Form.Item label="目标平均难度" name={['blueprint', 'difficulty', 'target']}>
                <InputNumber disabled={disabled} min={1} max={5} step={0.1} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item label="允许偏差 ±" name={['blueprint', 'difficulty', 'tolerance']}>
                <InputNumber disabled={disabled} min={0.05} max={2} step={0.05} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item label="只抽难度从" name={['blueprint', 'difficulty', 'min']}>
                <Select disabled={disabled} options={DIFFICULTY_OPTIONS} style={{ width: 70 }} />
              </Form.Item>
              <Form.Item label="到" name={['blueprint', 'difficulty', 'max']}>
                <Select disabled={disabled} options={DIFFICULTY_OPTIONS} style={{ width: 70 }} />
              </Form.Item>
            </Space>
          )}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="公平性容差"
            name={['blueprint', 'fairnessTolerancePct']}
            extra="每位考生的试卷随机抽取；任意两份试卷的预期得分相差不超过满分的这一比例（建议1%）。"
          >
            <InputNumber disabled={disabled} min={0.2} max={10} step={0.1} suffix="% 满分" style={{ width: 150 }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider />
      <Typography.Title level={5}>抽题限制</Typography.Title>
      <Row gutter={24}>
        <Col xs={24} md={8}>
          <Form.Item label="按职级抽题" name={['blueprint', 'matchRank']} valuePropName="checked" extra="只抽取适用于考生职级的题目（未设适用职级的题目适用于所有人）。">
            <Switch disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="排除近期考过的题目" name={['blueprint', 'excludeSeenInLastExams']} extra="不抽取考生在最近几场考试（不含模拟练习）中做过的题目；0 表示不排除。">
            <InputNumber disabled={disabled} min={0} max={20} precision={0} prefix="最近" suffix="场" style={{ width: 150 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="单题曝光上限" name={['blueprint', 'exposureCapPct']} extra="一道题最多出现在本场考试多少比例的试卷中；留空表示不限制。">
            <InputNumber disabled={disabled} min={1} max={100} precision={0} suffix="% 试卷" placeholder="不限制" style={{ width: 150 }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="互斥题组" extra="同一组中的题目不会同时出现在一份试卷上（例如内容相近、互相提示答案的题目）。" style={{ marginBottom: 8 }}>
        <Form.List name={['blueprint', 'enemies']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space.Compact key={f.key} block style={{ marginBottom: 8 }}>
                  <Form.Item name={[f.name, 'ids']} noStyle>
                    <QuestionIdsSelect aria-label={`互斥题组${f.name + 1}`} disabled={disabled} placeholder="搜索并选择至少2道题" />
                  </Form.Item>
                  <Button danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除互斥题组${f.name + 1}`} disabled={disabled} onClick={() => remove(f.name)} />
                </Space.Compact>
              ))}
              {!disabled && (
                <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ ids: [] })}>
                  添加互斥题组
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form.Item>

      <Divider />
      <Space size="large" wrap>
        <Form.Item label="题目顺序随机" name={['blueprint', 'shuffleQuestions']} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Switch disabled={disabled} />
        </Form.Item>
        <Form.Item label="选项顺序随机" name={['blueprint', 'shuffleOptions']} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Switch disabled={disabled} />
        </Form.Item>
      </Space>
    </div>
  );
}
