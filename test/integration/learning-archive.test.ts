import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveList, PersonArchive } from '../../src/common/archive';
import type { QuestionResponse } from '../../src/common/bank';
import { attemptAnswers, examAttempts, exams } from '../../src/server/modules/exam/schema';
import { scoreAttempt } from '../../src/server/modules/exam/scoring';
import {
  activities,
  activityAttendance,
  learningListItems,
  learningLists,
  learningMaterials,
  learningQuotas,
  learningYearSettings,
  materialReads,
  practiceAnswers,
  studyCredits,
  wrongBook,
} from '../../src/server/modules/learning/schema';
import { people } from '../../src/server/modules/org/schema';
import { auditLog } from '../../src/server/platform/schema';
import { adminClient, type Client, createTestApp, type TestApp } from '../helpers/app';
import { createActiveQuestions, createMember, insertPublishedExam, type ActiveQuestion, type Member, type PublishedExam } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let member: Member; // 张主任, 区司法局, 党政主要负责人
let townAdmin: Member; // 单位管理员 of 某镇
let questions: ActiveQuestion[];
let annual: PublishedExam;
const u: Record<string, number> = {};
const person: Record<string, number> = {};
const HOUR = 3600_000;

const answers = (right: number): QuestionResponse[] => Array.from({ length: 5 }, (_, i) => ({ type: 'truefalse', value: i < right }));

async function submit(exam: PublishedExam, personId: number, right: number, submittedAt = new Date(Date.now() - 10 * 60_000)): Promise<void> {
  const db = t.ctx.db;
  const paperId = exam.papers.get(personId)![0];
  const [a] = await db
    .insert(examAttempts)
    .values({ examId: exam.examId, personId, attemptNo: 1, paperId, status: 'submitted', startedAt: new Date(submittedAt.getTime() - 600_000), deadlineAt: submittedAt, submittedAt, submitReason: 'manual' })
    .returning({ id: examAttempts.id });
  await db.insert(attemptAnswers).values(answers(right).map((response, position) => ({ attemptId: a.id, position, seq: position + 1, response })));
  await scoreAttempt(db, a.id);
}

