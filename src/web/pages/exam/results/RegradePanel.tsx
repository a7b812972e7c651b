import { SyncOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Modal, Result, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { QUESTION_TYPE_ZH } from '../../../../common/bank';
import type { RegradeAffected, RegradeResult } from '../../../../common/exam-results';
import { api } from '../../../api';
import { applyServerErrors } from '../../../components/formErrors';
import type { Page } from '../../../types';
import type { QuestionSummary } from '../../bank/types';
import { fmtScore } from './format';
import { Dash, dateTime } from './labels';
import { useRegrade, useRegrades } from './useResults';

const passText = (p: boolean | null) => (p === null ? '待定' : p ? '通过' : '未通过');

function PassChange({ before, after }: { before: boolean | null; after: boolean | null }) {
  if (before === after) return <span style={{ color: 'rgba(0,0,0,0.45)' }}>{passText(after)}（不变）</span>;
  const color = after === true ? 'green' : after === false ? 'red' : 'gold';
  return (
    <Tag color={color}>
      {passText(before)} → {passText(after)}
    </Tag>
  );
}

const affectedColumns: ColumnsType<RegradeAffected> = [
  { title: '姓名', dataIndex: 'name', width: 100 },
  { title: '单位', dataIndex: 'unitName', ellipsis: true },
  { title: '作答', dataIndex: 'attemptNo', width: 70, render: (n: number) => `第${n}次` },
  {
    title: '成绩变化',
    key: 'score',
    width: 140,
    render: (_, a) => {
      const up = (a.after ?? 0) > (a.before ?? 0);
      return (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>
          {fmtScore(a.before)} → <b style={{ color: up ? '#389e0d' : '#cf1322' }}>{fmtScore(a.after)}</b>
        </span>
      );
    },
  },
  { title: '结论', key: 'pass', width: 150, render: (_, a) => <PassChange before={a.passedBefore} after={a.passedAfter} /> },
];

/** Who a re-grade changed, and how many it re-scored. */
export function AffectedList({ result }: { result: RegradeResult }) {
  const flips = result.affected.filter((a) => a.passedBefore !== a.passedAfter).length;
  return (
    <div>
      <Typography.Paragraph>
        共重新计分 <b>{result.attemptsRescored}</b> 份答卷，其中 <b>{result.affected.length}</b> 人成绩有变化{flips > 0 && <>，<b style={{ color: '#cf1322' }}>{flips}</b> 人的通过结论改变</>}。
      </Typography.Paragraph>
      <Table<RegradeAffected>
        rowKey="attemptId"
        size="small"
        columns={affectedColumns}
        dataSource={result.affected}
        pagination={result.affected.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有人的成绩因此改变" /> }}
      />
    </div>
  );
}

/** A bank question picker: recently changed questions first (a corrected key is a new version); a number finds that id. */
function QuestionPicker({ value, onChange, id }: { value?: number; onChange?: (v: number | undefined) => void; id?: string }) {
  const [text, setText] = useState('');
  const term = text.trim();
  const byId = /^\d{1,9}$/.test(term);
  const list = useQuery({
    queryKey: ['bank', 'questions', 'regrade-picker', term],
    queryFn: () => api.get<Page<QuestionSummary>>('/api/bank/questions', byId ? { ids: term, pageSize: 20 } : { q: term || undefined, pageSize: 20 }),
    meta: { quiet: true },
  });
  return (
    <Select<number>
      id={id}
      showSearch
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      filterOption={false}
      onSearch={setText}
      // a fixed width: measured while the modal zooms in, the select's own width would be tiny
      popupMatchSelectWidth={512}
      loading={list.isFetching}
      placeholder="输入题干关键词或题目编号"
      notFoundContent={list.isFetching ? '查找中…' : '没有找到题目'}
      options={(list.data?.items ?? []).map((q) => ({
        value: q.id,
        label: (
          <span title={q.stemText}>
            #{q.id} 〔{QUESTION_TYPE_ZH[q.type]}〕 {q.stemText.length > 40 ? q.stemText.slice(0, 40) + '…' : q.stemText}
            <Typography.Text type="secondary"> · 第{q.versionNo}版，{dateTime(q.updatedAt)}修改</Typography.Text>
          </span>
        ),
      }))}
    />
  );
}

/**
 * 更正答案重新评分: when a key turns out wrong, the organiser corrects the question in the bank
 * (a new version), then applies that version's key to this exam; every submitted paper with the
 * question is re-scored, and the people whose score changed are listed.
 */
export function RegradePanel({ examId }: { examId: number }) {
  const { modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<RegradeResult | null>(null);
  const [form] = Form.useForm<{ questionId?: number; reason: string }>();
  const regrade = useRegrade(examId);
  const history = useRegrades(examId);

  const submit = async () => {
    const v = await form.validateFields();
    modal.confirm({
      title: '确认重新评分？',
      content: `将以题目 #${v.questionId} 当前版本的答案重新评定本场考试所有含此题的已交答卷，成绩和通过结论可能改变，并记入审计日志。`,
      okText: '重新评分',
      cancelText: '取消',
      onOk: () =>
        regrade.mutateAsync({ questionId: v.questionId!, reason: v.reason }).then(
          (r) => setResult(r),
          (e: unknown) => {
            applyServerErrors(form, e);
          },
        ),
    });
  };

  const historyColumns: ColumnsType<RegradeResult> = [
    { title: '时间', dataIndex: 'createdAt', width: 150, render: (v: string) => dateTime(v) },
    { title: '题目', dataIndex: 'questionId', width: 80, render: (id: number) => `#${id}` },
    { title: '原因', dataIndex: 'reason', ellipsis: true },
    { title: '操作人', dataIndex: 'actorName', width: 100, render: (v: string | null) => v || <Dash /> },
    { title: '重新计分', dataIndex: 'attemptsRescored', width: 90, align: 'right', render: (n: number) => `${n} 份` },
    { title: '成绩变化', key: 'affected', width: 90, align: 'right', render: (_, r) => `${r.affected.length} 人` },
  ];

  return (
    <div>
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Text type="secondary">题目答案有误时：先在题库中修改该题（生成新版本），再在这里用新答案重新评定本场考试。</Typography.Text>
        <Button
          icon={<SyncOutlined aria-hidden />}
          onClick={() => {
            setResult(null);
            form.resetFields();
            setOpen(true);
          }}
        >
          更正答案重新评分
        </Button>
      </Space>
      <Table<RegradeResult>
        rowKey="id"
        size="small"
        columns={historyColumns}
        dataSource={history.data ?? []}
        loading={history.isPending}
        pagination={false}
        expandable={{ expandedRowRender: (r) => <AffectedList result={r} />, rowExpandable: (r) => r.attemptsRescored > 0 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未重新评分" /> }}
      />

      <Modal
        title="更正答案重新评分"
        open={open}
        width={result ? 760 : 560}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        footer={
          result ? (
            <Button type="primary" onClick={() => setOpen(false)}>
              完成
            </Button>
          ) : (
            <Space>
              <Button onClick={() => setOpen(false)}>取消</Button>
              <Button type="primary" loading={regrade.isPending} onClick={() => void submit().catch(() => undefined)}>
                重新评分…
              </Button>
            </Space>
          )
        }
      >
        {result ? (
          <>
            <Result status="success" title="已重新评分" subTitle={`本场考试的题目 #${result.questionId} 今后按其题库当前版本的答案评分`} style={{ padding: '8px 0 16px' }} />
            <AffectedList result={result} />
          </>
        ) : (
          <Form form={form} layout="vertical" requiredMark={false}>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title="所选题目须出现在本场考试的试卷上，且已在题库中修改为正确答案（题型不变）。" />
            <Form.Item name="questionId" label="题目" rules={[{ required: true, message: '请选择题目' }]}>
              <QuestionPicker />
            </Form.Item>
            <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写重新评分的原因' }, { max: 500, message: '原因不能超过500个字符' }]}>
              <Input.TextArea rows={3} placeholder="如：第12题标准答案有误，应为B" showCount maxLength={500} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </div>
  );
}
