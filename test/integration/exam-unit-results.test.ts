/**
 * 考试成绩 for a 单位管理员: the exams with candidates in their subtree (never drafts), counts and
 * results rows of their people only, 404 for an exam with nobody of theirs, and no organiser
 * action. Also the exam detail's makeupOfKind that decides the 任前结果 tab.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionResponse } from '../../src/common/bank';
import type { ExamDetail, ExamListItem, Paged } from '../../src/common/exam-admin';
import type { ResultsView } from '../../src/common/exam-results';
import { attemptAnswers, examAttempts, exams } from '../../src/server/modules/exam/schema';
import { scoreAttempt } from '../../src/server/modules/exam/scoring';
import { adminClient, Client, createTestApp, type TestApp } from '../helpers/app';
import { createActiveQuestions, createMember, insertPublishedExam, type ActiveQuestion, type PublishedExam } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let unitAdmin: Client;
let questions: ActiveQuestion[];
let mixed: PublishedExam; // people of 司法局 and of 某镇
let townOnly: PublishedExam; // nobody of 司法局
let draft: PublishedExam; // a draft with 司法局 people on its list
const u: Record<string, number> = {};
const person: Record<string, number> = {};

async function submit(exam: PublishedExam, name: string, right: number): Promise<void> {
  const personId = person[name];
  const now = new Date();
  const [a] = await t.ctx.db
    .insert(examAttempts)
    .values({ examId: exam.examId, personId, attemptNo: 1, paperId: exam.papers.get(personId)![0], status: 'submitted', startedAt: new Date(now.getTime() - 600_000), deadlineAt: now, submittedAt: now, submitReason: 'manual' })
    .returning({ id: examAttempts.id });
  const answers: QuestionResponse[] = Array.from({ length: 5 }, (_, i) => ({ type: 'truefalse', value: i < right }));
  await t.ctx.db.insert(attemptAnswers).values(answers.map((response, position) => ({ attemptId: a.id, position, seq: position + 1, response })));
  await scoreAttempt(t.ctx.db, a.id);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  u.区 = (await admin.post('/api/units', { name: '某区', parentId: null })).json().id;
  u.局 = (await admin.post('/api/units', { name: '区司法局', parentId: u.区 })).json().id;
  u.科 = (await admin.post('/api/units', { name: '法制科', parentId: u.局 })).json().id;
  u.镇 = (await admin.post('/api/units', { name: '某镇', parentId: u.区 })).json().id;
  for (const [i, [name, unit]] of ([['局张三', '局'], ['科李四', '科'], ['镇王五', '镇'], ['镇赵六', '镇']] as const).entries())
    person[name] = (await admin.post('/api/people', { name, employeeNo: `ua${i + 1}`, unitId: u[unit] })).json().id;
  // the 单位管理员 of 区司法局 (their subtree includes 法制科)
  const ua = await createMember(t, admin, '局管理员', 'ua-admin', u.局);
  const roles = await admin.put(`/api/people/${ua.personId}/roles`, { roles: [{ role: 'unit_admin', unitId: u.局 }] });
  expect(roles.statusCode, roles.body).toBe(200);
  unitAdmin = ua.client;
  questions = await createActiveQuestions(
    admin,
    ['依法行政是基本要求。', '行政处罚应当公开。', '法律面前人人平等。', '行政复议可以依申请启动。', '公民享有宪法规定的权利。'].map((stem) => ({ type: 'truefalse' as const, stem, difficulty: 2, answer: { value: true } })),
  );
  mixed = await insertPublishedExam(t, { questions, personIds: Object.values(person), settings: { title: '2026年度全区学法考试' } });
  townOnly = await insertPublishedExam(t, { questions, personIds: [person.镇王五, person.镇赵六], settings: { title: '某镇专题考试' } });
  draft = await insertPublishedExam(t, { questions, personIds: [person.局张三], status: 'draft', settings: { title: '草稿考试' } });
  await submit(mixed, '局张三', 5); // 10 通过
  await submit(mixed, '镇王五', 1); // 2 未通过 (not the unit admin's)
  await submit(townOnly, '镇王五', 5);
});
afterAll(() => t.close());

describe('考试成绩 for a 单位管理员', () => {
  it('lists only published exams with candidates in their subtree, counting their people only', async () => {
    const res = await unitAdmin.get('/api/exams/for-unit');
    expect(res.statusCode, res.body).toBe(200);
    const list: Paged<ExamListItem> = res.json();
    expect(list.items.map((e) => e.title)).toEqual(['2026年度全区学法考试']);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: mixed.examId, rosterSize: 2, startedCount: 1, submittedCount: 1 });
    // the organiser sees every exam that is not a draft, with whole counts
    const all: Paged<ExamListItem> = (await admin.get('/api/exams/for-unit')).json();
    expect(all.items.map((e) => e.id).sort()).toEqual([mixed.examId, townOnly.examId].sort());
    expect(all.items.find((e) => e.id === mixed.examId)).toMatchObject({ rosterSize: 4, submittedCount: 2 });
    expect((await unitAdmin.get(`/api/exams/for-unit?q=${encodeURIComponent('专题')}`)).json().total).toBe(0);
    const bad = await unitAdmin.get('/api/exams/for-unit?year=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('querystring.year');
    const member = await createMember(t, admin, '普通学员', 'ua-member', u.局);
    expect((await member.client.get('/api/exams/for-unit')).statusCode).toBe(403);
  });

  it('reads results, Excel and 成绩单 of their people only; an exam with nobody of theirs (or a draft) is 404', async () => {
    const res = await unitAdmin.get(`/api/exams/${mixed.examId}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const v: ResultsView = res.json();
    expect(v.rows.items.map((r) => r.name).sort()).toEqual(['局张三', '科李四']);
    expect(v.summary).toMatchObject({ rosterSize: 2, participated: 1, passed: 1, mean: 10 });
    expect(v.byUnit.map((b) => b.unitName).sort()).toEqual(['区司法局', '法制科']);
    expect((await unitAdmin.get(`/api/exams/${mixed.examId}/results.xlsx`)).statusCode).toBe(200);
    expect((await unitAdmin.get(`/api/exams/${mixed.examId}/report/${person.局张三}`)).statusCode).toBe(200);
    expect((await unitAdmin.get(`/api/exams/${mixed.examId}/report/${person.镇王五}`)).statusCode).toBe(404);
    expect((await unitAdmin.get(`/api/exams/${mixed.examId}/results?unitId=${u.镇}`)).statusCode).toBe(404);

    for (const id of [townOnly.examId, draft.examId]) {
      expect((await unitAdmin.get(`/api/exams/${id}/results`)).statusCode, String(id)).toBe(404);
      expect((await unitAdmin.get(`/api/exams/${id}/results.xlsx`)).statusCode, String(id)).toBe(404);
    }
    expect((await unitAdmin.get(`/api/exams/${draft.examId}/report/${person.局张三}`)).statusCode).toBe(404);
    // the organiser still reads the town's exam
    expect((await admin.get(`/api/exams/${townOnly.examId}/results`)).json().summary.rosterSize).toBe(2);
  });

  it('cannot publish, grade, close or edit an exam or its roster', async () => {
    const id = mixed.examId;
    const attempts: [string, () => Promise<{ statusCode: number }>][] = [
      ['publish-results', () => unitAdmin.post(`/api/exams/${id}/publish-results`)],
      ['grading', () => unitAdmin.get(`/api/exams/${id}/grading`)],
      ['close', () => unitAdmin.post(`/api/exams/${id}/close`)],
      ['publish', () => unitAdmin.post(`/api/exams/${id}/publish`)],
      ['edit', () => unitAdmin.put(`/api/exams/${id}`, { title: '改名' })],
      ['roster', () => unitAdmin.post(`/api/exams/${id}/roster`, { personIds: [person.科李四] })],
      ['detail', () => unitAdmin.get(`/api/exams/${id}`)],
      ['list', () => unitAdmin.get('/api/exams')],
      ['candidates', () => unitAdmin.get(`/api/exams/${id}/candidates`)],
    ];
    for (const [what, call] of attempts) expect((await call()).statusCode, what).toBe(403);
    const [row] = await t.ctx.db.select({ title: exams.title, resultsPublishedAt: exams.resultsPublishedAt }).from(exams).where(eq(exams.id, id));
    expect(row).toEqual({ title: '2026年度全区学法考试', resultsPublishedAt: null });
  });
});

describe('exam detail: what a 补考 repeats', () => {
  it('gives the kind of the original exam, through a makeup of a makeup', async () => {
    const pre = await insertPublishedExam(t, { questions, personIds: [], settings: { kind: 'pre_appointment', title: '任前考试' } });
    const makeupOf = async (origId: number, title: string) => {
      const m = await insertPublishedExam(t, { questions, personIds: [], settings: { kind: 'makeup', makeupOfExamId: origId, title } });
      await t.ctx.db.update(exams).set({ makeupOfExamId: origId }).where(eq(exams.id, m.examId));
      return m.examId;
    };
    const annualMakeup = await makeupOf(mixed.examId, '年度考试补考');
    const preMakeup = await makeupOf(pre.examId, '任前考试补考');
    const preMakeup2 = await makeupOf(preMakeup, '任前考试第二次补考');
    const kindOf = async (id: number) => ((await admin.get(`/api/exams/${id}`)).json() as ExamDetail).makeupOfKind;
    expect(await kindOf(annualMakeup)).toBe('annual');
    expect(await kindOf(preMakeup)).toBe('pre_appointment');
    expect(await kindOf(preMakeup2)).toBe('pre_appointment');
    expect(await kindOf(mixed.examId)).toBeNull();
    // and the server agrees: the annual exam's makeup has no 任前 candidate list
    expect((await admin.get(`/api/exams/${annualMakeup}/candidates`)).statusCode).toBe(400);
    expect((await admin.get(`/api/exams/${preMakeup2}/candidates`)).statusCode).toBe(200);
  });
});
