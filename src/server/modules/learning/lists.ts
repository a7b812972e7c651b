/**
 * 学法清单 "1+3+N": lists for a year with their items (a law — whole, chosen 章/节 or chosen
 * articles —, a learning material, or a course), who they apply to, publish/unpublish, copy to
 * the next year. Drafts can be deleted; published lists apply at once to whoever the rule selects.
 */
import { and, asc, count, desc, eq, gte, inArray, lte, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { FieldIssue } from '../../../common/errors';
import type { AssignmentRule, ListItemKind, ListSegment } from '../../../common/learning';
import { beijingDay, CREDIT_SOURCES, LIST_SEGMENTS, SELF_STUDY_SOURCES, type CreditSource, type LearningYearSettings } from '../../../common/learning';
import { ruleNarrows, type listInputSchema, type ListItemView, type ListStatus, type ListSummary, type ListView, type MyLearning } from '../../../common/learning-lists';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, invalid, notFound } from '../../platform/errors';
import { lawArticles, lawNodes, laws, lawVersions } from '../laws/schema';
import { people, units } from '../org/schema';
import { lawScopes, personListProgress, ruleCondition, rulePaths } from './lists-progress';
import { activities, learningListItems, learningLists, learningMaterials, learningYearSettings, studyCredits } from './schema';
import { getLearningSettings } from './settings';

export type ListData = z.output<typeof listInputSchema>;
type ItemData = ListData['items'][number];

// ---------------------------------------------------------------------------------------------
// Validation against the database

interface Resolved {
  titles: string[];
}

/** Every referenced law/node/article/material/activity/unit must exist; issues carry field paths. Returns default titles. */
async function resolveItems(db: Db, input: ListData): Promise<Resolved> {
  const issues: FieldIssue[] = [];
  const items = input.items;
  const lawIds = [...new Set(items.filter((i) => i.kind === 'law').map((i) => i.lawId!))];
  const materialIds = [...new Set(items.filter((i) => i.kind === 'material').map((i) => i.materialId!))];
  const activityIds = [...new Set(items.filter((i) => i.kind === 'course').map((i) => i.activityId!))];
  const nodeIds = [...new Set(items.flatMap((i) => (i.kind === 'law' ? (i.nodeIds ?? []) : [])))];
  const articleIds = [...new Set(items.flatMap((i) => (i.kind === 'law' ? (i.articleIds ?? []) : [])))];

  const lawRows = lawIds.length ? await db.select({ id: laws.id, title: laws.title }).from(laws).where(inArray(laws.id, lawIds)) : [];
  const lawTitle = new Map(lawRows.map((l) => [l.id, l.title]));
  const nodeLaw = new Map(
    (nodeIds.length
      ? await db.select({ id: lawNodes.id, lawId: lawVersions.lawId }).from(lawNodes).innerJoin(lawVersions, eq(lawVersions.id, lawNodes.versionId)).where(inArray(lawNodes.id, nodeIds))
      : []
    ).map((n) => [n.id, n.lawId]),
  );
  const articleLaw = new Map(
    (articleIds.length
      ? await db
          .select({ id: lawArticles.id, lawId: lawVersions.lawId })
          .from(lawArticles)
          .innerJoin(lawVersions, eq(lawVersions.id, lawArticles.versionId))
          .where(inArray(lawArticles.id, articleIds))
      : []
    ).map((a) => [a.id, a.lawId]),
  );
  const materialTitle = new Map(
    (materialIds.length ? await db.select({ id: learningMaterials.id, title: learningMaterials.title }).from(learningMaterials).where(inArray(learningMaterials.id, materialIds)) : []).map((m) => [
      m.id,
      m.title,
    ]),
  );
  const activityRows = activityIds.length
    ? await db.select({ id: activities.id, title: activities.title, category: activities.category }).from(activities).where(inArray(activities.id, activityIds))
    : [];
  const activity = new Map(activityRows.map((a) => [a.id, a]));

  const titles = items.map((it, i) => {
    const at = (f: string) => `items.${i}.${f}`;
    if (it.kind === 'law') {
      const title = lawTitle.get(it.lawId!);
      if (!title) issues.push({ path: at('lawId'), message: `法规 #${it.lawId} 不存在` });
      (it.nodeIds ?? []).forEach((id, j) => {
        if (nodeLaw.get(id) !== it.lawId) issues.push({ path: `${at('nodeIds')}.${j}`, message: `章节 #${id} 不属于所选法规` });
      });
      (it.articleIds ?? []).forEach((id, j) => {
        if (articleLaw.get(id) !== it.lawId) issues.push({ path: `${at('articleIds')}.${j}`, message: `条文 #${id} 不属于所选法规` });
      });
      return it.title || title || '';
    }
    if (it.kind === 'material') {
      const title = materialTitle.get(it.materialId!);
      if (!title) issues.push({ path: at('materialId'), message: `学习材料 #${it.materialId} 不存在` });
      return it.title || title || '';
    }
    const a = activity.get(it.activityId!);
    if (!a) issues.push({ path: at('activityId'), message: `课程/讲座 #${it.activityId} 不存在` });
    else if (a.category !== 'lecture' && a.category !== 'study') issues.push({ path: at('activityId'), message: '只能选择讲座或集体学法活动' });
    return it.title || a?.title || '';
  });

  if (input.rule && input.rule.unitIds.length) {
    const found = new Set((await db.select({ id: units.id }).from(units).where(inArray(units.id, input.rule.unitIds))).map((u) => u.id));
    input.rule.unitIds.forEach((id, i) => {
      if (!found.has(id)) issues.push({ path: `rule.unitIds.${i}`, message: `单位 #${id} 不存在` });
    });
  }
  if (issues.length) throw invalid(issues);
  return { titles };
}

