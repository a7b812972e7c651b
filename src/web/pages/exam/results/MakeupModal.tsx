import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Empty, Form, Input, Modal, Radio, Result, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { EXAM_STATUS_ZH, type ExamInputRaw } from '../../../../common/exam';
import type { ExamDetail } from '../../../../common/exam-admin';
import type { CandidatesView, ScheduleMakeupResult } from '../../../../common/exam-results';
import { api } from '../../../api';
import { applyServerErrors } from '../../../components/formErrors';
import { showError } from '../../../components/feedback';
import { dateTime, OutcomeTag } from './labels';
import { examKey, useScheduleMakeup } from './useResults';

interface Values {
  mode: 'existing' | 'new';
  makeupExamId?: number;
  title: string;
  window?: [Dayjs, Dayjs];
}

/**
 * 安排补考: the failed and absent candidates go onto a 补考's roster — an existing one (its
 * makeupOfExamId is this exam) or a new draft made from this exam's settings (same paper rules,
 * pass mark and validity; the organiser publishes it from its own page).
 */
export function MakeupModal({ open, onClose, view }: { open: boolean; onClose: () => void; view: CandidatesView }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form);
  const [result, setResult] = useState<ScheduleMakeupResult | null>(null);
  const schedule = useScheduleMakeup(view.exam.id);
  const create = useMutation({
    mutationFn: async (v: { title: string; opensAt: string; closesAt: string }) => {
      const original = await api.get<ExamDetail>(`/api/exams/${view.exam.id}`);
      const body: ExamInputRaw = {
        ...original.settings,
        kind: 'makeup',
        makeupOfExamId: view.exam.id,
        title: v.title,
        opensAt: v.opensAt,
        closesAt: v.closesAt,
        // the makeup's roster is exactly who is scheduled into it
        rosterRule: null,
      };
      return api.post<ExamDetail>('/api/exams', body);
    },
    meta: { handlesErrors: true },
  });

  const toSchedule = view.counts.failed + view.counts.absent;
  const pending = view.counts.grading + view.counts.in_progress;

  const submit = async () => {
    const v = await form.validateFields();
    let makeupExamId = v.makeupExamId;
    if (v.mode === 'new') {
      try {
        const created = await create.mutateAsync({ title: v.title.trim(), opensAt: v.window![0].toISOString(), closesAt: v.window![1].toISOString() });
        makeupExamId = created.id;
        // from now on it is an existing makeup: a retry must not create a second one
        await qc.invalidateQueries({ queryKey: [...examKey(view.exam.id), 'candidates'] });
        form.setFieldsValue({ mode: 'existing', makeupExamId: created.id });
      } catch (e) {
        applyServerErrors(form, e, { opensAt: 'window', closesAt: 'window' });
        return;
      }
    }
    try {
      setResult(await schedule.mutateAsync(makeupExamId!));
    } catch (e) {
      if (!applyServerErrors(form, e)) showError(e);
    }
  };

  const close = () => {
    setResult(null);
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      title="安排补考"
      open={open}
      onCancel={close}
      width={result ? 720 : 560}
      destroyOnHidden
      footer={
        result ? (
          <Space>
            <Button onClick={close}>关闭</Button>
            <Button type="primary" onClick={() => navigate(`/exams/${result.makeupExamId}`)}>
              前往补考
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={close}>取消</Button>
            <Button type="primary" disabled={toSchedule === 0} loading={create.isPending || schedule.isPending} onClick={() => void submit().catch(() => undefined)}>
              安排补考
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <>
          <Result
            status="success"
            title={`已将 ${result.added.length} 人加入补考名单`}
            subTitle={result.alreadyOnRoster > 0 ? `另有 ${result.alreadyOnRoster} 人此前已在补考名单中。` : '已通过的考生不会被安排补考。'}
            style={{ padding: '8px 0 16px' }}
          />
          <Table
            rowKey="personId"
            size="small"
            dataSource={result.added}
            pagination={result.added.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
            columns={[
              { title: '姓名', dataIndex: 'name', width: 110 },
              { title: '单位', dataIndex: 'unitName', ellipsis: true },
              { title: '原因', dataIndex: 'outcome', width: 90, render: (o: 'failed' | 'absent') => <OutcomeTag outcome={o} /> },
            ]}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有新增人员" /> }}
          />
        </>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{
            mode: view.makeupExams.length ? 'existing' : 'new',
            makeupExamId: view.makeupExams.length === 1 ? view.makeupExams[0].id : undefined,
            title: `${view.exam.title}（补考）`,
          }}
        >
          <Typography.Paragraph>
            将安排 <b>{toSchedule}</b> 人参加补考：未通过 {view.counts.failed} 人，缺考 {view.counts.absent} 人。已通过的考生不会被安排。
          </Typography.Paragraph>
          {pending > 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`还有 ${pending} 人待阅卷或仍在考试中，其结果确定后如未通过，可再次安排。`} />}
          <Form.Item name="mode" label="补考场次">
            <Radio.Group
              options={[
                { value: 'existing', label: '选择已有补考', disabled: view.makeupExams.length === 0 },
                { value: 'new', label: '新建补考' },
              ]}
            />
          </Form.Item>
          {mode === 'existing' ? (
            <Form.Item name="makeupExamId" label="补考" rules={[{ required: true, message: '请选择补考' }]}>
              <Select
                placeholder="本考试的补考"
                options={view.makeupExams.map((m) => ({
                  value: m.id,
                  label: (
                    <span>
                      {m.title} <Tag style={{ marginInlineStart: 4 }}>{EXAM_STATUS_ZH[m.status]}</Tag>
                      <Typography.Text type="secondary">{dateTime(m.opensAt)} 开考</Typography.Text>
                    </span>
                  ),
                }))}
              />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="title" label="补考名称" rules={[{ required: true, whitespace: true, message: '请填写补考名称' }, { max: 100, message: '考试名称不能超过100个字符' }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                name="window"
                label="考试时间"
                rules={[{ required: true, message: '请选择补考的开考和截止时间' }]}
                extra="试卷规则、时长、及格分和合格有效期沿用本考试；补考建成后为草稿，需在补考页面发布。"
              >
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                  placeholder={['开考时间', '截止时间']}
                />
              </Form.Item>
            </>
          )}
        </Form>
      )}
    </Modal>
  );
}
