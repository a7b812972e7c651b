import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { DIFFICULTY_ZH, QUESTION_TYPES, QUESTION_TYPE_ZH, type QuestionType } from '../../../../common/bank';
import { TypeTag } from '../../bank/labels';
import type { QuestionSummary } from '../../bank/types';
import type { ExamFormValues, FixedValues } from './formValues';
import { fmtPoints } from './labels';
import { stemOf, useQuestionLookup, useQuestionSearch } from './useQuestionLookup';

const DEFAULT_POINTS: Record<QuestionType, number> = { single: 2, multiple: 3, truefalse: 2, fill: 2, essay: 10 };
const MAX_ITEMS = 300;

/** 固定试卷: the chosen questions in order, points each, and a search table to add more. */
export function FixedPaperEditor({ form, disabled }: { form: FormInstance<ExamFormValues>; disabled: boolean }) {
  const items = (Form.useWatch(['fixed', 'items'], { form, preserve: true }) ?? []) as FixedValues['items'];
  const lookup = useQuestionLookup(items.map((i) => i.questionId));
  const [picking, setPicking] = useState(false);
  const total = items.reduce((s, i) => s + (i?.points ?? 0), 0);

  const addQuestions = (qs: QuestionSummary[]) => {
    const have = new Set(items.map((i) => i.questionId));
    const fresh = qs.filter((q) => !have.has(q.id)).map((q) => ({ questionId: q.id, points: DEFAULT_POINTS[q.type] }));
    form.setFieldValue(['fixed', 'items'], [...items, ...fresh].slice(0, MAX_ITEMS));
    setPicking(false);
  };
  const move = (from: number, to: number) => {
    const next = [...items];
    const [x] = next.splice(from, 1);
    next.splice(to, 0, x);
    form.setFieldValue(['fixed', 'items'], next);
  };

  return (
    <div>
      <Form.List name={['fixed', 'items']}>
        {(fields, { remove }) => (
          <Table
            size="small"
            rowKey="key"
            dataSource={fields}
            pagination={false}
            locale={{ emptyText: '还没有题目，点击“从题库选题”添加' }}
            columns={[
              { title: '序号', key: 'no', width: 60, render: (_: unknown, f) => f.name + 1 },
              {
                title: '题目',
                key: 'q',
                render: (_: unknown, f) => {
                  const id = items[f.name]?.questionId;
                  const q = id ? lookup.byId.get(id) : undefined;
                  return (
                    <Space size={4} align="start">
                      {q && <TypeTag type={q.type} />}
                      <Typography.Text>
                        <Typography.Text type="secondary">#{id} </Typography.Text>
                        {q ? stemOf(q) : lookup.isLoading ? '加载中…' : '（题目不可用）'}
                      </Typography.Text>
                    </Space>
                  );
                },
              },
              {
                title: '分值',
                key: 'points',
                width: 140,
                render: (_: unknown, f) => (
                  <Form.Item name={[f.name, 'points']} style={{ margin: 0 }}>
                    <InputNumber aria-label={`第${f.name + 1}题分值`} disabled={disabled} min={0.5} max={100} step={0.5} suffix="分" style={{ width: 110 }} />
                  </Form.Item>
                ),
              },
              {
                title: '',
                key: 'op',
                width: 120,
                render: (_: unknown, f) => (
                  <Space size={0}>
                    <Button type="text" size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label="上移" disabled={disabled || f.name === 0} onClick={() => move(f.name, f.name - 1)} />
                    <Button type="text" size="small" icon={<ArrowDownOutlined aria-hidden />} aria-label="下移" disabled={disabled || f.name === fields.length - 1} onClick={() => move(f.name, f.name + 1)} />
                    <Button type="text" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`移除第${f.name + 1}题`} disabled={disabled} onClick={() => remove(f.name)} />
                  </Space>
                ),
              },
            ]}
            summary={() =>
              fields.length ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    <Typography.Text strong>合计 {fields.length} 道题</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} colSpan={2}>
                    <Typography.Text strong>{fmtPoints(total)} 分</Typography.Text>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
        )}
      </Form.List>
      {!disabled && (
        <Button type="dashed" icon={<PlusOutlined aria-hidden />} style={{ marginTop: 8 }} onClick={() => setPicking(true)} disabled={items.length >= MAX_ITEMS}>
          从题库选题
        </Button>
      )}
      <div style={{ marginTop: 16 }}>
        <Space size="large" wrap>
          <Form.Item label="题目顺序随机" name={['fixed', 'shuffleQuestions']} valuePropName="checked" style={{ marginBottom: 0 }}>
            <Switch disabled={disabled} />
          </Form.Item>
          <Form.Item label="选项顺序随机" name={['fixed', 'shuffleOptions']} valuePropName="checked" style={{ marginBottom: 0 }}>
            <Switch disabled={disabled} />
          </Form.Item>
        </Space>
      </div>
      <QuestionPicker open={picking} exclude={new Set(items.map((i) => i.questionId))} onCancel={() => setPicking(false)} onPick={addQuestions} />
    </div>
  );
}

