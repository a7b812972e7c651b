import { Input, Select, Space } from 'antd';
import { EXAM_KINDS, EXAM_KIND_ZH, EXAM_STATUSES, EXAM_STATUS_ZH, type ExamKind, type ExamStatus } from '../../../../common/exam';
import type { ExamListFilter } from './useExams';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 7 }, (_, i) => thisYear + 1 - i);

/** The filter bar of an exam list (考试管理 and the read-only 考试成绩): name, year, kind and, optionally, status. */
export function ExamListFilters({ query, update, withStatus = false }: { query: ExamListFilter; update: (patch: Partial<ExamListFilter>) => void; withStatus?: boolean }) {
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search allowClear placeholder="搜索考试名称" aria-label="搜索考试名称" defaultValue={query.q} onSearch={(q) => update({ q: q.trim() || undefined })} style={{ width: 240 }} />
      <Select<number>
        allowClear
        placeholder="年度"
        aria-label="年度"
        value={query.year}
        onChange={(year) => update({ year })}
        options={YEARS.map((y) => ({ value: y, label: `${y}年` }))}
        style={{ width: 120 }}
      />
      <Select<ExamKind>
        allowClear
        placeholder="考试类型"
        aria-label="考试类型"
        value={query.kind}
        onChange={(kind) => update({ kind })}
        options={EXAM_KINDS.map((k) => ({ value: k, label: EXAM_KIND_ZH[k] }))}
        style={{ width: 220 }}
      />
      {withStatus && (
        <Select<ExamStatus>
          allowClear
          placeholder="状态"
          aria-label="状态"
          value={query.status}
          onChange={(status) => update({ status })}
          options={EXAM_STATUSES.map((s) => ({ value: s, label: EXAM_STATUS_ZH[s] }))}
          style={{ width: 120 }}
        />
      )}
    </Space>
  );
}
