/**
 * 练习 through the HTTP API on a fresh database: 每日一练 (stable for the day, avoiding recent
 * questions, one set under concurrent first requests), sets by law/chapter and at random, grading
 * with the key, 解析 and legal basis, the 错题本 lifecycle, retired questions, the refusal while an
 * exam attempt runs, and that practice never writes an exam table.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionContentInput } from '../../src/common/bank';
import { beijingDay } from '../../src/common/learning';
import type { LawArticleDeepLink, LawSummary, LawVersionView } from '../../src/common/laws';
import type { DailyPracticeView, PracticeFeedback, PracticeSetView, PracticeStats, WrongBookView } from '../../src/common/practice';
import { examAttempts } from '../../src/server/modules/exam/schema';
import { learningYearSettings, practiceAnswers, practiceDaily, wrongBook } from '../../src/server/modules/learning/schema';
import { answerPractice, dailyPractice } from '../../src/server/modules/learning/practice';
import { loadShippedLaws } from '../../src/server/modules/laws/load-shipped';
import { adminClient, type Client, createTestApp, type TestApp } from '../helpers/app';
import { createActiveQuestions, createMember, insertPublishedExam, sampleQuestions, type ActiveQuestion, type Member } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let alice: Member;
let bob: Member;
let carol: Member;
let sample: ActiveQuestion[]; // single, multiple, truefalse, fill, essay
let cited: ActiveQuestion[]; // 宪法 第一章 ×2, 宪法 第二章, 民法典
const lawId: Record<string, number> = {};
let chapter1 = 0;
let chapter2 = 0;
let minfadianNode = 0;
const YEAR = Number(beijingDay(new Date()).slice(0, 4));

const setSettings = async (s: Record<string, unknown>) => {
  const settings = { dailyCapMinutes: 120, lectureDutyCount: 1, dailyPracticeCount: 5, practiceAvoidDays: 30, practiceCategoryIds: [], wrongBookMasterStreak: 1, ...s };
  await t.ctx.db
    .insert(learningYearSettings)
    .values({ year: YEAR, settings })
    .onConflictDoUpdate({ target: learningYearSettings.year, set: { settings } });
};

/** the right response for the sample questions (and true for the cited 判断题) */
const rightFor = (type: string) =>
  type === 'truefalse' ? { type: 'truefalse', value: true } : type === 'single' ? { type: 'single', key: 'C' } : type === 'multiple' ? { type: 'multiple', keys: ['A', 'C', 'D'] } : { type: 'fill', blanks: ['30', '民政部门'] };
const answer = (m: Member, versionId: number, response: unknown, mode = 'random') => m.client.post('/api/practice/answer', { versionId, mode, response });
const examRowCounts = async () => {
  const tables = (await t.ctx.db.execute(sql`select table_name from information_schema.tables where table_schema = current_schema() and table_name like 'exam%' order by 1`)) as unknown as {
    rows: { table_name: string }[];
  };
  const out: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const r = (await t.ctx.db.execute(sql.raw(`select count(*)::int as n from "${table_name}"`))) as unknown as { rows: { n: number }[] };
    out[table_name] = Number(r.rows[0].n);
  }
  return out;
};
let examRowsBefore: Record<string, number>;

async function articleId(law: string, no: number): Promise<number> {
  return ((await admin.get(`/api/laws/${lawId[law]}/articles/by-no/${no}`)).json() as LawArticleDeepLink).article.id;
}

function citing(stem: string, law: string, articleLabel: string, artId: number, truth: boolean): QuestionContentInput {
  return { type: 'truefalse', stem, difficulty: 2, answer: { value: truth }, explanationHtml: `<p>解析：${stem}</p>`, legalBasis: [{ lawTitle: law, articleLabel, articleId: artId }] };
}