/** Search the bank's enabled questions and pick several (kept across pages). */
function QuestionPicker({ open, exclude, onCancel, onPick }: { open: boolean; exclude: Set<number>; onCancel: () => void; onPick: (qs: QuestionSummary[]) => void }) {
  const [q, setQ] = useState('');
  const [type, setType] = useState<QuestionType | undefined>();
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState<Map<number, QuestionSummary>>(new Map());
  const search = useQuestionSearch({ q: q || undefined, type, page, pageSize: 10 }, open);
  const close = () => {
    setPicked(new Map());
    onCancel();
  };
  return (
    <Modal
      title="从题库选题（仅启用的题目）"
      open={open}
      width={900}
      onCancel={close}
      okText={`加入试卷（${picked.size}）`}
      okButtonProps={{ disabled: picked.size === 0 }}
      onOk={() => {
        onPick([...picked.values()]);
        setPicked(new Map());
      }}
      destroyOnHidden
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="题干关键词" aria-label="题干关键词" onSearch={(v) => (setQ(v.trim()), setPage(1))} style={{ width: 260 }} />
        <Select<QuestionType>
          allowClear
          placeholder="题型"
          aria-label="题型"
          value={type}
          onChange={(t) => (setType(t), setPage(1))}
          options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_ZH[t] }))}
          style={{ width: 120 }}
        />
      </Space>
      <Table<QuestionSummary>
        size="small"
        rowKey="id"
        loading={search.isFetching}
        dataSource={search.data?.items ?? []}
        rowSelection={{
          selectedRowKeys: [...picked.keys()],
          getCheckboxProps: (r) => ({ disabled: exclude.has(r.id) }),
          onSelect: (r, sel) =>
            setPicked((m) => {
              const n = new Map(m);
              if (sel) n.set(r.id, r);
              else n.delete(r.id);
              return n;
            }),
          onSelectAll: (sel, _rows, changed) =>
            setPicked((m) => {
              const n = new Map(m);
              for (const r of changed) {
                if (sel) n.set(r.id, r);
                else n.delete(r.id);
              }
              return n;
            }),
        }}
        pagination={{ current: page, pageSize: 10, total: search.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 题` }}
        locale={{ emptyText: '没有符合条件的启用题目' }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 70, render: (id: number) => `#${id}` },
          { title: '题型', dataIndex: 'type', width: 80, render: (t: QuestionType) => <TypeTag type={t} /> },
          { title: '题干', key: 'stem', render: (_: unknown, r) => (exclude.has(r.id) ? <Typography.Text type="secondary">{stemOf(r)}（已在试卷中）</Typography.Text> : stemOf(r)) },
          { title: '难度', dataIndex: 'difficulty', width: 80, render: (d: number) => DIFFICULTY_ZH[d] ?? d },
        ]}
      />
    </Modal>
  );
}
