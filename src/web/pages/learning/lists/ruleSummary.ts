import type { AssignmentRule } from '../../../../common/learning';

/** '单位：3个；职级：县处级；岗位：行政执法；仅主要负责人' (unit names are shown in the editor). */
export function ruleSummary(rule: AssignmentRule | null, unitName?: (id: number) => string | undefined): string {
  if (!rule) return '全体人员';
  const parts: string[] = [];
  if (rule.unitIds.length) {
    const names = unitName ? rule.unitIds.map((id) => unitName(id)).filter(Boolean) : [];
    parts.push(names.length === rule.unitIds.length && names.length <= 3 ? `单位：${names.join('、')}` : `单位：${rule.unitIds.length}个`);
  }
  if (rule.ranks.length) parts.push(`职级：${rule.ranks.join('、')}`);
  if (rule.postCategories.length) parts.push(`岗位：${rule.postCategories.join('、')}`);
  if (rule.principalLeadersOnly) parts.push('仅党政主要负责人');
  return parts.join('；') || '全体人员';
}
