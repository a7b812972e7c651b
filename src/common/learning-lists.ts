/**
 * 学法清单 "1+3+N" and learning materials: request/response shapes shared by server and web.
 * The vocabulary (segments, item kinds, material kinds, AssignmentRule) is in learning.ts.
 */
import { z } from 'zod';
import type { FileMeta } from './files';
import { assignmentRuleSchema, LIST_ITEM_KINDS, LIST_SEGMENTS, MATERIAL_KINDS, type AssignmentRule, type CreditSource, type ListItemKind, type ListSegment } from './learning';

// ---------------------------------------------------------------------------------------------
// Materials

export const materialInputSchema = z
  .object({
    title: z.string({ message: '请填写材料标题' }).trim().min(1, '请填写材料标题').max(200, '标题不能超过200个字'),
    kind: z.enum(MATERIAL_KINDS, { message: '请选择材料类别' }),
    body: z.string().max(200_000, '正文不能超过20万字').nullable().default(null),
    fileId: z.number().int().positive('无效的文件').nullable().default(null),
    source: z.string().trim().max(200, '来源不能超过200个字').nullable().default(null),
  });
/** The server also requires a body or a file (issue on `body`); see materialHasContent. */
export const materialHasContent = (m: { body?: string | null; fileId?: number | null }) => !!m.fileId || !!(m.body ?? '').trim();
export type MaterialInput = z.input<typeof materialInputSchema>;

export interface MaterialView {
  id: number;
  title: string;
  kind: string;
  body: string | null;
  fileId: number | null;
  file: FileMeta | null;
  source: string | null;
  createdAt: string;
  updatedAt: string;
  /** how many list items point at it (a used material cannot be deleted) */
  usedBy: number;
}

// ---------------------------------------------------------------------------------------------
// Lists

export const LIST_STATUSES = ['draft', 'published'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];
export const LIST_STATUS_ZH: Record<ListStatus, string> = { draft: '草稿', published: '已发布' };

export const listItemInputSchema = z
  .object({
    /** an existing item of this list (kept with its id) or absent for a new one */
    id: z.number().int().positive().optional(),
    segment: z.enum(LIST_SEGMENTS, { message: '请选择清单板块（“1”“3”“N”）' }),
    kind: z.enum(LIST_ITEM_KINDS, { message: '请选择条目类型' }),
    /** shown to learners; defaults to the law's / material's / activity's title */
    title: z.string().trim().max(200, '标题不能超过200个字').nullable().default(null),
    lawId: z.number().int().positive().nullable().default(null),
    /** law items: chapters/sections (law_nodes ids of the current version); null/empty = whole law */
    nodeIds: z.array(z.number().int().positive()).max(500).nullable().default(null),
    /** law items: articles (law_articles ids of the current version) */
    articleIds: z.array(z.number().int().positive()).max(3000).nullable().default(null),
    materialId: z.number().int().positive().nullable().default(null),
    activityId: z.number().int().positive().nullable().default(null),
    required: z.boolean().default(true),
    expectedMinutes: z.number({ message: '预计学时应为分钟数' }).int('预计学时应为整数分钟').min(0, '预计学时不能为负数').max(100 * 60, '预计学时不能超过100小时').default(0),
  })
  .superRefine((it, ctx) => {
    if (it.kind === 'law' && !it.lawId) ctx.addIssue({ code: 'custom', path: ['lawId'], message: '请选择法律法规' });
    if (it.kind === 'material' && !it.materialId) ctx.addIssue({ code: 'custom', path: ['materialId'], message: '请选择学习材料' });
    if (it.kind === 'course' && !it.activityId) ctx.addIssue({ code: 'custom', path: ['activityId'], message: '请选择课程/讲座' });
    if (it.kind === 'law' && (it.nodeIds?.length ?? 0) > 0 && (it.articleIds?.length ?? 0) > 0)
      ctx.addIssue({ code: 'custom', path: ['articleIds'], message: '章节与条文只能选其一' });
  });
export type ListItemInput = z.input<typeof listItemInputSchema>;

export const listInputSchema = z.object({
  year: z.number({ message: '请选择年度' }).int().min(2000, '年度无效').max(2100, '年度无效'),
  name: z.string({ message: '请填写清单名称' }).trim().min(1, '请填写清单名称').max(100, '清单名称不能超过100个字'),
  description: z.string().trim().max(2000, '说明不能超过2000个字').nullable().default(null),
  /** who the list applies to; null or empty = everyone */
  rule: assignmentRuleSchema.nullable().default(null),
  items: z.array(listItemInputSchema).max(500, '条目不能超过500个').default([]),
});
export type ListInput = z.input<typeof listInputSchema>;