/** A stored rule: null when it narrows nothing (everyone). */
const storedRule = (rule: AssignmentRule | null): AssignmentRule | null => (ruleNarrows(rule) ? rule : null);

function itemValues(listId: number, it: ItemData, seq: number, title: string) {
  const law = it.kind === 'law';
  return {
    listId,
    seq,
    segment: it.segment,
    kind: it.kind,
    title,
    lawId: law ? it.lawId : null,
    nodeIds: law && it.nodeIds?.length ? it.nodeIds : null,
    articleIds: law && it.articleIds?.length ? it.articleIds : null,
    materialId: it.kind === 'material' ? it.materialId : null,
    activityId: it.kind === 'course' ? it.activityId : null,
    required: it.required,
    expectedMinutes: it.expectedMinutes,
  };
}

// ---------------------------------------------------------------------------------------------
// Reads

async function listRow(db: Db, id: number) {
  const [row] = await db.select().from(learningLists).where(eq(learningLists.id, id));
  if (!row) throw notFound('学法清单');
  return row;
}

const fmtDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Human description of what each item covers. */
async function scopeLabels(db: Db, items: (typeof learningListItems.$inferSelect)[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const scopes = await lawScopes(
    db,
    items.map((i) => ({ ...i, kind: i.kind as ListItemKind })),
  );
  const nodeIds = [...new Set(items.flatMap((i) => i.nodeIds ?? []))];
  const nodes = new Map(
    (nodeIds.length ? await db.select({ id: lawNodes.id, label: lawNodes.label, title: lawNodes.title }).from(lawNodes).where(inArray(lawNodes.id, nodeIds)) : []).map((n) => [
      n.id,
      `${n.label} ${n.title}`.trim(),
    ]),
  );
  const materialIds = [...new Set(items.map((i) => i.materialId).filter((x): x is number => x !== null))];
  const materials = new Map(
    (materialIds.length ? await db.select({ id: learningMaterials.id, kind: learningMaterials.kind }).from(learningMaterials).where(inArray(learningMaterials.id, materialIds)) : []).map((m) => [
      m.id,
      m.kind,
    ]),
  );
  const activityIds = [...new Set(items.map((i) => i.activityId).filter((x): x is number => x !== null))];
  const acts = new Map(
    (activityIds.length
      ? await db.select({ id: activities.id, kind: activities.kind, startsAt: activities.startsAt }).from(activities).where(inArray(activities.id, activityIds))
      : []
    ).map((a) => [a.id, `${a.kind} ${fmtDay(a.startsAt)}`]),
  );
  for (const i of items) {
    if (i.kind === 'law') {
      const total = scopes.get(i.id)?.total ?? 0;
      if (i.articleIds?.length) out.set(i.id, `选定 ${total} 条`);
      else if (i.nodeIds?.length) out.set(i.id, `${i.nodeIds.map((n) => nodes.get(n) ?? `#${n}`).join('、')}（${total}条）`);
      else out.set(i.id, `全文（${total}条）`);
    } else if (i.kind === 'material') out.set(i.id, materials.get(i.materialId!) ?? '材料已删除');
    else out.set(i.id, acts.get(i.activityId!) ?? '活动已删除');
  }
  return out;
}

export async function getList(db: Db, id: number): Promise<ListView> {
  const row = await listRow(db, id);
  const items = await db.select().from(learningListItems).where(eq(learningListItems.listId, id)).orderBy(asc(learningListItems.seq), asc(learningListItems.id));
  const labels = await scopeLabels(db, items);
  return {
    id: row.id,
    year: row.year,
    name: row.name,
    description: row.description,
    rule: row.rule ?? null,
    status: row.status as ListStatus,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    items: items.map(
      (i): ListItemView => ({
        id: i.id,
        seq: i.seq,
        segment: i.segment as ListSegment,
        kind: i.kind as ListItemKind,
        title: i.title,
        lawId: i.lawId,
        nodeIds: i.nodeIds ?? null,
        articleIds: i.articleIds ?? null,
        materialId: i.materialId,
        activityId: i.activityId,
        required: i.required,
        expectedMinutes: i.expectedMinutes,
        scope: labels.get(i.id) ?? '',
      }),
    ),
  };
}

/** 在职 people a rule selects now (null/empty rule = everyone). */
export async function countRule(db: Db, rule: AssignmentRule | null): Promise<number> {
  const paths = await rulePaths(db, [rule]);
  const [r] = await db
    .select({ n: count() })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.status, '在职'), ruleCondition(rule, paths)));
  return Number(r.n);
}

