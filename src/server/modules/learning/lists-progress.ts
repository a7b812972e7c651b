/**
 * Progress on the 学法清单: which published list items apply to whom (rules evaluated against
 * the person's CURRENT unit, 职级, 岗位类别 and 党政主要负责人 flag, so a post change applies at once)
 * and how far each item is done:
 *  - law: articles in scope of the law's current version read (article_reads matched by law,
 *    article number and 之N suffix, so reading carries over to a newer version);
 *  - material: seconds measured on it (material_reads) vs the expected minutes (0 → 60 s);
 *  - course: attendance on the activity, or being its speaker.
 * The bulk path (unitListCompletion) issues one query per table (one per distinct law scope),
 * never one per person.
 */
import { and, asc, eq, inArray, notExists, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';
import type { AssignmentRule, ListItemKind, ListSegment } from '../../../common/learning';
import type { PersonCompletionRow, PersonListProgress, PersonListProgressItem, UnitCompletion, UnitCompletionRow } from '../../../common/learning-lists';
import { ruleNarrows } from '../../../common/learning-lists';
import type { Db } from '../../db/client';
import { notFound } from '../../platform/errors';
import { subtreeCondition, unitScope, type Principal } from '../../platform/principal';
import { lawArticles, lawNodes, laws, lawVersions } from '../laws/schema';
import { people, units } from '../org/schema';
import { unitPathNames } from '../org/units';
import { activities, activityAttendance, articleReads, learningListItems, learningLists, materialReads } from './schema';

// ---------------------------------------------------------------------------------------------
// Items and rules

export interface LoadedItem {
  id: number;
  listId: number;
  listName: string;
  rule: AssignmentRule | null;
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
}

/** What a rule looks at. */
export interface RuleSubject {
  unitPath: string;
  rank: string | null;
  postCategory: string | null;
  isPrincipalLeader: boolean;
}

/** Published items of the year, in list then item order. */
export async function publishedItems(db: Db, year: number): Promise<LoadedItem[]> {
  const rows = await db
    .select({
      id: learningListItems.id,
      listId: learningLists.id,
      listName: learningLists.name,
      rule: learningLists.rule,
      segment: learningListItems.segment,
      kind: learningListItems.kind,
      title: learningListItems.title,
      lawId: learningListItems.lawId,
      nodeIds: learningListItems.nodeIds,
      articleIds: learningListItems.articleIds,
      materialId: learningListItems.materialId,
      activityId: learningListItems.activityId,
      required: learningListItems.required,
      expectedMinutes: learningListItems.expectedMinutes,
    })
    .from(learningListItems)
    .innerJoin(learningLists, eq(learningLists.id, learningListItems.listId))
    .where(and(eq(learningLists.year, year), eq(learningLists.status, 'published')))
    .orderBy(asc(learningLists.id), asc(learningListItems.seq), asc(learningListItems.id));
  return rows.map((r) => ({ ...r, segment: r.segment as ListSegment, kind: r.kind as ListItemKind }));
}

/** Materialised paths of the units the rules name (a rule naming a deleted unit selects nobody by it). */
export async function rulePaths(db: Db, rules: readonly (AssignmentRule | null)[]): Promise<Map<number, string>> {
  const ids = [...new Set(rules.flatMap((r) => r?.unitIds ?? []))];
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: units.id, path: units.path }).from(units).where(inArray(units.id, ids));
  return new Map(rows.map((r) => [r.id, r.path]));
}

/**
 * Whether a rule selects the subject: no rule or an empty rule = everyone; otherwise every
 * criterion given must hold (unit subtrees OR-ed among themselves), as for exam rosters.
 */
export function ruleSelects(rule: AssignmentRule | null, s: RuleSubject, paths: ReadonlyMap<number, string>): boolean {
  if (!ruleNarrows(rule)) return true;
  const r = rule!;
  if (r.unitIds.length > 0 && !r.unitIds.some((id) => { const p = paths.get(id); return p !== undefined && s.unitPath.startsWith(p); })) return false;
  if (r.ranks.length > 0 && !(s.rank !== null && (r.ranks as readonly string[]).includes(s.rank))) return false;
  if (r.postCategories.length > 0 && !(s.postCategory !== null && r.postCategories.includes(s.postCategory))) return false;
  if (r.principalLeadersOnly && !s.isPrincipalLeader) return false;
  return true;
}

