import { Select, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { QUESTION_TYPE_ZH } from '../../../../common/bank';
import { stemOf, useQuestionLookup, useQuestionSearch } from './useQuestionLookup';

interface Props {
  value?: number[];
  onChange?: (ids: number[]) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
  'aria-label'?: string;
}

const short = (s: string) => (s.length > 40 ? s.slice(0, 40) + '…' : s);

/** Several questions picked by searching the bank's active questions; shows "#id 题型 题干". */
export function QuestionIdsSelect({ value = [], onChange, id, disabled, placeholder = '输入题干关键词搜索题目', ...rest }: Props) {
  const [q, setQ] = useState('');
  const search = useQuestionSearch({ q: q.trim() || undefined, pageSize: 20 }, q.trim().length > 0);
  const known = useQuestionLookup(value);
  const options = useMemo(() => {
    const seen = new Set<number>();
    const out: { value: number; label: string }[] = [];
    for (const x of [...value.map((v) => known.byId.get(v) ?? { id: v, type: null, stemText: '' }), ...(search.data?.items ?? [])]) {
      if (seen.has(x.id)) continue;
      seen.add(x.id);
      out.push({ value: x.id, label: `#${x.id} ${x.type ? QUESTION_TYPE_ZH[x.type] + ' ' : ''}${short(stemOf(x))}` });
    }
    return out;
  }, [value, known.byId, search.data]);
  return (
    <Select<number[]>
      id={id}
      aria-label={rest['aria-label']}
      mode="multiple"
      disabled={disabled}
      value={value}
      onChange={(v) => onChange?.(v)}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
      onBlur={() => setQ('')}
      notFoundContent={search.isFetching ? <Spin size="small" /> : q ? '没有匹配的启用题目' : '输入关键词搜索'}
      options={options}
      style={{ width: '100%' }}
    />
  );
}