async function activity(v: { category: 'study' | 'lecture'; kind: string; title: string; startsAt: string; minutes: number; host: number; status?: string; speaker?: number; year?: number; attendees?: number[] }) {
  const [a] = await t.ctx.db
    .insert(activities)
    .values({
      category: v.category,
      kind: v.kind,
      title: v.title,
      year: v.year ?? new Date(Date.parse(v.startsAt) + 8 * HOUR).getUTCFullYear(),
      startsAt: new Date(v.startsAt),
      durationMinutes: v.minutes,
      hostUnitId: v.host,
      presenter: '王律师',
      speakerPersonId: v.speaker ?? null,
      status: v.status ?? 'held',
    })
    .returning({ id: activities.id });
  for (const personId of v.attendees ?? []) await t.ctx.db.insert(activityAttendance).values({ activityId: a.id, personId, source: 'roster' });
  return a.id;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  const db = t.ctx.db;
  u.区 = (await admin.post('/api/units', { name: '某区', parentId: null })).json().id;
  u.局 = (await admin.post('/api/units', { name: '区司法局', parentId: u.区 })).json().id;
  u.镇 = (await admin.post('/api/units', { name: '某镇', parentId: u.区 })).json().id;
  member = await createMember(t, admin, '张主任', 'arc-zhang', u.局);
  person.张主任 = member.personId;
  await db.update(people).set({ isPrincipalLeader: true, title: '局长', rank: '县处级', postCategory: '行政执法' }).where(eq(people.id, member.personId));
  person.李科员 = (await admin.post('/api/people', { name: '李科员', employeeNo: 'arc-li', unitId: u.局 })).json().id;
  person.王镇干 = (await admin.post('/api/people', { name: '王镇干', employeeNo: 'arc-wang', unitId: u.镇 })).json().id;
  townAdmin = await createMember(t, admin, '镇管理员', 'arc-town', u.镇);
  const roles = await admin.put(`/api/people/${townAdmin.personId}/roles`, { roles: [{ role: 'unit_admin', unitId: u.镇 }] });
  expect(roles.statusCode, roles.body).toBe(200);

  // 学时 ledger: 31 Dec counts in 2026, 1 Jan 2027 and 31 Dec 2025 do not
  await db.insert(studyCredits).values([
    { personId: person.张主任, day: '2025-12-31', source: 'reading', minutes: 999 },
    { personId: person.张主任, day: '2026-01-01', source: 'reading', minutes: 30 },
    { personId: person.张主任, day: '2026-12-31', source: 'reading', minutes: 45.5 },
    { personId: person.张主任, day: '2026-06-01', source: 'material', minutes: 60 },
    { personId: person.张主任, day: '2026-05-10', source: 'group_study', refId: 1, minutes: 120 },
    { personId: person.张主任, day: '2027-01-01', source: 'reading', minutes: 50 },
    { personId: person.李科员, day: '2026-03-01', source: 'reading', minutes: 90 },
  ]);
  await db.insert(learningYearSettings).values({ year: 2026, settings: { dailyCapMinutes: 120, lectureDutyCount: 2, dailyPracticeCount: 5, practiceAvoidDays: 30, practiceCategoryIds: [], wrongBookMasterStreak: 1 } });
  await db.insert(learningQuotas).values({ year: 2026, name: '全员学时', metric: 'personal_hours', target: 40, rule: null });
  await db.insert(learningQuotas).values({ year: 2026, name: '镇干部学时', metric: 'personal_hours', target: 60, rule: { unitIds: [u.镇], ranks: [], postCategories: [], principalLeadersOnly: false } });

  // 学法清单 (everyone): two required materials (one read in full, one half) and an optional one
  const mats = await db
    .insert(learningMaterials)
    .values(['习近平法治思想学习纲要', '中国共产党党内法规选编', '典型案例汇编'].map((title) => ({ title, kind: '其他', body: '正文' })))
    .returning({ id: learningMaterials.id });
  const [list] = await db.insert(learningLists).values({ year: 2026, name: '2026年度学法清单', rule: null, status: 'published', publishedAt: new Date() }).returning({ id: learningLists.id });
  await db.insert(learningListItems).values([
    { listId: list.id, seq: 1, segment: '1', kind: 'material', title: '习近平法治思想学习纲要', materialId: mats[0].id, required: true, expectedMinutes: 10 },
    { listId: list.id, seq: 2, segment: '3', kind: 'material', title: '中国共产党党内法规选编', materialId: mats[1].id, required: true, expectedMinutes: 10 },
    { listId: list.id, seq: 3, segment: 'N', kind: 'material', title: '典型案例汇编', materialId: mats[2].id, required: false, expectedMinutes: 10 },
  ]);
  await db.insert(materialReads).values([
    { personId: person.张主任, materialId: mats[0].id, seconds: 600, completedAt: new Date('2026-02-01T00:00:00Z') },
    { personId: person.张主任, materialId: mats[1].id, seconds: 300 },
  ]);
  // a larger unit (50 people) whose table takes the bulk path of list completion
  u.大队 = (await admin.post('/api/units', { name: '执法大队', parentId: u.局 })).json().id;
  const crew = await db
    .insert(people)
    .values(Array.from({ length: 50 }, (_, i) => ({ name: `队员${String(i + 1).padStart(2, '0')}`, employeeNo: `arc-d${i + 1}`, unitId: u.大队 })))
    .returning({ id: people.id });
  person.队员01 = crew[0].id;
  await db.insert(materialReads).values({ personId: crew[0].id, materialId: mats[0].id, seconds: 600 });

  // group study: attended, a cancelled one attended (left out), one of 2027 (left out)
  await activity({ category: 'study', kind: '中心组专题学法', title: '民法典专题学习', startsAt: '2026-05-10T01:00:00Z', minutes: 120, host: u.局, attendees: [person.张主任, person.李科员] });
  await activity({ category: 'study', kind: '集中学法', title: '取消的学法', startsAt: '2026-07-10T01:00:00Z', minutes: 60, host: u.局, status: 'cancelled', attendees: [person.张主任] });
  await activity({ category: 'study', kind: '会前学法', title: '新年第一学', startsAt: '2026-12-31T16:30:00Z', minutes: 30, host: u.局, attendees: [person.张主任] });
  // lectures: given (held + scheduled), attended
  await activity({ category: 'lecture', kind: '会前讲法', title: '行政处罚法要点', startsAt: '2026-06-01T02:00:00Z', minutes: 60, host: u.局, speaker: person.张主任, attendees: [person.李科员] });
  await activity({ category: 'lecture', kind: '专题讲座', title: '年底讲法', startsAt: '2026-12-20T02:00:00Z', minutes: 90, host: u.局, speaker: person.张主任, status: 'scheduled' });
  await activity({ category: 'lecture', kind: '法治大讲堂', title: '宪法大讲堂', startsAt: '2026-04-01T02:00:00Z', minutes: 90, host: u.区, attendees: [person.张主任] });

  // practice: 23:30 Beijing on 31 Dec counts in 2026; 00:30 on 1 Jan does not
  questions = await createActiveQuestions(
    admin,
    ['依法行政是基本要求。', '行政处罚应当公开。', '法律面前人人平等。', '行政复议可以依申请启动。', '公民享有宪法规定的权利。'].map((stem) => ({ type: 'truefalse' as const, stem, difficulty: 2, answer: { value: true } })),
  );
  const q = (i: number) => ({ questionId: questions[i].questionId, versionId: questions[i].versionId });
  await db.insert(practiceAnswers).values([
    { personId: person.张主任, ...q(0), mode: 'daily', response: { type: 'truefalse', value: true }, correct: true, answeredAt: new Date('2026-03-01T02:00:00Z') },
    { personId: person.张主任, ...q(1), mode: 'daily', response: { type: 'truefalse', value: false }, correct: false, answeredAt: new Date('2026-03-01T10:00:00Z') },
    { personId: person.张主任, ...q(2), mode: 'daily', response: { type: 'truefalse', value: true }, correct: true, answeredAt: new Date('2026-12-31T15:30:00Z') },
    { personId: person.张主任, ...q(3), mode: 'daily', response: { type: 'truefalse', value: true }, correct: true, answeredAt: new Date('2026-12-31T16:30:00Z') },
  ]);
  await db.insert(wrongBook).values([
    { personId: person.张主任, ...q(1) },
    { personId: person.张主任, ...q(4), masteredAt: new Date('2026-04-01T00:00:00Z') },
  ]);

  // exams: annual (after_close, still open), 任前 (passed, valid 12 months), a practice exam (left out)
  const base = { questions, opensAt: new Date(Date.now() - 2 * HOUR), closesAt: new Date(Date.now() + HOUR) };
  annual = await insertPublishedExam(t, { ...base, personIds: [person.张主任, person.李科员, person.王镇干], settings: { kind: 'annual', title: '2026年度学法考试', year: 2026 } });
  await submit(annual, person.张主任, 4); // 8/10 通过
  await submit(annual, person.李科员, 2); // 4 未通过
  const pre = await insertPublishedExam(t, { ...base, personIds: [person.张主任], settings: { kind: 'pre_appointment', title: '任前法律知识考试', year: 2026, passValidMonths: 12, resultsRelease: 'immediate' } });
  await submit(pre, person.张主任, 5, new Date('2026-03-15T02:00:00Z'));
  const practice = await insertPublishedExam(t, { ...base, personIds: [person.张主任], settings: { kind: 'practice', title: '模拟练习', year: 2026 } });
  await submit(practice, person.张主任, 0);
});
afterAll(() => t.close());