/** The SQL form of ruleSelects over people ⨝ units (for counting "适用人数" without loading people). */
export function ruleCondition(rule: AssignmentRule | null, paths: ReadonlyMap<number, string>): SQL | undefined {
  if (!ruleNarrows(rule)) return undefined;
  const r = rule!;
  const conds: SQL[] = [];
  if (r.unitIds.length > 0) {
    const ps = r.unitIds.map((id) => paths.get(id)).filter((p): p is string => p !== undefined);
    conds.push(ps.length ? or(...ps.map((p) => subtreeCondition(p)))! : sql`false`);
  }
  if (r.ranks.length > 0) conds.push(inArray(people.rank, r.ranks));
  if (r.postCategories.length > 0) conds.push(inArray(people.postCategory, r.postCategories));
  if (r.principalLeadersOnly) conds.push(eq(people.isPrincipalLeader, true));
  return and(...conds);
}

// ---------------------------------------------------------------------------------------------
// Law scopes

interface LawScope {
  lawId: number;
  /** the law's current version (null: none, then total is 0) */
  versionId: number | null;
  /** ids of the current version's articles in scope; null = the whole current version */
  articleIds: number[] | null;
  total: number;
}

const keyOf = (no: number, suffix: number) => `${no}.${suffix}`;

/**
 * Resolves each law item's chosen chapters/articles (which may belong to an older version) to
 * the CURRENT version's articles with the same number: the articles a reader has to read now.
 */
