import { Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { EXAM_KINDS, EXAM_KIND_ZH, RELEASE_MODES, RELEASE_MODE_ZH } from '../../../../common/exam';
import type { BlueprintCheckResult, ExamDetail } from '../../../../common/exam-admin';
import { BlueprintEditor } from './BlueprintEditor';
import { FixedPaperEditor } from './FixedPaperEditor';
import { formQuestionCount, formTotalPoints, type ExamFormValues } from './formValues';
import { fmtPoints } from './labels';
import { RosterRuleEditor } from './RosterRuleEditor';
import { useExamList } from './useExams';

interface Props {
  form: FormInstance<ExamFormValues>;
  initial: ExamFormValues;
  /** the exam being edited (undefined for a new one) */
  exam: ExamDetail | undefined;
  check: BlueprintCheckResult | null;
  onValuesChange: () => void;
  /** rendered under the paper card: the check result */
  checkPanel?: ReactNode;
}

const releaseOptions = RELEASE_MODES.map((m) => ({ value: m, label: RELEASE_MODE_ZH[m] }));

/** The exam form: basics, time, scoring, who takes it, and the paper. */
export function ExamForm({ form, initial, exam, check, onValuesChange, checkPanel }: Props) {
  // A published exam keeps its paper, roster rule and rules; only these stay editable.
  const limited = exam?.editable === 'limited';
  const locked = limited || exam?.editable === 'none';
  const kind = (Form.useWatch('kind', { form, preserve: true }) ?? initial.kind) as ExamFormValues['kind'];
  const paperMode = (Form.useWatch('paperMode', { form, preserve: true }) ?? initial.paperMode) as ExamFormValues['paperMode'];
  const multiple = Form.useWatch(['grading', 'multiple'], { form, preserve: true }) as ExamFormValues['grading']['multiple'] | undefined;
  const switchOn = Form.useWatch('switchLimitOn', { form, preserve: true }) as boolean | undefined;
  const maxAttempts = Form.useWatch('maxAttempts', { form, preserve: true }) as number | null | undefined;
  const blueprint = Form.useWatch('blueprint', { form, preserve: true }) as ExamFormValues['blueprint'] | undefined;
  const fixed = Form.useWatch('fixed', { form, preserve: true }) as ExamFormValues['fixed'] | undefined;
  const paper = { paperMode, blueprint: blueprint ?? initial.blueprint, fixed: fixed ?? initial.fixed };
  const total = formTotalPoints(paper);
  const count = formQuestionCount(paper);
  const originals = useExamList({ page: 1, pageSize: 200 });
  const makeupChoices = (originals.data?.items ?? []).filter((e) => e.kind !== 'practice' && e.kind !== 'makeup' && e.id !== exam?.id);

  return (
    <Form<ExamFormValues> form={form} layout="vertical" initialValues={initial} onValuesChange={onValuesChange} aria-label="考试设置" scrollToFirstError disabled={locked}>
      <Card title="基本信息" size="small" className="exam-form-card">
        <Form.Item label="考试类型" name="kind">
          <Radio.Group
            disabled={locked}
            optionType="button"
            buttonStyle="solid"
            options={EXAM_KINDS.map((k) => ({ value: k, label: EXAM_KIND_ZH[k] }))}
            // 任前 and 补考 take an explicit candidate list; annual and practice exams usually go by rule.
            onChange={(e) => !exam && form.setFieldValue('rosterRuleOn', e.target.value === 'annual' || e.target.value === 'practice')}
          />
        </Form.Item>
        {kind === 'makeup' && (
          <Form.Item label="原考试" name="makeupOfExamId" extra="补考对应的原考试；原考试中未通过或缺考的人员可由原考试“安排补考”加入。" rules={[{ required: true, message: '补考须选择对应的原考试' }]}>
            <Select
              disabled={locked}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择原考试"
              loading={originals.isLoading}
              options={makeupChoices.map((e) => ({ value: e.id, label: `${e.title}（${e.year}年）` }))}
              notFoundContent="没有可补考的考试"
            />
          </Form.Item>
        )}
        <Row gutter={24}>
          <Col xs={24} md={16}>
            <Form.Item label="考试名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写考试名称' }]}>
              <Input disabled={exam?.editable === 'none'} maxLength={100} showCount placeholder="例如：2026年度全区国家工作人员学法用法考试" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber disabled={locked} min={2000} max={2100} precision={0} suffix="年" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="考试须知" name="instructions" extra="考生开始作答前看到的说明，例如考试纪律和注意事项。">
          <Input.TextArea disabled={exam?.editable === 'none'} autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount />
        </Form.Item>
      </Card>

      <Card title="考试时间与作答" size="small" className="exam-form-card">
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item
              label="开放时间"
              name="window"
              rules={[{ required: true, message: '请选择考试开放时间' }]}
              extra={limited ? '考试已发布：只能调整截止时间（延长或提前结束），正在作答的考生立即生效。' : '考生在此时间段内可以开始作答；截止时仍在作答的试卷自动交卷。'}
            >
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabled={limited ? [true, false] : locked} style={{ width: '100%' }} placeholder={['开考时间', '截止时间']} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="考试时长" name="durationMinutes" rules={[{ required: true, message: '请填写考试时长' }]}>
              <InputNumber disabled={locked} min={1} max={600} precision={0} suffix="分钟" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="显示方式" name="displayMode">
              <Select
                disabled={locked}
                options={[
                  { value: 'one_per_page', label: '每屏一题' },
                  { value: 'all_on_one_page', label: '全部题目一页显示' },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={24}>
          <Col xs={12} md={6}>
            <Form.Item label="允许作答次数" name="maxAttempts">
              <InputNumber disabled={locked} min={1} max={20} precision={0} suffix="次" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="计分方式" name="attemptScoring" extra={(maxAttempts ?? 1) > 1 ? undefined : '只允许作答一次时无区别。'}>
              <Select
                disabled={locked || (maxAttempts ?? 1) <= 1}
                options={[
                  { value: 'best', label: '取最高分' },
                  { value: 'last', label: '取最后一次' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="切屏限制">
              <Space align="center" wrap>
                <Form.Item name="switchLimitOn" valuePropName="checked" noStyle>
                  <Switch disabled={locked} checkedChildren="限制" unCheckedChildren="只记录" aria-label="限制切屏次数" />
                </Form.Item>
                {switchOn && (
                  <Form.Item name="switchLimit" noStyle>
                    <InputNumber disabled={locked} min={1} max={100} precision={0} prefix="达到" suffix="次自动交卷" style={{ width: 190 }} aria-label="切屏次数上限" />
                  </Form.Item>
                )}
              </Space>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }}>
                切换窗口、标签页均会记录并显示在监考页面；浏览器无法完全阻止切屏。
              </Typography.Paragraph>
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="成绩与评分" size="small" className="exam-form-card">
        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item label="及格分" name="passMark" extra={<span data-testid="pass-mark-total">本卷总分 {fmtPoints(total)} 分，共 {count} 题</span>} rules={[{ required: true, message: '请填写及格分' }]}>
              <InputNumber disabled={locked} min={0} max={1000} step={1} suffix="分" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label="公布成绩" name="resultsRelease">
              <Select disabled={locked} options={releaseOptions} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label="公布答案与解析" name="answersRelease" extra={kind === 'practice' ? undefined : '考试结束（所有考生的作答时间都已结束）前，考生看不到答案。'}>
              {/* keys before the exam is over only for practice (the server refuses it otherwise) */}
              <Select disabled={locked} options={releaseOptions.map((o) => (o.value === 'immediate' && kind !== 'practice' ? { ...o, disabled: true, label: `${o.label}（仅模拟/练习）` } : o))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item label="多选题评分" name={['grading', 'multiple']}>
              <Select
                disabled={locked}
                options={[
                  { value: 'all_or_nothing', label: '全部选对才得分' },
                  { value: 'partial', label: '少选得部分分，错选不得分' },
                ]}
              />
            </Form.Item>
          </Col>
          {multiple === 'partial' && (
            <Col xs={12} md={4}>
              <Form.Item label="少选得分" name={['grading', 'partialCreditPct']}>
                <InputNumber disabled={locked} min={0} max={100} step={10} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={6}>
            <Form.Item label="填空题评分" name={['grading', 'fill']}>
              <Select
                disabled={locked}
                options={[
                  { value: 'per_blank', label: '按空给分' },
                  { value: 'all_or_nothing', label: '全部填对才得分' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="简答题阅卷" name={['grading', 'gradersPerEssay']}>
              <Select
                disabled={locked}
                options={[
                  { value: 1, label: '一人评阅' },
                  { value: 2, label: '两人评阅取平均' },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'pre_appointment' && (
          <Form.Item label="考试合格有效期" name="passValidMonths" extra="任前考试合格后在此期限内有效；留空表示长期有效。">
            <InputNumber disabled={exam?.editable === 'none'} min={1} max={120} precision={0} suffix="个月" placeholder="长期有效" style={{ width: 200 }} />
          </Form.Item>
        )}
      </Card>

      <Card title="考生范围" size="small" className="exam-form-card">
        <RosterRuleEditor form={form} disabled={locked} />
      </Card>

      <Card
        title="试卷"
        size="small"
        className="exam-form-card"
        extra={
          <Typography.Text strong>
            共 {count} 题，总分 {fmtPoints(total)} 分
          </Typography.Text>
        }
      >
        <Form.Item name="paperMode" label="组卷方式">
          <Radio.Group
            disabled={locked}
            options={[
              { value: 'blueprint', label: '按组卷规则为每位考生随机抽题' },
              { value: 'fixed', label: '固定试卷（所有考生相同题目）' },
            ]}
          />
        </Form.Item>
        {locked && <Typography.Paragraph type="secondary">考试已发布，试卷已冻结，不能修改。</Typography.Paragraph>}
        {paperMode === 'blueprint' ? <BlueprintEditor form={form} disabled={locked} check={check} /> : <FixedPaperEditor form={form} disabled={locked} />}
      </Card>
      {checkPanel}
    </Form>
  );
}