describe('个人学法档案', () => {
  it('reads every source for the Beijing year', async () => {
    const res = await admin.get(`/api/archives/people/${person.张主任}?year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json() as PersonArchive;
    expect(a.person).toMatchObject({ name: '张主任', employeeNo: 'arc-zhang', unitPath: '某区/区司法局', title: '局长', rank: '县处级', postCategory: '行政执法', isPrincipalLeader: true });
    expect(JSON.stringify(a.person)).not.toMatch(/idNumber/);
    // 31 Dec counted, 1 Jan next year and 31 Dec last year not
    expect(a.lists).toMatchObject({ requiredTotal: 2, requiredDone: 1, optionalTotal: 1, optionalDone: 0, percent: 75 });
    expect(a.lists.items.map((i) => [i.segment, i.done, i.percent])).toEqual([
      ['1', true, 100],
      ['3', false, 50],
      ['N', false, 0],
    ]);
    expect(a.hours.minutes).toEqual({ reading: 75.5, material: 60, group_study: 120, lecture: 0 });
    expect(a.hours.totalMinutes).toBe(255.5);
    expect(a.hours.targetHours).toBe(40);
    expect(a.groupStudy.map((g) => g.title)).toEqual(['民法典专题学习']);
    expect(a.groupStudy[0]).toMatchObject({ kind: '中心组专题学法', hostUnitName: '区司法局', durationMinutes: 120 });
    expect(a.lecturesGiven.map((l) => [l.title, l.status])).toEqual([
      ['行政处罚法要点', 'held'],
      ['年底讲法', 'scheduled'],
    ]);
    expect(a.lectureDuty).toEqual({ applies: true, required: 2, given: 1, scheduled: 1, met: false });
    expect(a.lecturesAttended.map((l) => l.title)).toEqual(['宪法大讲堂']);
    expect(a.annualExams).toHaveLength(1);
    expect(a.annualExams[0]).toMatchObject({ title: '2026年度学法考试', outcome: 'passed', score: 8, withheld: false });
    expect(a.preAppointment.exams).toHaveLength(1);
    expect(a.preAppointment.exams[0]).toMatchObject({ outcome: 'passed', score: 10, validUntil: '2027-03-15T02:00:00.000Z' });
    expect(a.preAppointment.hasValidPass).toBe(true);
    expect(a.practice).toEqual({ answered: 3, correct: 2, correctRate: 2 / 3, days: 2, wrongOpen: 1, wrongMastered: 1 });
    expect(a.conclusion).toContain('学法清单必学完成 75%');
    expect(a.conclusion).toContain('学时 4.3/40 小时');
    expect(a.conclusion).toContain('年度考试8分合格');
    expect(a.conclusion).toContain('讲法 1/2 次（未完成）');
  });

  it('the next year holds only what happened in it', async () => {
    const a = (await admin.get(`/api/archives/people/${person.张主任}?year=2027`)).json() as PersonArchive;
    expect(a.hours.minutes.reading).toBe(50);
    expect(a.hours.targetHours).toBeNull();
    expect(a.groupStudy.map((g) => g.title)).toEqual(['新年第一学']);
    expect(a.practice.answered).toBe(1);
    expect(a.annualExams).toEqual([]);
    expect(a.lectureDuty).toMatchObject({ required: 1, given: 0, met: false });
  });

  it('a member reads only their own, with results the exam has not released withheld', async () => {
    const mine = await member.client.get('/api/my/archive?year=2026');
    expect(mine.statusCode, mine.body).toBe(200);
    const a = mine.json() as PersonArchive;
    expect(a.person.personId).toBe(person.张主任);
    expect(a.annualExams[0]).toMatchObject({ withheld: true, score: null });
    expect(a.conclusion).toContain('年度考试成绩未公布');
    expect(a.preAppointment.exams[0]).toMatchObject({ withheld: false, score: 10 }); // 'immediate'
    expect((await member.client.get(`/api/archives/people/${person.李科员}?year=2026`)).statusCode).toBe(403);
    expect((await member.client.get('/api/archives?year=2026')).statusCode).toBe(403);
    // once the exam closes the member sees the score
    await t.ctx.db.update(exams).set({ status: 'closed' }).where(eq(exams.id, annual.examId));
    const after = (await member.client.get('/api/my/archive?year=2026')).json() as PersonArchive;
    expect(after.annualExams[0]).toMatchObject({ withheld: false, score: 8, outcome: 'passed' });
    const print = await member.client.get('/api/my/archive/print?year=2026');
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('张主任');
  });

  it('a unit admin reads their subtree only; outside is 404', async () => {
    expect((await townAdmin.client.get(`/api/archives/people/${person.张主任}?year=2026`)).statusCode).toBe(404);
    expect((await townAdmin.client.get(`/api/archives/people/${person.张主任}/print?year=2026`)).statusCode).toBe(404);
    const own = await townAdmin.client.get(`/api/archives/people/${person.王镇干}?year=2026`);
    expect(own.statusCode, own.body).toBe(200);
    expect((own.json() as PersonArchive).hours.targetHours).toBe(60);
    expect((await townAdmin.client.get(`/api/archives?year=2026&unitId=${u.局}`)).statusCode).toBe(404);
    const list = (await townAdmin.client.get('/api/archives?year=2026')).json() as ArchiveList;
    expect(list.items.map((r) => r.name).sort()).toEqual(['王镇干', '镇管理员']);
    expect((await townAdmin.client.get(`/api/archives/export.xlsx?year=2026&unitId=${u.局}`)).statusCode).toBe(404);
    expect((await admin.get('/api/archives/people/999999?year=2026')).statusCode).toBe(404);
  });

  it('bad input is a 400 naming the field', async () => {
    for (const url of ['/api/archives?year=abc', '/api/archives?year=1999', '/api/my/archive', `/api/archives/people/${person.张主任}`, '/api/archives?year=2026&page=0', '/api/archives?year=2026&unitId=x', '/api/archives/people/abc?year=2026']) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.issues.length, url).toBeGreaterThan(0);
    }
  });
});

describe('单位学法档案', () => {
  it('one row per person with the key figures', async () => {
    const res = await admin.get(`/api/archives?year=2026&unitId=${u.局}&pageSize=100`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as ArchiveList;
    expect(list.total).toBe(52);
    const zhang = list.items.find((r) => r.name === '张主任')!;
    expect(zhang).toMatchObject({
      listPercent: 75,
      listRequiredDone: 1,
      listRequiredTotal: 2,
      totalMinutes: 255.5,
      groupStudyCount: 1,
      lecturesAttended: 1,
      lecturesGiven: 1,
      lecturesRequired: 2,
      annualScore: 8,
      annualOutcome: 'passed',
      preOutcome: 'passed',
      preValidUntil: '2027-03-15T02:00:00.000Z',
      practiceAnswered: 3,
    });
    const li = list.items.find((r) => r.name === '李科员')!;
    expect(li).toMatchObject({ totalMinutes: 90, groupStudyCount: 1, lecturesAttended: 1, lecturesGiven: 0, lecturesRequired: null, annualScore: 4, annualOutcome: 'failed', preOutcome: null });
    const q = (await admin.get(`/api/archives?year=2026&q=${encodeURIComponent('李')}`)).json() as ArchiveList;
    expect(q.items.map((r) => r.name)).toEqual(['李科员']);
    // someone who left is not on the unit's table, and their archive stays readable
    await t.ctx.db.update(people).set({ status: '调离' }).where(eq(people.id, person.队员01));
    const after = (await admin.get(`/api/archives?year=2026&unitId=${u.大队}&pageSize=100`)).json() as ArchiveList;
    expect(after.total).toBe(49);
    expect(after.items.some((r) => r.personId === person.队员01)).toBe(false);
    expect((await admin.get(`/api/archives/people/${person.队员01}?year=2026`)).statusCode).toBe(200);
    await t.ctx.db.update(people).set({ status: '在职' }).where(eq(people.id, person.队员01));
  });

  it('the Excel has header lines and one row per person', async () => {
    const res = await admin.get(`/api/archives/export.xlsx?year=2026&unitId=${u.局}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename*=UTF-8');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('学法档案')!;
    expect(String(ws.getCell('A1').value)).toBe('2026年度学法档案汇总');
    expect(String(ws.getCell('A2').value)).toBe('单位：某区/区司法局');
    expect(String(ws.getCell('A3').value)).toMatch(/生成时间/);
    const headers = (ws.getRow(4).values as unknown[]).slice(1).map(String);
    const col = (h: string) => headers.indexOf(h) + 1;
    expect(headers).toContain('学时合计(小时)');
    const rows = Array.from({ length: 52 }, (_, i) => ws.getRow(5 + i));
    const byName = (n: string) => rows.find((r) => r.getCell(col('姓名')).value === n)!;
    const zhang = byName('张主任');
    // every row has its list completion (the 50-person subtree is evaluated in bulk)
    expect(rows.every((r) => typeof r.getCell(col('必学完成率')).value === 'string' && r.getCell(col('必学完成率')).value !== '')).toBe(true);
    expect(zhang.getCell(col('必学完成率')).value).toBe('75%');
    expect(byName('队员01').getCell(col('必学完成率')).value).toBe('50%');
    expect(byName('队员01').getCell(col('必学完成项')).value).toBe('1/2');
    expect(byName('队员02').getCell(col('必学完成率')).value).toBe('0%');
    expect(byName('队员02').getCell(col('单位')).value).toBe('某区/区司法局/执法大队');
    expect(zhang.getCell(col('单位')).value).toBe('某区/区司法局');
    expect(zhang.getCell(col('学时合计(小时)')).value).toBe(4.3);
    expect(zhang.getCell(col('法规自学(小时)')).value).toBe(1.3);
    expect(zhang.getCell(col('学时目标(小时)')).value).toBe(40);
    expect(zhang.getCell(col('讲法(次)')).value).toBe(1);
    expect(zhang.getCell(col('应讲法(次)')).value).toBe(2);
    expect(zhang.getCell(col('年度考试成绩')).value).toBe(8);
    expect(zhang.getCell(col('年度考试结果')).value).toBe('通过');
    expect(zhang.getCell(col('任前考试结果')).value).toBe('通过');
    expect(zhang.getCell(col('练习正确率')).value).toBe('66.7%');
    expect(ws.getRow(57).getCell(2).value ?? null).toBeNull();
    const logged = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'archive.export'));
    expect(logged.length).toBeGreaterThan(0);
  });

  it('batch printing is one A4 sheet per person', async () => {
    const res = await admin.get(`/api/archives/print?year=2026&unitId=${u.局}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body.match(/<section class="sheet">/g)).toHaveLength(52);
    expect(res.body).toContain('page-break-after');
    expect(res.body).toContain('单位审核意见');
    expect(res.body).toContain('党政主要负责人年度讲法任务 2 次，已讲 1 次');
    expect(res.body).not.toMatch(/<script/i);
    const one = await admin.get(`/api/archives/people/${person.李科员}/print?year=2026`);
    expect(one.body.match(/<section class="sheet">/g)).toHaveLength(1);
    expect(one.body).toContain('李科员');
  });
});