beforeAll(async () => {
  t = await createTestApp();
  await loadShippedLaws(t.ctx.db);
  admin = await adminClient(t.app);
  for (const l of (await admin.get('/api/laws')).json().laws as LawSummary[]) lawId[l.shortTitle] = l.id;
  const toc = (await admin.get(`/api/laws/${lawId['宪法']}`)).json() as LawVersionView;
  chapter1 = toc.nodes.find((n) => n.label === '第一章')!.id;
  chapter2 = toc.nodes.find((n) => n.label === '第二章')!.id;
  minfadianNode = ((await admin.get(`/api/laws/${lawId['民法典']}`)).json() as LawVersionView).nodes[0].id;

  alice = await createMember(t, admin, '张练习', 'practice-a');
  bob = await createMember(t, admin, '李练习', 'practice-b');
  carol = await createMember(t, admin, '王考生', 'practice-c');
  sample = await createActiveQuestions(admin, sampleQuestions('PRAC'));
  cited = await createActiveQuestions(admin, [
    citing('宪法规定中华人民共和国是社会主义国家。', '中华人民共和国宪法', '第一条', await articleId('宪法', 1), true),
    citing('国家实行依法治国，建设社会主义法治国家。', '中华人民共和国宪法', '第五条', await articleId('宪法', 5), true),
    citing('公民在法律面前一律平等。', '中华人民共和国宪法', '第三十三条', await articleId('宪法', 33), true),
    citing('民事主体从事民事活动，应当遵循诚信原则。', '中华人民共和国民法典', '第七条', await articleId('民法典', 7), false),
  ]);
  examRowsBefore = await examRowCounts();
});
afterAll(() => t?.close());

const objectiveIds = () => [...sample.slice(0, 4), ...cited].map((q) => q.questionId);

describe('每日一练', () => {
  it('draws N objective questions once per day: a reload shows the same set, 简答 never drawn', async () => {
    await setSettings({ dailyPracticeCount: 3 });
    const first = await alice.client.get('/api/practice/daily');
    expect(first.statusCode, first.body).toBe(200);
    const view = first.json() as DailyPracticeView;
    expect(view.day).toBe(beijingDay(new Date()));
    expect(view.total).toBe(3);
    expect(view.items.every((i) => objectiveIds().includes(i.questionId) && i.answered === null)).toBe(true);
    expect(JSON.stringify(view)).not.toContain('解析');
    const again = (await alice.client.get('/api/practice/daily')).json() as DailyPracticeView;
    expect(again.items.map((i) => i.versionId)).toEqual(view.items.map((i) => i.versionId));

    // answering shows up on reload, with the key
    const q = view.items[0];
    const resp = rightFor(q.type);
    expect((await answer(alice, q.versionId, resp, 'daily')).statusCode).toBe(200);
    const after = (await alice.client.get('/api/practice/daily')).json() as DailyPracticeView;
    expect(after.answeredCount).toBe(1);
    expect(after.items[0].answered).toMatchObject({ response: resp, key: { text: expect.any(String) } });
    expect(after.items[1].answered).toBeNull();
  });

  it('avoids questions answered in the last practiceAvoidDays days, then falls back to the least recently seen', async () => {
    const db = t.ctx.db;
    const day = (n: number) => new Date(Date.now() + n * 86_400_000);
    // types differ: answer each with a response of its own type
    const respond = async (v: DailyPracticeView, when: Date) => {
      for (const i of v.items) {
        const response = i.type === 'truefalse' ? { type: 'truefalse' as const, value: true } : i.type === 'single' ? { type: 'single' as const, key: 'A' as const } : i.type === 'multiple' ? { type: 'multiple' as const, keys: ['A' as const] } : { type: 'fill' as const, blanks: ['x'] };
        await answerPractice(db, bob.personId, { versionId: i.versionId, mode: 'daily', response }, when);
      }
    };
    const d1 = await dailyPractice(db, bob.personId, day(0));
    await respond(d1, day(0));
    const d2 = await dailyPractice(db, bob.personId, day(1));
    const seen1 = new Set(d1.items.map((i) => i.questionId));
    expect(d2.items).toHaveLength(3);
    expect(d2.items.filter((i) => seen1.has(i.questionId))).toEqual([]);
    await respond(d2, day(1));
    // 8 objective questions, 6 answered: day 3 gets the 2 unseen plus 1 from day 1 (least recently seen)
    const d3 = await dailyPractice(db, bob.personId, day(2));
    const seen2 = new Set(d2.items.map((i) => i.questionId));
    const unseen = objectiveIds().filter((q) => !seen1.has(q) && !seen2.has(q));
    expect(unseen).toHaveLength(2);
    expect(d3.items.map((i) => i.questionId)).toEqual(expect.arrayContaining(unseen));
    expect(d3.items.filter((i) => seen1.has(i.questionId))).toHaveLength(1);
    expect(d3.items.filter((i) => seen2.has(i.questionId))).toHaveLength(0);
  });

  it('concurrent first requests of the day make one set', async () => {
    const views = await Promise.all(Array.from({ length: 6 }, () => carol.client.get('/api/practice/daily')));
    expect(views.map((v) => v.statusCode)).toEqual(Array(6).fill(200));
    const sets = new Set(views.map((v) => JSON.stringify((v.json() as DailyPracticeView).items.map((i) => i.versionId))));
    expect(sets.size).toBe(1);
    const [rows] = await t.ctx.db.select({ n: count() }).from(practiceDaily).where(eq(practiceDaily.personId, carol.personId));
    expect(rows.n).toBe(1);
  });

  it('a daily answer must be for a question of today\'s set', async () => {
    const today = (await alice.client.get('/api/practice/daily')).json() as DailyPracticeView;
    const other = [...sample.slice(0, 4), ...cited].find((q) => !today.items.some((i) => i.questionId === q.questionId))!;
    const res = await answer(alice, other.versionId, rightFor(other.content.type), 'daily');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('不在今天的每日一练中');
  });
});

