import { ReloadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { GENDERS, PERSON_STATUSES, POST_CATEGORIES, RANKS } from '../../../../common/org';
import type { PeopleQuery } from './usePeople';

const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));
const YES_NO = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];
const boolToStr = (b: boolean | undefined) => (b === undefined ? undefined : String(b));
const strToBool = (s: string | undefined) => (s === undefined ? undefined : s === 'true');

interface Props {
  query: PeopleQuery;
  onChange: (patch: Partial<PeopleQuery>) => void;
}

/** 关键词, 职级, 岗位类别, 状态, 性别, 主要负责人, 执法人员 — each change reloads page 1 from the server. */
export function PeopleFilters({ query, onChange }: Props) {
  // The box is edited freely and applied on Enter; a change from outside (重置, back button) resets it.
  const [q, setQ] = useState(query.q ?? '');
  const [appliedQ, setAppliedQ] = useState(query.q);
  if (query.q !== appliedQ) {
    setAppliedQ(query.q);
    setQ(query.q ?? '');
  }
  const sel = { allowClear: true, placeholder: '全部', style: { width: 120 } };

  return (
    <Form layout="inline" style={{ rowGap: 12, marginBottom: 16 }} aria-label="人员筛选">
      <Form.Item label="关键词" htmlFor="people-q">
        <Input.Search
          id="people-q"
          allowClear
          placeholder="姓名、工号、手机号或身份证号"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => onChange({ q: v.trim() || undefined })}
          style={{ width: 280 }}
        />
      </Form.Item>
      <Form.Item label="职级" htmlFor="people-rank">
        <Select id="people-rank" {...sel} options={opts(RANKS)} value={query.rank} onChange={(v) => onChange({ rank: v })} />
      </Form.Item>
      <Form.Item label="岗位类别" htmlFor="people-post">
        <Select id="people-post" {...sel} options={opts(POST_CATEGORIES)} value={query.postCategory} onChange={(v) => onChange({ postCategory: v })} />
      </Form.Item>
      <Form.Item label="状态" htmlFor="people-status">
        <Select id="people-status" {...sel} style={{ width: 100 }} options={opts(PERSON_STATUSES)} value={query.status} onChange={(v) => onChange({ status: v })} />
      </Form.Item>
      <Form.Item label="性别" htmlFor="people-gender">
        <Select id="people-gender" {...sel} style={{ width: 90 }} options={opts(GENDERS)} value={query.gender} onChange={(v) => onChange({ gender: v })} />
      </Form.Item>
      <Form.Item label="主要负责人" htmlFor="people-principal">
        <Select
          id="people-principal"
          {...sel}
          style={{ width: 90 }}
          options={YES_NO}
          value={boolToStr(query.isPrincipalLeader)}
          onChange={(v?: string) => onChange({ isPrincipalLeader: strToBool(v) })}
        />
      </Form.Item>
      <Form.Item label="执法人员" htmlFor="people-enforcement">
        <Select
          id="people-enforcement"
          {...sel}
          style={{ width: 90 }}
          options={YES_NO}
          value={boolToStr(query.isLawEnforcement)}
          onChange={(v?: string) => onChange({ isLawEnforcement: strToBool(v) })}
        />
      </Form.Item>
      <Form.Item>
        <Button
          icon={<ReloadOutlined aria-hidden />}
          onClick={() =>
            onChange({ q: undefined, rank: undefined, postCategory: undefined, status: undefined, gender: undefined, isPrincipalLeader: undefined, isLawEnforcement: undefined })
          }
        >
          重置
        </Button>
      </Form.Item>
    </Form>
  );
}
