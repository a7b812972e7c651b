/**
 * 练习: 每日一练, practice by law/chapter or at random, answering with immediate feedback, the
 * 错题本 and practice statistics. Practice reads the question bank (active questions' current
 * versions) and, to refuse practice during an exam, exam_attempts; it writes practice_daily,
 * practice_answers and wrong_book only — never an exam table.
 *
 * The pool: active questions of an objective type (单选、多选、判断、填空), in the year setting's
 * practiceCategoryIds (each with its sub-categories; empty = every category). Only the current
 * version of a pooled question may be answered, so practice cannot be used to fetch the key of
 * an arbitrary version id.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { QUESTION_TYPE_ZH, type ObjectiveType, type QuestionContent, type QuestionResponse } from '../../../common/bank';
import type { FieldIssue } from '../../../common/errors';
import { SAVE_GRACE_SECONDS } from '../../../common/exam';
import { beijingDay, type LearningYearSettings } from '../../../common/learning';
import {
  currentDayStreak,
  PRACTICE_TYPES,
  practiceKeyOf,
  STATS_TOP_LAWS,
  type DailyPracticeView,
  type PracticeAnswerRequest,
  type PracticeFeedback,
  type PracticeLawStat,
  type PracticeQuestion,
  type PracticeResponse,
  type PracticeSetRequest,
  type PracticeSetView,
  type PracticeStats,
  type WrongBookItem,
  type WrongBookStatus,
  type WrongBookView,
} from '../../../common/practice';
import type { Db } from '../../db/client';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors';
import type { Principal } from '../../platform/principal';
import { gradeObjective } from '../bank/answers';
import { toPublicQuestion } from '../bank/public';
import { questionCategories, questions, questionVersions } from '../bank/schema';
import { examAttempts } from '../exam/schema';
import { lawNodes, laws, lawVersions } from '../laws/schema';
import { getLearningSettings } from './settings';
import { practiceAnswers, practiceDaily, wrongBook } from './schema';

const DAY_MS = 86_400_000;

/** The person practising: only accounts with a person record practise. */
export function practitionerOf(p: Principal): number {
  if (p.personId === null) throw forbidden('只有登记了人员信息的账号才能练习');
  return p.personId;
}

export const beijingYear = (now: Date) => Number(beijingDay(now).slice(0, 4));

/** [start, end) of a Beijing calendar day as instants. */
export function beijingDayRange(day: string): [Date, Date] {
  const start = new Date(Date.parse(`${day}T00:00:00Z`) - 8 * 3600_000);
  return [start, new Date(start.getTime() + DAY_MS)];
}

/** [start, end) of a Beijing calendar year as instants. */
function beijingYearRange(year: number): [Date, Date] {
  return [new Date(Date.UTC(year, 0, 1) - 8 * 3600_000), new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000)];
}