describe('专项练习 and random sets', () => {
  it('by law: questions citing any article of the law; by chapter: only that chapter\'s articles', async () => {
    const whole = await alice.client.post('/api/practice/sets', { lawId: lawId['宪法'], count: 10 });
    expect(whole.statusCode, whole.body).toBe(200);
    const ids = (whole.json() as PracticeSetView).items.map((i) => i.questionId).sort((a, b) => a - b);
    expect(ids).toEqual(cited.slice(0, 3).map((q) => q.questionId).sort((a, b) => a - b));
    expect((whole.json() as PracticeSetView).available).toBe(3);

    const ch1 = (await alice.client.post('/api/practice/sets', { lawId: lawId['宪法'], nodeId: chapter1, count: 10 })).json() as PracticeSetView;
    expect(ch1.items.map((i) => i.questionId).sort()).toEqual([cited[0].questionId, cited[1].questionId].sort());
    const ch2 = (await alice.client.post('/api/practice/sets', { lawId: lawId['宪法'], nodeId: chapter2, count: 10 })).json() as PracticeSetView;
    expect(ch2.items.map((i) => i.questionId)).toEqual([cited[2].questionId]);

    const limited = (await alice.client.post('/api/practice/sets', { lawId: lawId['宪法'], count: 2 })).json() as PracticeSetView;
    expect(limited.items).toHaveLength(2);
    expect(limited.available).toBe(3);
  });

  it('a law or chapter without questions is a clear 4xx; a chapter of another law is 404', async () => {
    const none = await alice.client.post('/api/practice/sets', { lawId: lawId['刑法'], count: 5 });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.message).toContain('该法规还没有可练习的题目');
    const foreign = await alice.client.post('/api/practice/sets', { lawId: lawId['宪法'], nodeId: minfadianNode, count: 5 });
    expect(foreign.statusCode).toBe(404);
    const unknownLaw = await alice.client.post('/api/practice/sets', { lawId: 999_999, count: 5 });
    expect(unknownLaw.statusCode).toBe(404);
  });

  it('random: objective questions of the pool only, respecting count', async () => {
    const res = await alice.client.post('/api/practice/sets', { mode: 'random', count: 50 });
    expect(res.statusCode).toBe(200);
    const v = res.json() as PracticeSetView;
    expect(v.items).toHaveLength(8);
    expect(v.items.some((i) => i.questionId === sample[4].questionId)).toBe(false);
    expect(JSON.stringify(v)).not.toMatch(/PRAC|answer|explanation/);
  });
});

