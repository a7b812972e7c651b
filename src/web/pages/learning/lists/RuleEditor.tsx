import { Alert, Checkbox, Select, Space, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import type { AssignmentRule } from '../../../../common/learning';
import { ruleNarrows } from '../../../../common/learning-lists';
import { POST_CATEGORIES, RANKS } from '../../../../common/org';
import { toSelectTree } from '../../org/unitTree';
import { useUnits } from '../../org/useUnits';
import { useRuleCount } from './useLists';

export const EMPTY_RULE: AssignmentRule = { unitIds: [], ranks: [], postCategories: [], principalLeadersOnly: false };

/** 适用范围: unit subtrees, 职级, 岗位类别, 主要负责人 — nothing chosen means everyone. Shows 适用人数 live. */
export function RuleEditor({ value, onChange, disabled }: { value: AssignmentRule | null; onChange: (r: AssignmentRule) => void; disabled?: boolean }) {
  const rule = value ?? EMPTY_RULE;
  const { index, isLoading } = useUnits();
  const treeData = useMemo(() => toSelectTree(index.roots), [index]);
  const count = useRuleCount(ruleNarrows(rule) ? rule : null);
  const set = (patch: Partial<AssignmentRule>) => onChange({ ...rule, ...patch });
  const postOptions = [...new Set([...POST_CATEGORIES, ...rule.postCategories])].map((p) => ({ value: p, label: p }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="small">
      <div>
        <Typography.Text type="secondary">单位（含下级单位）</Typography.Text>
        <TreeSelect<number[]>
          aria-label="适用单位"
          multiple
          disabled={disabled}
          treeData={treeData}
          loading={isLoading}
          value={rule.unitIds}
          onChange={(v) => set({ unitIds: v ?? [] })}
          placeholder="不限单位"
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeDefaultExpandAll={index.byId.size <= 60}
          treeLine
          allowClear
          style={{ width: '100%' }}
        />
      </div>
      <div>
        <Typography.Text type="secondary">职级</Typography.Text>
        <Select aria-label="适用职级" mode="multiple" disabled={disabled} allowClear placeholder="不限职级" value={rule.ranks} onChange={(v) => set({ ranks: v })} options={RANKS.map((r) => ({ value: r, label: r }))} style={{ width: '100%' }} />
      </div>
      <div>
        <Typography.Text type="secondary">岗位类别</Typography.Text>
        <Select aria-label="适用岗位类别" mode="tags" disabled={disabled} allowClear placeholder="不限岗位类别（可输入自定义类别）" value={rule.postCategories} onChange={(v) => set({ postCategories: v })} options={postOptions} style={{ width: '100%' }} />
      </div>
      <Checkbox disabled={disabled} checked={rule.principalLeadersOnly} onChange={(e) => set({ principalLeadersOnly: e.target.checked })}>
        只包括党政主要负责人
      </Checkbox>
      <Alert
        type={ruleNarrows(rule) ? 'info' : 'success'}
        showIcon
        title={
          <span>
            {ruleNarrows(rule) ? '按上述条件' : '未设条件：适用于全体在职人员'}，适用人数{' '}
            <b>{count.isPending ? '…' : count.isError ? '—' : count.data}</b> 人
          </span>
        }
        description="按每个人当前的单位、职级和岗位类别计算：人员调岗后立即适用新的清单。"
      />
    </Space>
  );
}