export async function listLists(db: Db, year: number): Promise<ListSummary[]> {
  const rows = await db.select().from(learningLists).where(eq(learningLists.year, year)).orderBy(desc(learningLists.status), asc(learningLists.id));
  if (rows.length === 0) return [];
  const items = await db
    .select({ listId: learningListItems.listId, segment: learningListItems.segment, required: learningListItems.required })
    .from(learningListItems)
    .where(inArray(learningListItems.listId, rows.map((r) => r.id)));
  const out: ListSummary[] = [];
  for (const r of rows) {
    const mine = items.filter((i) => i.listId === r.id);
    const segments = Object.fromEntries(LIST_SEGMENTS.map((s) => [s, mine.filter((i) => i.segment === s).length])) as Record<ListSegment, number>;
    out.push({
      id: r.id,
      year: r.year,
      name: r.name,
      status: r.status as ListStatus,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      rule: r.rule ?? null,
      itemCount: mine.length,
      requiredCount: mine.filter((i) => i.required).length,
      segments,
      appliesTo: await countRule(db, r.rule ?? null),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writes (call inside a transaction)

export async function createList(db: Db, actor: AuditActor, input: ListData): Promise<ListView> {
  const { titles } = await resolveItems(db, input);
  if (input.items.some((i) => i.id !== undefined)) throw invalid(input.items.flatMap((it, i) => (it.id !== undefined ? [{ path: `items.${i}.id`, message: '新清单的条目不能带编号' }] : [])));
  const [row] = await db
    .insert(learningLists)
    .values({ year: input.year, name: input.name, description: input.description || null, rule: storedRule(input.rule), createdBy: actor.accountId })
    .returning({ id: learningLists.id });
  if (input.items.length) await db.insert(learningListItems).values(input.items.map((it, i) => itemValues(row.id, it, i, titles[i])));
  await audit(db, actor, {
    action: 'learning.list.create',
    entityType: 'learning_list',
    entityId: row.id,
    summary: `新建${input.year}年学法清单「${input.name}」（${input.items.length} 项）`,
    after: { ...input, rule: storedRule(input.rule) },
  });
  return getList(db, row.id);
}

/** Replaces name, description, rule and items; items sent with their id keep it (and their progress history stays meaningful). */
export async function updateList(db: Db, actor: AuditActor, id: number, input: ListData): Promise<ListView> {
  const before = await getList(db, id);
  if (before.status === 'published' && input.year !== before.year) throw invalid([{ path: 'year', message: '已发布的清单不能改年度，请先撤回发布' }]);
  const { titles } = await resolveItems(db, input);
  const existing = new Set(before.items.map((i) => i.id));
  const issues = input.items.flatMap((it, i) => (it.id !== undefined && !existing.has(it.id) ? [{ path: `items.${i}.id`, message: `条目 #${it.id} 不属于本清单` }] : []));
  const seen = new Set<number>();
  input.items.forEach((it, i) => {
    if (it.id === undefined) return;
    if (seen.has(it.id)) issues.push({ path: `items.${i}.id`, message: `条目 #${it.id} 重复` });
    seen.add(it.id);
  });
  if (issues.length) throw invalid(issues);

  await db
    .update(learningLists)
    .set({ year: input.year, name: input.name, description: input.description || null, rule: storedRule(input.rule), updatedAt: new Date() })
    .where(eq(learningLists.id, id));
  const keep = input.items.map((i) => i.id).filter((x): x is number => x !== undefined);
  await db.delete(learningListItems).where(and(eq(learningListItems.listId, id), keep.length ? notInArray(learningListItems.id, keep) : undefined));
  for (const [i, it] of input.items.entries()) {
    const values = itemValues(id, it, i, titles[i]);
    if (it.id !== undefined) await db.update(learningListItems).set(values).where(eq(learningListItems.id, it.id));
    else await db.insert(learningListItems).values(values);
  }
  await audit(db, actor, {
    action: 'learning.list.update',
    entityType: 'learning_list',
    entityId: id,
    summary: `修改学法清单「${input.name}」（${input.items.length} 项）`,
    before: { name: before.name, year: before.year, rule: before.rule, items: before.items.length },
    after: { ...input, rule: storedRule(input.rule) },
  });
  return getList(db, id);
}

export async function setListStatus(db: Db, actor: AuditActor, id: number, status: ListStatus): Promise<ListView> {
  const row = await listRow(db, id);
  if (row.status === status) throw new AppError('CONFLICT', status === 'published' ? '清单已发布' : '清单尚未发布');
  if (status === 'published') {
    const [n] = await db.select({ n: count() }).from(learningListItems).where(eq(learningListItems.listId, id));
    if (Number(n.n) === 0) throw invalid([{ path: 'items', message: '清单没有任何条目，不能发布' }]);
  }
  await db
    .update(learningLists)
    .set({ status, publishedAt: status === 'published' ? new Date() : null, updatedAt: new Date() })
    .where(eq(learningLists.id, id));
  await audit(db, actor, {
    action: status === 'published' ? 'learning.list.publish' : 'learning.list.unpublish',
    entityType: 'learning_list',
    entityId: id,
    summary: `${status === 'published' ? '发布' : '撤回'}学法清单「${row.name}」`,
  });
  return getList(db, id);
}

export async function deleteList(db: Db, actor: AuditActor, id: number): Promise<{ ok: true }> {
  const row = await listRow(db, id);
  if (row.status !== 'draft') throw new AppError('CONFLICT', '已发布的清单不能删除，请先撤回发布');
  await db.delete(learningLists).where(eq(learningLists.id, id));
  await audit(db, actor, { action: 'learning.list.delete', entityType: 'learning_list', entityId: id, summary: `删除学法清单「${row.name}」`, before: { name: row.name, year: row.year } });
  return { ok: true };
}

/** A draft copy for the next year (same rule and items). */
export async function copyListToNextYear(db: Db, actor: AuditActor, id: number): Promise<ListView> {
  const src = await getList(db, id);
  const year = src.year + 1;
  if (year > 2100) throw invalid([{ path: 'year', message: '年度无效' }]);
  const [row] = await db
    .insert(learningLists)
    .values({ year, name: src.name, description: src.description, rule: src.rule, createdBy: actor.accountId })
    .returning({ id: learningLists.id });
  const items = await db.select().from(learningListItems).where(eq(learningListItems.listId, id)).orderBy(asc(learningListItems.seq), asc(learningListItems.id));
  if (items.length) await db.insert(learningListItems).values(items.map(({ id: _id, listId: _l, ...rest }, seq) => ({ ...rest, seq, listId: row.id })));
  await audit(db, actor, { action: 'learning.list.copy', entityType: 'learning_list', entityId: row.id, summary: `复制学法清单「${src.name}」到${year}年`, after: { from: id, year } });
  return getList(db, row.id);
}

// ---------------------------------------------------------------------------------------------
// Year settings (daily cap, lecture duty, practice)

export async function saveLearningSettings(db: Db, actor: AuditActor, year: number, settings: LearningYearSettings): Promise<LearningYearSettings> {
  const before = await getLearningSettings(db, year);
  await db
    .insert(learningYearSettings)
    .values({ year, settings, updatedBy: actor.accountId })
    .onConflictDoUpdate({ target: learningYearSettings.year, set: { settings, updatedBy: actor.accountId, updatedAt: new Date() } });
  await audit(db, actor, { action: 'learning.settings.update', entityType: 'learning_year_settings', entityId: year, summary: `修改${year}年学法设置`, before, after: settings });
  return getLearningSettings(db, year);
}

// ---------------------------------------------------------------------------------------------
// Member: my lists and my hours

export async function myLearning(db: Db, personId: number, year: number, now = new Date()): Promise<MyLearning> {
  const progress = await personListProgress(db, personId, year);
  const rows = await db
    .select({ source: studyCredits.source, minutes: sql<string>`coalesce(sum(${studyCredits.minutes}), 0)` })
    .from(studyCredits)
    .where(and(eq(studyCredits.personId, personId), gte(studyCredits.day, `${year}-01-01`), lte(studyCredits.day, `${year}-12-31`)))
    .groupBy(studyCredits.source);
  const minutesBySource = Object.fromEntries(CREDIT_SOURCES.map((s) => [s, 0])) as Record<CreditSource, number>;
  for (const r of rows) if ((CREDIT_SOURCES as readonly string[]).includes(r.source)) minutesBySource[r.source as CreditSource] = Math.round(Number(r.minutes) * 10) / 10;
  const today = beijingDay(now);
  const [t] = await db
    .select({ minutes: sql<string>`coalesce(sum(${studyCredits.minutes}), 0)` })
    .from(studyCredits)
    .where(and(eq(studyCredits.personId, personId), eq(studyCredits.day, today), inArray(studyCredits.source, [...SELF_STUDY_SOURCES])));
  const settings = await getLearningSettings(db, year);
  return {
    year,
    progress,
    minutesBySource,
    totalMinutes: Math.round(Object.values(minutesBySource).reduce((a, b) => a + b, 0) * 10) / 10,
    todaySelfStudyMinutes: Math.round(Number(t.minutes) * 10) / 10,
    dailyCapMinutes: settings.dailyCapMinutes,
  };
}