describe('the practice pool follows the year\'s categories', () => {
  it('practiceCategoryIds limits sets and answers to those categories and their sub-categories', async () => {
    const parent = (await admin.post('/api/bank/categories', { name: '宪法类', parentId: null })).json();
    const child = (await admin.post('/api/bank/categories', { name: '宪法类-基本权利', parentId: parent.id })).json();
    expect(child.id, JSON.stringify(child)).toBeGreaterThan(0);
    const created = await admin.post('/api/bank/questions', { content: { type: 'truefalse', stem: '公民的人格尊严不受侵犯。', difficulty: 1, answer: { value: true } }, categoryId: child.id });
    expect(created.statusCode, created.body).toBe(200);
    const q = created.json().question;
    expect((await admin.post(`/api/bank/questions/${q.id}/status`, { to: 'active' })).statusCode).toBe(200);

    await setSettings({ dailyPracticeCount: 3, practiceCategoryIds: [parent.id] });
    try {
      const set = (await alice.client.post('/api/practice/sets', { mode: 'random', count: 10 })).json() as PracticeSetView;
      expect(set.items.map((i) => i.questionId)).toEqual([q.id]);
      expect((await answer(alice, sample[0].versionId, { type: 'single', key: 'C' })).statusCode).toBe(404);
      expect((await answer(alice, q.current.id, { type: 'truefalse', value: true })).statusCode).toBe(200);
      expect((await alice.client.post('/api/practice/sets', { lawId: lawId['宪法'], count: 10 })).statusCode).toBe(422);
    } finally {
      await setSettings({ dailyPracticeCount: 3 });
    }
    const all = (await alice.client.post('/api/practice/sets', { mode: 'random', count: 50 })).json() as PracticeSetView;
    expect(all.items).toHaveLength(9);
  });
});

describe('answering', () => {
  it('grades 单选, 多选 (exact set only) and 填空 (per blank), returning key, 解析 and legal basis', async () => {
    const [single, multiple, , fill] = sample;
    const s = (await answer(alice, single.versionId, { type: 'single', key: 'C' })).json() as PracticeFeedback;
    expect(s).toMatchObject({ correct: true, key: { keys: ['C'], text: 'C' }, explanationHtml: '<p>解析PRAC1</p>', wrongBook: null });

    const partial = (await answer(alice, multiple.versionId, { type: 'multiple', keys: ['A', 'C'] })).json() as PracticeFeedback;
    expect(partial).toMatchObject({ correct: false, key: { keys: ['A', 'C', 'D'], text: 'A、C、D' }, wrongBook: { wrongCount: 1, correctStreak: 0, mastered: false } });
    const exact = (await answer(alice, multiple.versionId, { type: 'multiple', keys: ['D', 'A', 'C'] })).json() as PracticeFeedback;
    expect(exact.correct).toBe(true);

    const f1 = (await answer(alice, fill.versionId, { type: 'fill', blanks: [' 30 ', '民政局'] })).json() as PracticeFeedback;
    expect(f1).toMatchObject({ correct: false, blanks: [true, false], key: { blanks: [['三十', '30'], ['民政部门']], text: '三十（或 30）；民政部门' } });
    const f2 = (await answer(alice, fill.versionId, { type: 'fill', blanks: ['三十', '民政部门'] })).json() as PracticeFeedback;
    expect(f2).toMatchObject({ correct: true, blanks: [true, true] });

    const law = (await answer(alice, cited[3].versionId, { type: 'truefalse', value: true })).json() as PracticeFeedback;
    expect(law).toMatchObject({ correct: false, key: { value: false, text: '错误' }, legalBasis: [{ lawTitle: '中华人民共和国民法典', articleLabel: '第七条', articleId: await articleId('民法典', 7) }] });
  });

  it('stores one practice_answers row per answer', async () => {
    // (the daily set drawn earlier is random and may hold this question too: those rows are mode 'daily')
    const rows = await t.ctx.db
      .select()
      .from(practiceAnswers)
      .where(and(eq(practiceAnswers.personId, alice.personId), eq(practiceAnswers.questionId, sample[1].questionId), eq(practiceAnswers.mode, 'random')))
      .orderBy(practiceAnswers.id);
    expect(rows.map((r) => r.correct)).toEqual([false, true]);
    expect(rows[0]).toMatchObject({ mode: 'random', response: { type: 'multiple', keys: ['A', 'C'] } });
  });
});