export interface ListItemView {
  id: number;
  seq: number;
  segment: ListSegment;
  kind: ListItemKind;
  title: string;
  lawId: number | null;
  nodeIds: number[] | null;
  articleIds: number[] | null;
  materialId: number | null;
  activityId: number | null;
  required: boolean;
  expectedMinutes: number;
  /** e.g. '全文（260条）' | '第一章、第三章（58条）' | '12条' | the material kind | the activity's date */
  scope: string;
}

export interface ListView {
  id: number;
  year: number;
  name: string;
  description: string | null;
  rule: AssignmentRule | null;
  status: ListStatus;
  publishedAt: string | null;
  updatedAt: string;
  items: ListItemView[];
}

export interface ListSummary {
  id: number;
  year: number;
  name: string;
  status: ListStatus;
  publishedAt: string | null;
  rule: AssignmentRule | null;
  itemCount: number;
  requiredCount: number;
  /** items per segment */
  segments: Record<ListSegment, number>;
  /** 在职 people the rule selects now */
  appliesTo: number;
}

/** True when a rule narrows who it applies to; null or no criterion = everyone. */
export function ruleNarrows(rule: AssignmentRule | null | undefined): boolean {
  return !!rule && (rule.unitIds.length > 0 || rule.ranks.length > 0 || rule.postCategories.length > 0 || rule.principalLeadersOnly);
}

// ---------------------------------------------------------------------------------------------
// Progress

export interface PersonListProgressItem {
  itemId: number;
  listId: number;
  listName: string;
  segment: ListSegment;
  kind: ListItemKind;
  title: string;
  required: boolean;
  expectedMinutes: number;
  done: boolean;
  /** 0-100, rounded down (100 only when done) */
  percent: number;
  /** '已读 120/260 条' | '已学 35/60 分钟' | '已参加' | '未参加' */
  detail: string;
  /** in-app path to study it */
  link: string | null;
}

export interface PersonListProgress {
  year: number;
  items: PersonListProgressItem[];
  requiredTotal: number;
  requiredDone: number;
  optionalTotal: number;
  optionalDone: number;
  /** mean percent of the required items (0 when nothing is required) */
  percent: number;
}

export interface UnitCompletionRow {
  unitId: number;
  name: string;
  /** '区政府/司法局' */
  pathNames: string;
  /** true for the row of people directly in the selected unit (本级) */
  own: boolean;
  hasChildren: boolean;
  /** 在职 people in the unit (and below, unless own) */
  people: number;
  /** people with at least one required item */
  assigned: number;
  requiredItems: number;
  requiredDone: number;
  /** requiredDone / requiredItems, 0-100 */
  donePercent: number;
  /** mean of the assigned people's percent */
  avgPercent: number;
  /** assigned people who finished every required item */
  complete: number;
  /** assigned people with no progress on any required item */
  notStarted: number;
}

export interface PersonCompletionRow {
  personId: number;
  name: string;
  employeeNo: string | null;
  unitId: number;
  unitName: string;
  /** from the top of what the caller sees: '市场监管局/办公室' */
  unitPathNames: string;
  postCategory: string | null;
  requiredTotal: number;
  requiredDone: number;
  optionalTotal: number;
  optionalDone: number;
  percent: number;
}

export interface UnitCompletion {
  year: number;
  /** the selected unit (null = the principal's whole scope) */
  unit: { id: number; name: string; pathNames: string; parentId: number | null } | null;
  total: Omit<UnitCompletionRow, 'unitId' | 'name' | 'pathNames' | 'own' | 'hasChildren'>;
  units: UnitCompletionRow[];
  /** people of the selected unit's subtree (empty when no unit is selected) */
  people: PersonCompletionRow[];
}

// ---------------------------------------------------------------------------------------------
// Member view

export interface MyLearning {
  year: number;
  progress: PersonListProgress;
  /** minutes credited this year by source */
  minutesBySource: Record<CreditSource, number>;
  totalMinutes: number;
  /** self-study minutes credited today (Beijing day) and the daily cap */
  todaySelfStudyMinutes: number;
  dailyCapMinutes: number;
}