export async function lawScopes(db: Db, items: readonly Pick<LoadedItem, 'id' | 'kind' | 'lawId' | 'nodeIds' | 'articleIds'>[]): Promise<Map<number, LawScope>> {
  const lawItems = items.filter((i) => i.kind === 'law' && i.lawId !== null);
  const out = new Map<number, LawScope>();
  if (lawItems.length === 0) return out;
  const lawIds = [...new Set(lawItems.map((i) => i.lawId!))];
  const lawRows = await db.select({ id: laws.id, currentVersionId: laws.currentVersionId }).from(laws).where(inArray(laws.id, lawIds));
  const current = new Map(lawRows.map((l) => [l.id, l.currentVersionId]));
  const versionIds = [...new Set(lawRows.map((l) => l.currentVersionId).filter((v): v is number => v !== null))];
  const currentArticles = versionIds.length
    ? await db
        .select({ id: lawArticles.id, versionId: lawArticles.versionId, no: lawArticles.no, suffix: lawArticles.suffix })
        .from(lawArticles)
        .where(inArray(lawArticles.versionId, versionIds))
    : [];
  const byVersion = new Map<number, { id: number; key: string }[]>();
  for (const a of currentArticles) {
    const list = byVersion.get(a.versionId) ?? [];
    list.push({ id: a.id, key: keyOf(a.no, a.suffix) });
    byVersion.set(a.versionId, list);
  }

  // chosen nodes and articles, from whatever version they were chosen in
  const nodeIds = [...new Set(lawItems.flatMap((i) => i.nodeIds ?? []))];
  const articleIds = [...new Set(lawItems.flatMap((i) => i.articleIds ?? []))];
  const chosenNodes = nodeIds.length ? await db.select({ id: lawNodes.id, versionId: lawNodes.versionId }).from(lawNodes).where(inArray(lawNodes.id, nodeIds)) : [];
  // A chapter chosen in an older version stands for the same chapter (same 编/章/节 labels) of
  // the current version, so articles added to it by an amendment are in scope too.
  const nodeVersions = [...new Set([...chosenNodes.map((n) => n.versionId), ...versionIds])];
  const allNodes = nodeVersions.length
    ? await db
        .select({ id: lawNodes.id, versionId: lawNodes.versionId, parentId: lawNodes.parentId, label: lawNodes.label, first: lawNodes.firstArticle, last: lawNodes.lastArticle })
        .from(lawNodes)
        .where(inArray(lawNodes.versionId, nodeVersions))
    : [];
  const anyNode = new Map(allNodes.map((n) => [n.id, n]));
  const labelPath = (id: number): string => {
    const parts: string[] = [];
    for (let n = anyNode.get(id); n; n = n.parentId === null ? undefined : anyNode.get(n.parentId)) parts.unshift(n.label);
    return parts.join('/');
  };
  const currentByPath = new Map<string, (typeof allNodes)[number]>();
  const currentVersions = new Set(versionIds);
  for (const n of allNodes) if (currentVersions.has(n.versionId)) currentByPath.set(`${n.versionId}:${labelPath(n.id)}`, n);
  const nodeById = new Map<number, { id: number; versionId: number; first: number | null; last: number | null }>();
  for (const c of chosenNodes) {
    const own = anyNode.get(c.id)!;
    let use = own;
    if (!currentVersions.has(own.versionId)) {
      // find the law of this old version among the items, then its current version's node with the same labels
      const item = lawItems.find((i) => i.nodeIds?.includes(c.id));
      const cur = item ? current.get(item.lawId!) : null;
      const match = cur ? currentByPath.get(`${cur}:${labelPath(c.id)}`) : undefined;
      if (match) use = match;
    }
    nodeById.set(c.id, use);
  }
  const nodes = [...new Map([...nodeById.values()].map((n) => [n.id, n])).values()];
  const spanConds = nodes
    .filter((n) => n.first !== null && n.last !== null)
    .map((n) => and(eq(lawArticles.versionId, n.versionId), sql`${lawArticles.ordinal} between ${n.first} and ${n.last}`)!);
  const spanArticles = spanConds.length
    ? await db.select({ versionId: lawArticles.versionId, ordinal: lawArticles.ordinal, no: lawArticles.no, suffix: lawArticles.suffix }).from(lawArticles).where(or(...spanConds))
    : [];
  const chosenArticles = articleIds.length
    ? await db.select({ id: lawArticles.id, no: lawArticles.no, suffix: lawArticles.suffix }).from(lawArticles).where(inArray(lawArticles.id, articleIds))
    : [];
  const articleKey = new Map(chosenArticles.map((a) => [a.id, keyOf(a.no, a.suffix)]));

  for (const item of lawItems) {
    const versionId = current.get(item.lawId!) ?? null;
    const all = versionId === null ? [] : (byVersion.get(versionId) ?? []);
    let keys: Set<string> | null = null;
    if (item.articleIds && item.articleIds.length > 0) {
      keys = new Set(item.articleIds.map((id) => articleKey.get(id)).filter((k): k is string => k !== undefined));
    } else if (item.nodeIds && item.nodeIds.length > 0) {
      keys = new Set();
      for (const id of item.nodeIds) {
        const n = nodeById.get(id);
        if (!n || n.first === null || n.last === null) continue;
        for (const a of spanArticles) if (a.versionId === n.versionId && a.ordinal >= n.first && a.ordinal <= n.last) keys.add(keyOf(a.no, a.suffix));
      }
    }
    if (keys === null) out.set(item.id, { lawId: item.lawId!, versionId, articleIds: null, total: all.length });
    else {
      const ids = all.filter((a) => keys.has(a.key)).map((a) => a.id);
      out.set(item.id, { lawId: item.lawId!, versionId, articleIds: ids, total: ids.length });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Evidence: what the people did, fetched per table for a set of people

interface Evidence {
  /** itemId → personId → articles read in scope */
  lawRead: Map<number, Map<number, number>>;
  /** `${personId}:${materialId}` → seconds */
  materialSeconds: Map<string, number>;
  /** `${personId}:${activityId}` */
  attended: Set<string>;
  /** activityId → speaker person id */
  speakers: Map<number, number>;
}

/**
 * Whose evidence to read: an id-subquery or a list (each sent as one IN (…) per query), or
 * 'everyone' when the caller evaluates every person there is and ignores evidence of people it
 * does not evaluate (no filter: cheaper than testing every read against the people).
 */
type PersonSet = SQL | number[] | 'everyone';
const inPeople = (col: Parameters<typeof inArray>[0], set: PersonSet) => (set === 'everyone' ? undefined : Array.isArray(set) ? inArray(col, set) : sql`${col} in (${set})`);

/** Another reference to article_reads, for "has this person also read that article". */
const sameReader = alias(articleReads, 'same_reader');

/**
 * Per person, how many articles of a law scope (current version) they have read, a read of an
 * older version counting for the current article with the same number and 之N suffix — as
 * `count(distinct current article)` over reads joined by (law, number, suffix), but in two
 * cheaper parts:
 *  1. reads of the current version's articles themselves (a read row holds its article's law,
 *     number and suffix), counted directly: no join, and the primary key (person, article) makes
 *     each row a distinct article;
 *  2. only when the law has an older version: reads of other versions' articles, mapped to the
 *     current article by number and suffix, leaving out articles the person also read in the
 *     current version (counted in 1) and counting two older versions' reads of one article once.
 * The caller adds the two counts up.
 */
async function lawReadCounts(db: Db, scope: LawScope, versionId: number, hasOlder: boolean, set: PersonSet): Promise<{ personId: number; n: number }[]> {
  const currentIds = db.select({ id: lawArticles.id }).from(lawArticles).where(eq(lawArticles.versionId, versionId));
  const direct = await db
    .select({ personId: articleReads.personId, n: sql<number>`count(*)::int` })
    .from(articleReads)
    .where(and(eq(articleReads.lawId, scope.lawId), inPeople(articleReads.personId, set), inArray(articleReads.articleId, scope.articleIds ?? currentIds)))
    .groupBy(articleReads.personId);
  if (!hasOlder) return direct;
  const carried = await db
    .select({ personId: articleReads.personId, n: sql<number>`count(distinct ${lawArticles.id})::int` })
    .from(articleReads)
    .innerJoin(lawArticles, and(eq(lawArticles.versionId, versionId), eq(lawArticles.no, articleReads.articleNo), eq(lawArticles.suffix, articleReads.suffix)))
    .where(
      and(
        eq(articleReads.lawId, scope.lawId),
        inPeople(articleReads.personId, set),
        notInArray(articleReads.articleId, currentIds),
        scope.articleIds === null ? undefined : inArray(lawArticles.id, scope.articleIds),
        notExists(
          db
            .select({ one: sql`1` })
            .from(sameReader)
            .where(and(eq(sameReader.personId, articleReads.personId), eq(sameReader.articleId, lawArticles.id), eq(sameReader.lawId, scope.lawId))),
        ),
      ),
    )
    .groupBy(articleReads.personId);
  return [...direct, ...carried];
}

async function gatherEvidence(db: Db, items: readonly LoadedItem[], scopes: ReadonlyMap<number, LawScope>, set: PersonSet): Promise<Evidence> {
  const ev: Evidence = { lawRead: new Map(), materialSeconds: new Map(), attended: new Set(), speakers: new Map() };
  if (Array.isArray(set) && set.length === 0) return ev;

  // Law items sharing a scope (the same law, whole or the same articles) are counted once.
  const byScope = new Map<string, { scope: LawScope; itemIds: number[] }>();
  for (const item of items) {
    const scope = scopes.get(item.id);
    if (!scope) continue;
    const key = `${scope.lawId}:${scope.articleIds === null ? '*' : scope.articleIds.join(',')}`;
    const entry = byScope.get(key) ?? { scope, itemIds: [] };
    entry.itemIds.push(item.id);
    byScope.set(key, entry);
  }
  // Laws with an older version: only their reads can be of an article outside the current version.
  const scopeLaws = [...new Set([...byScope.values()].filter((e) => e.scope.total > 0).map((e) => e.scope.lawId))];
  const olderVersions = scopeLaws.length
    ? await db
        .selectDistinct({ lawId: lawVersions.lawId })
        .from(lawVersions)
        .innerJoin(laws, eq(laws.id, lawVersions.lawId))
        .where(and(inArray(lawVersions.lawId, scopeLaws), sql`${lawVersions.id} is distinct from ${laws.currentVersionId}`))
    : [];
  const hasOlder = new Set(olderVersions.map((r) => r.lawId));
  for (const { scope, itemIds } of byScope.values()) {
    const m = new Map<number, number>();
    if (scope.total > 0 && scope.versionId !== null) {
      for (const c of await lawReadCounts(db, scope, scope.versionId, hasOlder.has(scope.lawId), set)) m.set(c.personId, (m.get(c.personId) ?? 0) + Number(c.n));
    }
    for (const id of itemIds) ev.lawRead.set(id, m);
  }

  const materialIds = [...new Set(items.filter((i) => i.kind === 'material' && i.materialId !== null).map((i) => i.materialId!))];
  if (materialIds.length) {
    const rows = await db
      .select({ personId: materialReads.personId, materialId: materialReads.materialId, seconds: materialReads.seconds })
      .from(materialReads)
      .where(and(inArray(materialReads.materialId, materialIds), inPeople(materialReads.personId, set)));
    for (const r of rows) ev.materialSeconds.set(`${r.personId}:${r.materialId}`, r.seconds);
  }

  const activityIds = [...new Set(items.filter((i) => i.kind === 'course' && i.activityId !== null).map((i) => i.activityId!))];
  if (activityIds.length) {
    const rows = await db
      .select({ personId: activityAttendance.personId, activityId: activityAttendance.activityId })
      .from(activityAttendance)
      .where(and(inArray(activityAttendance.activityId, activityIds), inPeople(activityAttendance.personId, set)));
    for (const r of rows) ev.attended.add(`${r.personId}:${r.activityId}`);
    const sp = await db.select({ id: activities.id, speaker: activities.speakerPersonId }).from(activities).where(inArray(activities.id, activityIds));
    for (const s of sp) if (s.speaker !== null) ev.speakers.set(s.id, s.speaker);
  }
  return ev;
}

// ---------------------------------------------------------------------------------------------
// One item, one person

export function itemLink(item: Pick<LoadedItem, 'kind' | 'lawId' | 'materialId' | 'expectedMinutes'>): string | null {
  if (item.kind === 'law' && item.lawId !== null) return `/laws/${item.lawId}`;
  if (item.kind === 'material' && item.materialId !== null) return `/my/learning/materials/${item.materialId}${item.expectedMinutes > 0 ? `?expected=${item.expectedMinutes}` : ''}`;
  return null;
}

/** Rounded down so that only a finished item shows 100. */
const pct = (done: number, of: number) => (of <= 0 ? 0 : Math.min(100, Math.floor((done / of) * 100)));

function itemProgress(item: LoadedItem, personId: number, scopes: ReadonlyMap<number, LawScope>, ev: Evidence): PersonListProgressItem {
  let done = false;
  let percent = 0;
  let detail = '';
  if (item.kind === 'law') {
    const scope = scopes.get(item.id);
    const total = scope?.total ?? 0;
    const read = Math.min(total, ev.lawRead.get(item.id)?.get(personId) ?? 0);
    done = total > 0 && read >= total;
    percent = done ? 100 : pct(read, total);
    detail = total > 0 ? `已读 ${read}/${total} 条` : '法规暂无条文';
  } else if (item.kind === 'material') {
    const needed = Math.max(60, item.expectedMinutes * 60);
    const seconds = item.materialId === null ? 0 : (ev.materialSeconds.get(`${personId}:${item.materialId}`) ?? 0);
    done = seconds >= needed;
    percent = done ? 100 : pct(seconds, needed);
    detail = `已学 ${Math.floor(seconds / 60)}/${Math.round(needed / 60)} 分钟`;
  } else {
    const a = item.activityId;
    const spoke = a !== null && ev.speakers.get(a) === personId;
    done = a !== null && (spoke || ev.attended.has(`${personId}:${a}`));
    percent = done ? 100 : 0;
    detail = spoke ? '已参加（主讲）' : done ? '已参加' : '未参加';
  }
  return {
    itemId: item.id,
    listId: item.listId,
    listName: item.listName,
    segment: item.segment,
    kind: item.kind,
    title: item.title,
    required: item.required,
    expectedMinutes: item.expectedMinutes,
    done,
    percent,
    detail,
    link: itemLink(item),
  };
}

export function summarise(year: number, items: PersonListProgressItem[]): PersonListProgress {
  const required = items.filter((i) => i.required);
  const optional = items.filter((i) => !i.required);
  return {
    year,
    items,
    requiredTotal: required.length,
    requiredDone: required.filter((i) => i.done).length,
    optionalTotal: optional.length,
    optionalDone: optional.filter((i) => i.done).length,
    percent: required.length ? Math.floor(required.reduce((s, i) => s + i.percent, 0) / required.length) : 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Public API

/** The published items that apply to a person now (their current unit and post). */
export async function listsForPerson(db: Db, personId: number, year: number): Promise<LoadedItem[]> {
  const [p] = await db
    .select({ unitPath: units.path, rank: people.rank, postCategory: people.postCategory, isPrincipalLeader: people.isPrincipalLeader })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(people.id, personId));
  if (!p) throw notFound('人员');
  const items = await publishedItems(db, year);
  const paths = await rulePaths(db, items.map((i) => i.rule));
  return items.filter((i) => ruleSelects(i.rule, p, paths));
}

/** One person's 学法清单 for a year with progress on every item. */
export async function personListProgress(db: Db, personId: number, year: number): Promise<PersonListProgress> {
  const items = await listsForPerson(db, personId, year);
  const scopes = await lawScopes(db, items);
  const ev = await gatherEvidence(db, items, scopes, [personId]);
  return summarise(
    year,
    items.map((i) => itemProgress(i, personId, scopes, ev)),
  );
}

/**
 * The 学法清单 progress of a set of people (e.g. one page of a table), as personListProgress gives
 * it for each of them, with one query per table (per law scope) for all of them together — only
 * their own reads, never the whole district's. Unknown ids are left out of the map.
 */
export async function peopleListProgress(db: Db, personIds: readonly number[], year: number): Promise<Map<number, PersonListProgress>> {
  const out = new Map<number, PersonListProgress>();
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return out;
  const subjects = await db
    .select({ personId: people.id, unitPath: units.path, rank: people.rank, postCategory: people.postCategory, isPrincipalLeader: people.isPrincipalLeader })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(inArray(people.id, ids));
  const all = await publishedItems(db, year);
  const paths = await rulePaths(db, all.map((i) => i.rule));
  const mine = new Map(subjects.map((p) => [p.personId, all.filter((i) => ruleSelects(i.rule, p, paths))]));
  // only the items that apply to someone here are looked up
  const used = new Set([...mine.values()].flatMap((items) => items.map((i) => i.id)));
  const items = all.filter((i) => used.has(i.id));
  const scopes = await lawScopes(db, items);
  const ev = await gatherEvidence(db, items, scopes, subjects.map((p) => p.personId));
  for (const [personId, own] of mine) out.set(personId, summarise(year, own.map((i) => itemProgress(i, personId, scopes, ev))));
  return out;
}

interface ScopedPerson extends RuleSubject {
  personId: number;
  name: string;
  employeeNo: string | null;
  unitId: number;
  unitName: string;
}

type Totals = UnitCompletion['total'];
const emptyTotals = (): Totals => ({ people: 0, assigned: 0, requiredItems: 0, requiredDone: 0, donePercent: 0, avgPercent: 0, complete: 0, notStarted: 0 });

function addPerson(t: Totals & { percentSum?: number }, p: PersonCompletionRow, startedAny: boolean) {
  t.people++;
  if (p.requiredTotal === 0) return;
  t.assigned++;
  t.requiredItems += p.requiredTotal;
  t.requiredDone += p.requiredDone;
  t.percentSum = (t.percentSum ?? 0) + p.percent;
  if (p.requiredDone === p.requiredTotal) t.complete++;
  if (!startedAny) t.notStarted++;
}

function finish<T extends Totals & { percentSum?: number }>(t: T): T {
  t.donePercent = pct(t.requiredDone, t.requiredItems);
  t.avgPercent = t.assigned ? Math.floor((t.percentSum ?? 0) / t.assigned) : 0;
  delete t.percentSum;
  return t;
}

/**
 * Completion by unit for a year: rows for the children of `unitId` (each counting its whole
 * subtree) plus a 本级 row for people directly in it — or, without a unit, one row per top unit
 * of the principal's scope — and, when a unit is chosen, every 在职 person of its subtree.
 * Out-of-scope units answer 404.
 */
export async function unitListCompletion(db: Db, principal: Principal, q: { year: number; unitId?: number; includePeople?: boolean }): Promise<UnitCompletion> {
  const includePeople = q.includePeople ?? q.unitId !== undefined;
  const scope = unitScope(principal);
  let selected: { id: number; name: string; path: string; parentId: number | null } | null = null;
  if (q.unitId !== undefined) {
    const [u] = await db
      .select({ id: units.id, name: units.name, path: units.path, parentId: units.parentId })
      .from(units)
      .where(and(eq(units.id, q.unitId), scope));
    if (!u) throw notFound('单位');
    selected = u;
  }
  const subtree = selected ? subtreeCondition(selected.path) : scope;
  const personCond = and(eq(people.status, '在职'), subtree);

  const scoped: ScopedPerson[] = await db
    .select({
      personId: people.id,
      name: people.name,
      employeeNo: people.employeeNo,
      unitId: people.unitId,
      unitName: units.name,
      unitPath: units.path,
      rank: people.rank,
      postCategory: people.postCategory,
      isPrincipalLeader: people.isPrincipalLeader,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(personCond)
    .orderBy(asc(units.path), asc(people.name), asc(people.id));

  const items = await publishedItems(db, q.year);
  const paths = await rulePaths(db, items.map((i) => i.rule));
  const scopes = await lawScopes(db, items);
  // the whole district (nothing outside the scope to leave out): read everyone's evidence, unfiltered
  const everyone = !selected && scope === undefined;
  const idSubquery = db.select({ id: people.id }).from(people).innerJoin(units, eq(units.id, people.unitId)).where(personCond).getSQL();
  const ev = await gatherEvidence(db, items, scopes, everyone ? 'everyone' : idSubquery);

  // rows: children of the selected unit (or the scope's top units)
  const unitRows = await db
    .select({ id: units.id, name: units.name, path: units.path, parentId: units.parentId, depth: units.depth })
    .from(units)
    .where(subtree)
    .orderBy(asc(units.sortOrder), asc(units.name));
  let rowUnits: typeof unitRows;
  if (selected) rowUnits = unitRows.filter((u) => u.parentId === selected.id);
  else {
    // top of the visible forest: units whose parent is not visible
    const visible = new Set(unitRows.map((u) => u.id));
    rowUnits = unitRows.filter((u) => u.parentId === null || !visible.has(u.parentId));
  }
  const hasChildren = new Set(unitRows.map((u) => u.parentId).filter((x): x is number => x !== null));
  const names = new Map(unitRows.map((u) => [u.id, u.name]));
  const pathNames = (path: string) =>
    path
      .split('/')
      .filter(Boolean)
      .map((id) => names.get(Number(id)))
      .filter((n): n is string => n !== undefined)
      .join('/');

  const rows = rowUnits.map((u) => ({ row: { unitId: u.id, name: u.name, pathNames: pathNames(u.path), own: false, hasChildren: hasChildren.has(u.id), ...emptyTotals() } as UnitCompletionRow & { percentSum?: number }, path: u.path }));
  const ownRow = selected ? ({ unitId: selected.id, name: `${selected.name}（本级）`, pathNames: pathNames(selected.path), own: true, hasChildren: false, ...emptyTotals() } as UnitCompletionRow & { percentSum?: number }) : null;
  const total: Totals & { percentSum?: number } = emptyTotals();

  const peopleRows: PersonCompletionRow[] = [];
  for (const p of scoped) {
    const mine = items.filter((i) => ruleSelects(i.rule, p, paths));
    const progress = summarise(q.year, mine.map((i) => itemProgress(i, p.personId, scopes, ev)));
    const startedAny = progress.items.some((i) => i.required && i.percent > 0);
    const row: PersonCompletionRow = {
      personId: p.personId,
      name: p.name,
      employeeNo: p.employeeNo,
      unitId: p.unitId,
      unitName: p.unitName,
      unitPathNames: pathNames(p.unitPath),
      postCategory: p.postCategory,
      requiredTotal: progress.requiredTotal,
      requiredDone: progress.requiredDone,
      optionalTotal: progress.optionalTotal,
      optionalDone: progress.optionalDone,
      percent: progress.percent,
    };
    addPerson(total, row, startedAny);
    if (ownRow && p.unitId === selected!.id) addPerson(ownRow, row, startedAny);
    else {
      const r = rows.find((x) => p.unitPath.startsWith(x.path));
      if (r) addPerson(r.row, row, startedAny);
    }
    if (includePeople) peopleRows.push(row);
  }
  const outRows = rows.map((r) => finish(r.row));
  if (ownRow && ownRow.people > 0) outRows.unshift(finish(ownRow));
  let unit: UnitCompletion['unit'] = null;
  if (selected) {
    // the parent is offered for going up only when the principal may see it
    const [parent] = selected.parentId === null ? [] : await db.select({ id: units.id }).from(units).where(and(eq(units.id, selected.parentId), scope));
    const full = (await unitPathNames(db, [selected.path])).get(selected.path) ?? [selected.name];
    unit = { id: selected.id, name: selected.name, pathNames: full.join('/'), parentId: parent?.id ?? null };
  }
  return {
    year: q.year,
    unit,
    total: finish(total),
    units: outRows,
    people: peopleRows,
  };
}

/** The completion table as a workbook: 按单位 and 人员 sheets. */
export async function completionWorkbook(c: UnitCompletion): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xjkp';
  const units = wb.addWorksheet('按单位');
  units.columns = [
    { header: '单位', key: 'pathNames', width: 36 },
    { header: '在职人数', key: 'people', width: 10 },
    { header: '有必学任务人数', key: 'assigned', width: 14 },
    { header: '必学条目完成率(%)', key: 'donePercent', width: 16 },
    { header: '平均完成度(%)', key: 'avgPercent', width: 14 },
    { header: '全部完成人数', key: 'complete', width: 12 },
    { header: '未开始人数', key: 'notStarted', width: 12 },
  ];
  for (const r of c.units) units.addRow({ ...r, pathNames: r.own ? `${r.pathNames}（本级）` : r.pathNames });
  units.addRow({ pathNames: '合计', ...c.total });
  units.getRow(1).font = { bold: true };
  units.getRow(units.rowCount).font = { bold: true };
  units.views = [{ state: 'frozen', ySplit: 1 }];
  const ppl = wb.addWorksheet('人员');
  ppl.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '工号', key: 'employeeNo', width: 14 },
    { header: '单位', key: 'unitPathNames', width: 36 },
    { header: '岗位类别', key: 'postCategory', width: 12 },
    { header: '必学已完成', key: 'requiredDone', width: 10 },
    { header: '必学总数', key: 'requiredTotal', width: 10 },
    { header: '选学已完成', key: 'optionalDone', width: 10 },
    { header: '选学总数', key: 'optionalTotal', width: 10 },
    { header: '完成度(%)', key: 'percent', width: 10 },
  ];
  for (const p of c.people) ppl.addRow(p);
  ppl.getRow(1).font = { bold: true };
  ppl.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