/** The Beijing calendar day of a timestamptz column, in SQL (independent of the session's time zone). */
const beijingDateOf = (col: SQL | typeof practiceAnswers.answeredAt) => sql<string>`to_char((${col} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

const idList = (ids: readonly number[]) => sql.join(ids.map((i) => sql`${i}`), sql`, `);

/** Questions (the `questions` table, unaliased) that practice may draw in this year's settings. */
function poolCondition(settings: LearningYearSettings): SQL {
  const parts: SQL[] = [eq(questions.status, 'active'), inArray(questions.type, [...PRACTICE_TYPES]), isNotNull(questions.currentVersionId)];
  if (settings.practiceCategoryIds.length > 0) {
    parts.push(sql`exists (select 1 from ${questionCategories} pc join ${questionCategories} pr on pc.path like pr.path || '%'
      where pc.id = ${questions.categoryId} and pr.id in (${idList(settings.practiceCategoryIds)}))`);
  }
  return and(...parts)!;
}

/**
 * 409 while the person has an exam attempt running: no looking answers up mid-exam. "Running" lasts
 * as long as the attempt still accepts answers, i.e. up to deadline + SAVE_GRACE_SECONDS.
 */
export async function assertNoExamRunning(db: Db, personId: number, now: Date): Promise<void> {
  const [row] = await db
    .select({ id: examAttempts.id })
    .from(examAttempts)
    .where(and(eq(examAttempts.personId, personId), eq(examAttempts.status, 'in_progress'), gte(examAttempts.deadlineAt, new Date(now.getTime() - SAVE_GRACE_SECONDS * 1000))))
    .limit(1);
  if (row) throw new AppError('PRACTICE_BLOCKED');
}

function toPracticeQuestion(questionId: number, versionId: number, content: QuestionContent): PracticeQuestion {
  const pub = toPublicQuestion({ id: versionId, content });
  const q: PracticeQuestion = { questionId, versionId, type: pub.type as ObjectiveType, stem: pub.stem };
  if (pub.options) q.options = pub.options;
  if (pub.blankCount !== undefined) q.blankCount = pub.blankCount;
  return q;
}

async function contentsOf(db: Db, versionIds: number[]): Promise<Map<number, { questionId: number; content: QuestionContent }>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db
    .select({ id: questionVersions.id, questionId: questionVersions.questionId, content: questionVersions.content })
    .from(questionVersions)
    .where(inArray(questionVersions.id, [...new Set(versionIds)]));
  return new Map(rows.map((r) => [r.id, { questionId: r.questionId, content: r.content }]));
}

/** Pooled questions among these ids → their current version and content. */
async function pooledCurrent(db: Db, settings: LearningYearSettings, questionIds: number[]) {
  if (questionIds.length === 0) return new Map<number, { versionId: number; content: QuestionContent }>();
  const rows = await db
    .select({ questionId: questions.id, versionId: questionVersions.id, content: questionVersions.content })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(and(inArray(questions.id, [...new Set(questionIds)]), poolCondition(settings)));
  return new Map(rows.map((r) => [r.questionId, { versionId: r.versionId, content: r.content }]));
}

function feedbackOf(
  content: QuestionContent,
  response: PracticeResponse,
  grade: { correct: boolean; blanks?: boolean[] },
  book: { wrongCount: number; correctStreak: number; masteredAt: Date | null } | undefined,
): PracticeFeedback {
  const f: PracticeFeedback = {
    correct: grade.correct,
    response,
    key: practiceKeyOf(content),
    explanationHtml: content.explanationHtml ?? '',
    legalBasis: (content.legalBasis ?? []).map((b) => ({ lawTitle: b.lawTitle, articleLabel: b.articleLabel, articleId: b.articleId ?? null })),
    wrongBook: book ? { wrongCount: book.wrongCount, correctStreak: book.correctStreak, mastered: book.masteredAt !== null } : null,
  };
  if (grade.blanks) f.blanks = grade.blanks;
  return f;
}

// ---------------------------------------------------------------------------------------------
// 每日一练

/**
 * Draws a day's set: questions not answered in the last `practiceAvoidDays` days first (random
 * among them), then — when those run out — the least recently answered ones.
 */
async function drawDaily(db: Db, personId: number, settings: LearningYearSettings, now: Date): Promise<number[]> {
  const cutoff = new Date(now.getTime() - settings.practiceAvoidDays * DAY_MS).toISOString();
  const lastSeen = db
    .select({ questionId: practiceAnswers.questionId, last: sql<string>`max(${practiceAnswers.answeredAt})`.as('last') })
    .from(practiceAnswers)
    .where(eq(practiceAnswers.personId, personId))
    .groupBy(practiceAnswers.questionId)
    .as('last_seen');
  const fresh = sql`(${lastSeen.last} is null or ${lastSeen.last} < ${cutoff}::timestamptz)`;
  const rows = await db
    .select({ versionId: questions.currentVersionId })
    .from(questions)
    .leftJoin(lastSeen, eq(lastSeen.questionId, questions.id))
    .where(poolCondition(settings))
    .orderBy(sql`case when ${fresh} then 0 else 1 end`, sql`case when ${fresh} then random() else 0 end`, sql`${lastSeen.last} asc nulls first`)
    .limit(settings.dailyPracticeCount);
  return rows.map((r) => r.versionId!);
}

/** Today's stored set (or null), as question ids in the set's order. */
async function todaysSet(db: Db, personId: number, day: string): Promise<number[] | null> {
  const [row] = await db.select({ versionIds: practiceDaily.versionIds }).from(practiceDaily).where(and(eq(practiceDaily.personId, personId), eq(practiceDaily.day, day)));
  return row ? row.versionIds : null;
}

/** GET /api/practice/daily: today's set, drawn once per Beijing day (a reload shows the same questions). */
export async function dailyPractice(db: Db, personId: number, now = new Date()): Promise<DailyPracticeView> {
  await assertNoExamRunning(db, personId, now);
  const day = beijingDay(now);
  const settings = await getLearningSettings(db, beijingYear(now));
  let versionIds = await todaysSet(db, personId, day);
  if (!versionIds) {
    const drawn = await drawDaily(db, personId, settings, now);
    if (drawn.length === 0) return { day, items: [], answeredCount: 0, total: 0 };
    // two first requests at once: one insert wins, both read the winner's set
    await db.insert(practiceDaily).values({ personId, day, versionIds: drawn }).onConflictDoNothing();
    versionIds = (await todaysSet(db, personId, day))!;
  }

  // the stored versions → their questions as they stand now (retired ones drop out of the day)
  const stored = await contentsOf(db, versionIds);
  const questionIds = versionIds.map((v) => stored.get(v)?.questionId).filter((q): q is number => q !== undefined);
  const current = await pooledCurrent(db, settings, questionIds);
  const shown = [...new Set(questionIds)].filter((q) => current.has(q));

  const [start, end] = beijingDayRange(day);
  const answers = shown.length
    ? await db
        .select({ questionId: practiceAnswers.questionId, versionId: practiceAnswers.versionId, response: practiceAnswers.response, correct: practiceAnswers.correct })
        .from(practiceAnswers)
        .where(
          and(
            eq(practiceAnswers.personId, personId),
            eq(practiceAnswers.mode, 'daily'),
            inArray(practiceAnswers.questionId, shown),
            gte(practiceAnswers.answeredAt, start),
            lt(practiceAnswers.answeredAt, end),
          ),
        )
        .orderBy(desc(practiceAnswers.answeredAt), desc(practiceAnswers.id))
    : [];
  const latest = new Map<number, (typeof answers)[number]>();
  for (const a of answers) if (!latest.has(a.questionId)) latest.set(a.questionId, a);
  const answeredContents = await contentsOf(db, [...latest.values()].map((a) => a.versionId));
  const books = await bookEntries(db, personId, [...latest.keys()]);

  const items = shown.map((qid) => {
    const cur = current.get(qid)!;
    const a = latest.get(qid);
    let answered: PracticeFeedback | null = null;
    if (a) {
      const content = answeredContents.get(a.versionId)!.content;
      const response = a.response as PracticeResponse;
      answered = feedbackOf(content, response, gradeObjective(content, response as QuestionResponse), books.get(qid));
    }
    return { ...toPracticeQuestion(qid, cur.versionId, cur.content), answered };
  });
  return { day, items, answeredCount: items.filter((i) => i.answered).length, total: items.length };
}

async function bookEntries(db: Db, personId: number, questionIds: number[]) {
  if (questionIds.length === 0) return new Map<number, typeof wrongBook.$inferSelect>();
  const rows = await db.select().from(wrongBook).where(and(eq(wrongBook.personId, personId), inArray(wrongBook.questionId, questionIds)));
  return new Map(rows.map((r) => [r.questionId, r]));
}

// ---------------------------------------------------------------------------------------------
// 专项练习 (by law / chapter) and random sets

/** Questions whose current version cites an article of the law (of the node's article range when given). */
async function lawScope(db: Db, lawId: number, nodeId: number | null | undefined): Promise<SQL> {
  const [law] = await db.select({ id: laws.id }).from(laws).where(eq(laws.id, lawId));
  if (!law) throw notFound('法规');
  let nodePart = sql``;
  if (nodeId !== null && nodeId !== undefined) {
    const [node] = await db
      .select({ versionId: lawNodes.versionId, first: lawNodes.firstArticle, last: lawNodes.lastArticle })
      .from(lawNodes)
      .innerJoin(lawVersions, eq(lawVersions.id, lawNodes.versionId))
      .where(and(eq(lawNodes.id, nodeId), eq(lawVersions.lawId, lawId)));
    if (!node) throw notFound('章节');
    if (node.first === null || node.last === null) throw new AppError('PRACTICE_EMPTY', '该章节下没有条文，也就没有可练习的题目');
    // match by article number, so questions citing an earlier version of the law still count
    nodePart = sql`and exists (select 1 from law_articles na where na.version_id = ${node.versionId}
      and na.ordinal between ${node.first} and ${node.last} and na.no = a.no and na.suffix = a.suffix)`;
  }
  return sql`exists (select 1 from question_version_articles qva
    join law_articles a on a.id = qva.article_id
    join law_versions lv on lv.id = a.version_id
    where qva.version_id = ${questions.currentVersionId} and lv.law_id = ${lawId} ${nodePart})`;
}

/** POST /api/practice/sets: a fresh random set of `count` questions (not stored). */
export async function practiceSet(db: Db, personId: number, req: PracticeSetRequest, now = new Date()): Promise<PracticeSetView> {
  await assertNoExamRunning(db, personId, now);
  const settings = await getLearningSettings(db, beijingYear(now));
  const scope = req.mode === 'law' ? await lawScope(db, req.lawId!, req.nodeId) : undefined;
  const rows = await db
    .select({ questionId: questions.id, versionId: questionVersions.id, content: questionVersions.content, available: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(scope ? and(poolCondition(settings), scope) : poolCondition(settings))
    .orderBy(sql`random()`)
    .limit(req.count);
  if (rows.length === 0) {
    throw new AppError(
      'PRACTICE_EMPTY',
      req.mode === 'random'
        ? '题库中还没有可练习的题目'
        : req.nodeId
          ? '该章节还没有可练习的题目（题目的法律依据须关联到本章节的条文），请换一个章节或练习整部法规'
          : '该法规还没有可练习的题目（题目的法律依据须关联到本法规的条文），请换一部法规',
    );
  }
  return { mode: req.mode, available: rows[0].available, items: rows.map((r) => toPracticeQuestion(r.questionId, r.versionId, r.content)) };
}

// ---------------------------------------------------------------------------------------------
// Answering

function responseIssues(content: QuestionContent, response: PracticeResponse): FieldIssue[] {
  if (response.type !== content.type) {
    return [{ path: 'response.type', message: `本题是${QUESTION_TYPE_ZH[content.type]}，作答类型不符` }];
  }
  const keys = new Set((content.options ?? []).map((o) => o.key));
  if (response.type === 'single' && !keys.has(response.key)) return [{ path: 'response.key', message: `选项${response.key}不存在` }];
  if (response.type === 'multiple') {
    const bad = response.keys.filter((k) => !keys.has(k));
    if (bad.length) return [{ path: 'response.keys', message: `选项${bad.join('、')}不存在` }];
    if (new Set(response.keys).size !== response.keys.length) return [{ path: 'response.keys', message: '选项不能重复' }];
  }
  if (response.type === 'fill' && content.type === 'fill' && response.blanks.length > content.answer.blanks.length) {
    return [{ path: 'response.blanks', message: `本题只有${content.answer.blanks.length}个空` }];
  }
  return [];
}

/** POST /api/practice/answer: grade, record, update the 错题本, and return the key with 解析 and legal basis. */
export async function answerPractice(db: Db, personId: number, body: PracticeAnswerRequest, now = new Date()): Promise<PracticeFeedback> {
  await assertNoExamRunning(db, personId, now);
  const settings = await getLearningSettings(db, beijingYear(now));
  const [q] = await db
    .select({ questionId: questions.id, content: questionVersions.content })
    .from(questionVersions)
    .innerJoin(questions, eq(questions.id, questionVersions.questionId))
    .where(and(eq(questionVersions.id, body.versionId), eq(questions.currentVersionId, questionVersions.id), poolCondition(settings)));
  if (!q) throw notFound('题目');
  const issues = responseIssues(q.content, body.response);
  if (issues.length) throw invalid(issues);

  if (body.mode === 'daily') {
    const set = await todaysSet(db, personId, beijingDay(now));
    const inSet = set ? [...(await contentsOf(db, set)).values()].some((v) => v.questionId === q.questionId) : false;
    if (!inSet) throw new AppError('BAD_REQUEST', '本题不在今天的每日一练中');
  }

  const grade = gradeObjective(q.content, body.response as QuestionResponse);
  const book = await db.transaction(async (tx) => {
    await tx.insert(practiceAnswers).values({
      personId,
      questionId: q.questionId,
      versionId: body.versionId,
      mode: body.mode,
      response: body.response,
      correct: grade.correct,
      answeredAt: now,
    });
    if (!grade.correct) {
      const [row] = await tx
        .insert(wrongBook)
        .values({ personId, questionId: q.questionId, versionId: body.versionId, wrongCount: 1, correctStreak: 0, lastWrongAt: now, masteredAt: null })
        .onConflictDoUpdate({
          target: [wrongBook.personId, wrongBook.questionId],
          set: { wrongCount: sql`${wrongBook.wrongCount} + 1`, correctStreak: 0, versionId: body.versionId, lastWrongAt: now, masteredAt: null },
        })
        .returning();
      return row;
    }
    const [row] = await tx
      .update(wrongBook)
      .set({
        correctStreak: sql`${wrongBook.correctStreak} + 1`,
        masteredAt: sql`case when ${wrongBook.correctStreak} + 1 >= ${settings.wrongBookMasterStreak} then ${now.toISOString()}::timestamptz else null end`,
      })
      .where(and(eq(wrongBook.personId, personId), eq(wrongBook.questionId, q.questionId), isNull(wrongBook.masteredAt)))
      .returning();
    return row;
  });
  return feedbackOf(q.content, body.response, grade, book);
}

// ---------------------------------------------------------------------------------------------
// 错题本

export async function listWrongBook(db: Db, personId: number, status: WrongBookStatus, page: number, pageSize: number, now = new Date()): Promise<WrongBookView> {
  const settings = await getLearningSettings(db, beijingYear(now));
  const where = and(eq(wrongBook.personId, personId), status === 'open' ? isNull(wrongBook.masteredAt) : isNotNull(wrongBook.masteredAt));
  const rows = await db
    .select()
    .from(wrongBook)
    .where(where)
    .orderBy(status === 'open' ? desc(wrongBook.lastWrongAt) : desc(wrongBook.masteredAt), asc(wrongBook.questionId))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const counts = await db
    .select({ mastered: sql<boolean>`${wrongBook.masteredAt} is not null`, n: count() })
    .from(wrongBook)
    .where(eq(wrongBook.personId, personId))
    .groupBy(sql`${wrongBook.masteredAt} is not null`);
  const open = counts.find((c) => !c.mastered)?.n ?? 0;
  const mastered = counts.find((c) => c.mastered)?.n ?? 0;

  const current = await pooledCurrent(db, settings, rows.map((r) => r.questionId));
  const gone = rows.filter((r) => !current.has(r.questionId));
  const wrongVersions = await contentsOf(db, gone.map((r) => r.versionId));
  const retired = new Set(
    gone.length
      ? (await db.select({ id: questions.id }).from(questions).where(and(inArray(questions.id, gone.map((r) => r.questionId)), eq(questions.status, 'retired')))).map((r) => r.id)
      : [],
  );
  const items: WrongBookItem[] = rows.map((r) => {
    const cur = current.get(r.questionId);
    const question = cur ? toPracticeQuestion(r.questionId, cur.versionId, cur.content) : toPracticeQuestion(r.questionId, r.versionId, wrongVersions.get(r.versionId)!.content);
    return {
      questionId: r.questionId,
      question,
      available: cur !== undefined,
      retired: retired.has(r.questionId),
      wrongCount: r.wrongCount,
      correctStreak: r.correctStreak,
      lastWrongAt: r.lastWrongAt.toISOString(),
      masteredAt: r.masteredAt ? r.masteredAt.toISOString() : null,
    };
  });
  return { items, total: status === 'open' ? open : mastered, open, mastered };
}

export async function removeFromWrongBook(db: Db, personId: number, questionId: number): Promise<{ removed: true }> {
  const gone = await db
    .delete(wrongBook)
    .where(and(eq(wrongBook.personId, personId), eq(wrongBook.questionId, questionId)))
    .returning({ q: wrongBook.questionId });
  if (gone.length === 0) throw notFound('错题');
  return { removed: true };
}

// ---------------------------------------------------------------------------------------------
// Statistics

export async function practiceStats(db: Db, personId: number, year: number, now = new Date()): Promise<PracticeStats> {
  const [from, to] = beijingYearRange(year);
  const inYear = and(eq(practiceAnswers.personId, personId), gte(practiceAnswers.answeredAt, from), lt(practiceAnswers.answeredAt, to));
  const [totals] = await db
    .select({ answered: count(), correct: sql<number>`count(*) filter (where ${practiceAnswers.correct})`.mapWith(Number) })
    .from(practiceAnswers)
    .where(inYear);

  const dayCol = beijingDateOf(practiceAnswers.answeredAt);
  const yearDays = await db.selectDistinct({ day: dayCol }).from(practiceAnswers).where(inYear);
  // the streak runs across a new year, so it reads the recent days whatever the year asked for
  const recent = await db
    .selectDistinct({ day: dayCol })
    .from(practiceAnswers)
    .where(and(eq(practiceAnswers.personId, personId), gte(practiceAnswers.answeredAt, new Date(now.getTime() - 400 * DAY_MS))));
  const currentStreak = currentDayStreak(
    recent.map((d) => d.day),
    beijingDay(now),
  );

  // 每日一练 completed: every question of the day's set answered in daily mode that day
  const sets = await db
    .select({ day: practiceDaily.day, versionIds: practiceDaily.versionIds })
    .from(practiceDaily)
    .where(and(eq(practiceDaily.personId, personId), gte(practiceDaily.day, `${year}-01-01`), lt(practiceDaily.day, `${year + 1}-01-01`)));
  const setContents = await contentsOf(db, sets.flatMap((s) => s.versionIds));
  const dailyDone = await db
    .selectDistinct({ day: dayCol, questionId: practiceAnswers.questionId })
    .from(practiceAnswers)
    .where(and(inYear, eq(practiceAnswers.mode, 'daily')));
  const doneByDay = new Map<string, Set<number>>();
  for (const d of dailyDone) {
    if (!doneByDay.has(d.day)) doneByDay.set(d.day, new Set());
    doneByDay.get(d.day)!.add(d.questionId);
  }
  // a question retired since the set was drawn dropped out of the day's view, so it is excused
  const setQuestionIds = [...new Set([...setContents.values()].map((c) => c.questionId))];
  const activeNow = new Set(
    setQuestionIds.length
      ? (await db.select({ id: questions.id }).from(questions).where(and(inArray(questions.id, setQuestionIds), eq(questions.status, 'active')))).map((r) => r.id)
      : [],
  );
  const dailyCompletedDays = sets.filter((s) => {
    const done = doneByDay.get(s.day);
    if (!done || done.size === 0) return false;
    return s.versionIds.every((v) => {
      const q = setContents.get(v)?.questionId;
      return q === undefined || done.has(q) || !activeNow.has(q);
    });
  }).length;

  const book = await db
    .select({ mastered: sql<boolean>`${wrongBook.masteredAt} is not null`, n: count() })
    .from(wrongBook)
    .where(eq(wrongBook.personId, personId))
    .groupBy(sql`${wrongBook.masteredAt} is not null`);

  const byLawRows = await db.execute(sql`
    select l.id as law_id, l.short_title as title, count(distinct pa.id)::int as answered,
           count(distinct pa.id) filter (where pa.correct)::int as correct
    from practice_answers pa
    join question_version_articles qva on qva.version_id = pa.version_id
    join law_articles a on a.id = qva.article_id
    join law_versions lv on lv.id = a.version_id
    join laws l on l.id = lv.law_id
    where pa.person_id = ${personId} and pa.answered_at >= ${from.toISOString()}::timestamptz and pa.answered_at < ${to.toISOString()}::timestamptz
    group by l.id, l.short_title
    order by answered desc, l.id
    limit ${STATS_TOP_LAWS}`);
  const byLaw: PracticeLawStat[] = ((byLawRows as unknown as { rows: unknown[] }).rows as { law_id: number; title: string; answered: number; correct: number }[]).map((r) => ({
    lawId: Number(r.law_id),
    title: r.title,
    answered: Number(r.answered),
    correct: Number(r.correct),
  }));

  const answered = totals?.answered ?? 0;
  const correct = totals?.correct ?? 0;
  return {
    year,
    answered,
    correct,
    correctRate: answered > 0 ? correct / answered : null,
    daysPractised: yearDays.length,
    currentStreak,
    dailyCompletedDays,
    wrongBookOpen: book.find((b) => !b.mastered)?.n ?? 0,
    wrongBookMastered: book.find((b) => b.mastered)?.n ?? 0,
    byLaw,
  };
}
