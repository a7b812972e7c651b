import { ReloadOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { DIFFICULTY_ZH, QUESTION_STATUSES, QUESTION_STATUS_ZH, QUESTION_TYPES, QUESTION_TYPE_ZH } from '../../../common/bank';
import type { QuestionQuery } from './useBank';

interface Props {
  query: QuestionQuery;
  onChange: (patch: Partial<QuestionQuery>) => void;
}

/** 关键词, 题型, 状态, 难度, 知识点, 年度 — each change reloads page 1 from the server. */
export function QuestionFilters({ query, onChange }: Props) {
  const [q, setQ] = useState(query.q ?? '');
  const [kp, setKp] = useState(query.knowledgePoint ?? '');
  const [applied, setApplied] = useState({ q: query.q, kp: query.knowledgePoint });
  if (query.q !== applied.q || query.knowledgePoint !== applied.kp) {
    setApplied({ q: query.q, kp: query.knowledgePoint });
    setQ(query.q ?? '');
    setKp(query.knowledgePoint ?? '');
  }
  const sel = { allowClear: true, placeholder: '全部', style: { width: 110 } };
  return (
    <Form layout="inline" style={{ rowGap: 12, marginBottom: 16 }} aria-label="题目筛选">
      <Form.Item label="关键词" htmlFor="bank-q">
        <Input.Search
          id="bank-q"
          allowClear
          placeholder="题干或选项中的文字"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => onChange({ q: v.trim() || undefined })}
          style={{ width: 240 }}
        />
      </Form.Item>
      <Form.Item label="题型" htmlFor="bank-type">
        <Select id="bank-type" {...sel} options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_ZH[t] }))} value={query.type} onChange={(v) => onChange({ type: v })} />
      </Form.Item>
      <Form.Item label="状态" htmlFor="bank-status">
        <Select id="bank-status" {...sel} options={QUESTION_STATUSES.map((s) => ({ value: s, label: QUESTION_STATUS_ZH[s] }))} value={query.status} onChange={(v) => onChange({ status: v })} />
      </Form.Item>
      <Form.Item label="难度" htmlFor="bank-difficulty">
        <Select
          id="bank-difficulty"
          {...sel}
          options={[1, 2, 3, 4, 5].map((d) => ({ value: d, label: `${d} ${DIFFICULTY_ZH[d]}` }))}
          value={query.difficulty}
          onChange={(v) => onChange({ difficulty: v })}
        />
      </Form.Item>
      <Form.Item label="知识点" htmlFor="bank-kp">
        <Input.Search id="bank-kp" allowClear placeholder="完整知识点" value={kp} onChange={(e) => setKp(e.target.value)} onSearch={(v) => onChange({ knowledgePoint: v.trim() || undefined })} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label="年度" htmlFor="bank-year">
        <InputNumber id="bank-year" min={2000} max={2100} placeholder="全部" value={query.year ?? null} onChange={(v) => onChange({ year: v ?? undefined })} style={{ width: 100 }} />
      </Form.Item>
      <Form.Item>
        <Button
          icon={<ReloadOutlined aria-hidden />}
          onClick={() => onChange({ q: undefined, type: undefined, status: undefined, difficulty: undefined, knowledgePoint: undefined, year: undefined })}
        >
          重置
        </Button>
      </Form.Item>
    </Form>
  );
}