describe('错题本', () => {
  it('wrong → open; wrong again bumps; right ×streak → mastered; wrong again reopens; remove', async () => {
    await setSettings({ dailyPracticeCount: 3, wrongBookMasterStreak: 2 });
    const tf = sample[2];
    const wrong = () => answer(bob, tf.versionId, { type: 'truefalse', value: false }, 'wrongbook');
    const right = () => answer(bob, tf.versionId, { type: 'truefalse', value: true }, 'wrongbook');
    const open = async () => (await bob.client.get('/api/practice/wrong-book?status=open')).json() as WrongBookView;
    const entry = async () => (await open()).items.find((i) => i.questionId === tf.questionId);

    expect(((await wrong()).json() as PracticeFeedback).wrongBook).toEqual({ wrongCount: 1, correctStreak: 0, mastered: false });
    expect(((await wrong()).json() as PracticeFeedback).wrongBook).toEqual({ wrongCount: 2, correctStreak: 0, mastered: false });
    expect(((await right()).json() as PracticeFeedback).wrongBook).toEqual({ wrongCount: 2, correctStreak: 1, mastered: false });
    expect(await entry()).toMatchObject({ available: true, wrongCount: 2, correctStreak: 1, masteredAt: null, question: { versionId: tf.versionId, type: 'truefalse' } });
    // a wrong answer breaks the streak
    expect(((await wrong()).json() as PracticeFeedback).wrongBook).toEqual({ wrongCount: 3, correctStreak: 0, mastered: false });
    await right();
    expect(((await right()).json() as PracticeFeedback).wrongBook).toEqual({ wrongCount: 3, correctStreak: 2, mastered: true });
    expect(await entry()).toBeUndefined();
    const mastered = (await bob.client.get('/api/practice/wrong-book?status=mastered')).json() as WrongBookView;
    expect(mastered.items.map((i) => i.questionId)).toContain(tf.questionId);
    expect(mastered.mastered).toBeGreaterThanOrEqual(1);
    // right again once mastered: nothing changes
    expect(((await right()).json() as PracticeFeedback).wrongBook).toBeNull();
    // wrong again: back in the open book
    await wrong();
    expect(await entry()).toMatchObject({ wrongCount: 4, correctStreak: 0 });

    expect((await bob.client.post(`/api/practice/wrong-book/${tf.questionId}/remove`)).statusCode).toBe(200);
    expect(await entry()).toBeUndefined();
    expect((await bob.client.post(`/api/practice/wrong-book/${tf.questionId}/remove`)).statusCode).toBe(404);
  });

  it('a retired question shows as unavailable, cannot be answered, and can be removed', async () => {
    const q = cited[2];
    await answer(bob, q.versionId, { type: 'truefalse', value: false });
    expect((await admin.post(`/api/bank/questions/${q.questionId}/status`, { to: 'retired' })).statusCode).toBe(200);
    const book = (await bob.client.get('/api/practice/wrong-book')).json() as WrongBookView;
    const item = book.items.find((i) => i.questionId === q.questionId)!;
    expect(item).toMatchObject({ available: false, retired: true, question: { versionId: q.versionId, stem: '公民在法律面前一律平等。' } });
    expect(book.items.filter((i) => i.questionId !== q.questionId).every((i) => i.available && !i.retired)).toBe(true);
    expect((await answer(bob, q.versionId, { type: 'truefalse', value: true }, 'wrongbook')).statusCode).toBe(404);
    // retired questions leave sets too
    const set = (await bob.client.post('/api/practice/sets', { lawId: lawId['宪法'], count: 10 })).json() as PracticeSetView;
    expect(set.items.map((i) => i.questionId)).not.toContain(q.questionId);
    expect((await bob.client.post(`/api/practice/wrong-book/${q.questionId}/remove`)).statusCode).toBe(200);
    expect(((await bob.client.get('/api/practice/wrong-book')).json() as WrongBookView).items.map((i) => i.questionId)).not.toContain(q.questionId);
  });

  it('members see and change only their own book', async () => {
    const q = cited[1];
    await answer(alice, q.versionId, { type: 'truefalse', value: false });
    await bob.client.post(`/api/practice/wrong-book/${q.questionId}/remove`); // bob's own entry, if any
    expect(((await bob.client.get('/api/practice/wrong-book')).json() as WrongBookView).items.map((i) => i.questionId)).not.toContain(q.questionId);
    expect(((await alice.client.get('/api/practice/wrong-book')).json() as WrongBookView).items.map((i) => i.questionId)).toContain(q.questionId);
    expect((await bob.client.post(`/api/practice/wrong-book/${q.questionId}/remove`)).statusCode).toBe(404);
    const [still] = await t.ctx.db.select({ n: count() }).from(wrongBook).where(and(eq(wrongBook.personId, alice.personId), eq(wrongBook.questionId, q.questionId)));
    expect(still.n).toBe(1);
  });
});

describe('statistics', () => {
  it('counts answers, correct rate, days, streak, completed daily sets, the book and by-law breakdown', async () => {
    const res = await bob.client.get(`/api/practice/stats?year=${YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as PracticeStats;
    const rows = await t.ctx.db.select().from(practiceAnswers).where(eq(practiceAnswers.personId, bob.personId));
    // bob answered 3 daily sets on today, tomorrow and the day after (service calls with a clock)
    const thisYear = rows.filter((r) => beijingDay(r.answeredAt).startsWith(String(YEAR)));
    expect(s.answered).toBe(thisYear.length);
    expect(s.correct).toBe(thisYear.filter((r) => r.correct).length);
    expect(s.correctRate).toBeCloseTo(s.correct / s.answered, 5);
    const days = new Set(thisYear.map((r) => beijingDay(r.answeredAt)));
    expect(s.daysPractised).toBe(days.size);
    expect(s.currentStreak).toBeGreaterThanOrEqual(1);
    expect(s.wrongBookOpen + s.wrongBookMastered).toBeGreaterThan(0);
    const consitution = s.byLaw.find((l) => l.lawId === lawId['宪法']);
    expect(consitution?.answered).toBeGreaterThanOrEqual(2);

    const a = (await alice.client.get('/api/practice/stats')).json() as PracticeStats;
    expect(a.year).toBe(YEAR);
    const civil = await t.ctx.db.select().from(practiceAnswers).where(and(eq(practiceAnswers.personId, alice.personId), eq(practiceAnswers.questionId, cited[3].questionId)));
    expect(civil.length).toBeGreaterThanOrEqual(1);
    expect(a.byLaw.find((l) => l.lawId === lawId['民法典'])).toEqual({ lawId: lawId['民法典'], title: '民法典', answered: civil.length, correct: civil.filter((r) => r.correct).length });
    expect(a.dailyCompletedDays).toBe(0);
  });

  it('a day whose set is answered whole counts as a completed daily set', async () => {
    const before = (await carol.client.get('/api/practice/stats')).json() as PracticeStats;
    expect(before).toMatchObject({ answered: 0, dailyCompletedDays: 0, currentStreak: 0, correctRate: null });
    const today = (await carol.client.get('/api/practice/daily')).json() as DailyPracticeView;
    for (const i of today.items) {
      expect((await answer(carol, i.versionId, rightFor(i.type), 'daily')).statusCode).toBe(200);
    }
    const after = (await carol.client.get('/api/practice/stats')).json() as PracticeStats;
    expect(after).toMatchObject({ answered: today.items.length, daysPractised: 1, currentStreak: 1, dailyCompletedDays: 1 });
  });
});

describe('bad input', () => {
  it('unknown, non-current or essay versions are 404; bad bodies are 400 with field paths', async () => {
    expect((await answer(alice, 999_999, { type: 'single', key: 'A' })).statusCode).toBe(404);
    expect((await answer(alice, sample[4].versionId, { type: 'fill', blanks: ['x'] })).statusCode).toBe(404);
    // a revised question: the old version can no longer be answered (nor its key fetched)
    const old = sample[0];
    const revised = await admin.put(`/api/bank/questions/${old.questionId}`, { baseVersionId: old.versionId, content: { ...old.content, stem: '单选题：修订后的题干？' } });
    expect(revised.statusCode, revised.body).toBe(200);
    await admin.post(`/api/bank/questions/${old.questionId}/status`, { to: 'active' });
    expect((await answer(alice, old.versionId, { type: 'single', key: 'C' })).statusCode).toBe(404);

    const cases: [unknown, string][] = [
      [{ versionId: sample[1].versionId, mode: 'random', response: { type: 'single', key: 'A' } }, 'response.type'],
      [{ versionId: sample[1].versionId, mode: 'random', response: { type: 'multiple', keys: ['A', 'H'] } }, 'response.keys'],
      [{ versionId: sample[1].versionId, mode: 'random', response: { type: 'multiple', keys: ['A', 'A'] } }, 'response.keys'],
      [{ versionId: sample[3].versionId, mode: 'random', response: { type: 'fill', blanks: ['1', '2', '3'] } }, 'response.blanks'],
      [{ versionId: sample[1].versionId, mode: 'exam', response: { type: 'multiple', keys: ['A'] } }, 'mode'],
      [{ versionId: 'x', mode: 'random', response: { type: 'single', key: 'A' } }, 'versionId'],
      [{ versionId: sample[1].versionId, mode: 'random', response: { type: 'essay', text: 'x' } }, 'response.type'],
    ];
    for (const [body, path] of cases) {
      const res = await alice.client.post('/api/practice/answer', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.issues.map((i: { path: string }) => i.path), JSON.stringify(body)).toContain(path);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const setCases: [unknown, string][] = [
      [{ count: 5 }, 'lawId'],
      [{ lawId: lawId['宪法'], count: 0 }, 'count'],
      [{ lawId: lawId['宪法'], count: 51 }, 'count'],
      [{ mode: 'random', lawId: lawId['宪法'], count: 5 }, 'mode'],
      [{ mode: 'chapter', count: 5 }, 'mode'],
    ];
    for (const [body, path] of setCases) {
      const res = await alice.client.post('/api/practice/sets', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await alice.client.get('/api/practice/wrong-book?status=all')).statusCode).toBe(400);
    expect((await alice.client.get('/api/practice/stats?year=1999')).statusCode).toBe(400);
    expect((await alice.client.post('/api/practice/wrong-book/abc/remove')).statusCode).toBe(400);
    // an account without a person record does not practise
    expect((await admin.get('/api/practice/daily')).statusCode).toBe(403);
  });

  it('junk ids, numbers and characters are 4xx, never 5xx', async () => {
    const junk = [
      alice.client.post('/api/practice/answer', { versionId: 99_999_999_999, mode: 'random', response: { type: 'single', key: 'A' } }),
      alice.client.post('/api/practice/answer', { versionId: sample[3].versionId, mode: 'random', response: { type: 'fill', blanks: ['a\u0000b'] } }),
      alice.client.post('/api/practice/answer', { versionId: sample[0].versionId, mode: 'random', response: null }),
      alice.client.post('/api/practice/answer', 'not json'),
      alice.client.post('/api/practice/sets', { lawId: 99_999_999_999, count: 5 }),
      alice.client.post('/api/practice/sets', { lawId: lawId['宪法'], nodeId: 99_999_999_999, count: 5 }),
      alice.client.post('/api/practice/sets', { lawId: lawId['宪法'], count: 2.5 }),
      alice.client.post('/api/practice/wrong-book/99999999999/remove'),
      alice.client.get('/api/practice/wrong-book?page=0'),
      alice.client.get('/api/practice/wrong-book?pageSize=1000'),
      alice.client.get('/api/practice/stats?year=abc'),
    ];
    for (const res of await Promise.all(junk)) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('practice never wrote an exam table', async () => {
    expect(await examRowCounts()).toEqual(examRowsBefore);
  });
});

describe('during an exam', () => {
  it('refuses practice while an attempt is in progress, and allows it again once the attempt is over', async () => {
    const { examId } = await insertPublishedExam(t, { questions: [sample[2]], personIds: [carol.personId] });
    const started = await carol.client.post(`/api/my/exams/${examId}/start`, { deviceId: 'practice-test-device' });
    expect(started.statusCode, started.body).toBe(200);
    for (const res of [
      await carol.client.get('/api/practice/daily'),
      await carol.client.post('/api/practice/sets', { mode: 'random', count: 5 }),
      await answer(carol, sample[2].versionId, { type: 'truefalse', value: true }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toBe('考试进行中，暂不能练习');
    }
    // someone else is not affected
    expect((await alice.client.get('/api/practice/daily')).statusCode).toBe(200);
    const submitted = await carol.client.post(`/api/my/attempts/${started.json().id}/submit`, { deviceId: 'practice-test-device' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((await carol.client.get('/api/practice/daily')).statusCode).toBe(200);
  });

  it('keeps refusing practice in the grace seconds after the deadline, while the exam still accepts answers', async () => {
    const dave = await createMember(t, admin, '赵宽限', 'practice-d');
    const { examId } = await insertPublishedExam(t, { questions: [sample[2]], personIds: [dave.personId] });
    const started = await dave.client.post(`/api/my/exams/${examId}/start`, { deviceId: 'grace-device' });
    expect(started.statusCode, started.body).toBe(200);
    const attemptId = started.json().id as number;
    const setDeadline = (msAgo: number) => t.ctx.db.update(examAttempts).set({ deadlineAt: new Date(Date.now() - msAgo) }).where(eq(examAttempts.id, attemptId));
    // deadline 5 s ago: inside the save grace, the paper still takes answers ...
    await setDeadline(5_000);
    const saved = await dave.client.put(`/api/my/attempts/${attemptId}/answers`, { deviceId: 'grace-device', saves: [{ position: 0, seq: 1, response: { type: 'truefalse', value: true } }] });
    expect(saved.statusCode, saved.body).toBe(200);
    // ... so practice must not hand out the key of that very question
    const peek = await answer(dave, sample[2].versionId, { type: 'truefalse', value: false });
    expect(peek.statusCode, peek.body).toBe(409);
    expect(peek.json().key).toBeUndefined();
    expect((await dave.client.get('/api/practice/daily')).statusCode).toBe(409);
    // once deadline + grace is over the attempt takes nothing more, and practice is open again
    await setDeadline(60_000);
    expect((await dave.client.get('/api/practice/daily')).statusCode).toBe(200);
  });
});
