/**
 * Exam fixtures other test files may reuse: members who can log in, active questions of every
 * type (through the bank API), and a published exam with its roster and papers written directly
 * to the database (no dependence on the publish code).
 */
import { eq } from 'drizzle-orm';
import { OPTION_KEYS, type OptionKey, type QuestionContentInput } from '../../src/common/bank';
import { examInputSchema, type ExamInputRaw, type PaperItem } from '../../src/common/exam';
import { examCandidates, examPapers, exams } from '../../src/server/modules/exam/schema';
import { Client, type TestApp } from './app';

export const MEMBER_PASSWORD = 'Member#2026z';

export interface Member {
  client: Client;
  personId: number;
  login: string;
}

let unitSeq = 0;
/** A person in a new unit (or the given one) with an account that has changed its password and is logged in. */
export async function createMember(t: TestApp, admin: Client, name: string, login: string, unitId?: number): Promise<Member> {
  const unit = unitId ?? (await admin.post('/api/units', { name: `考生单位${++unitSeq}-${login}`, parentId: null })).json().id;
  const res = await admin.post('/api/people', { name, employeeNo: login, unitId: unit });
  if (res.statusCode !== 200) throw new Error(`create person failed: ${res.body}`);
  const personId = res.json().id as number;
  const otp = (await admin.post(`/api/people/${personId}/reset-password`)).json().oneTimePassword;
  const client = new Client(t.app);
  if ((await client.login(login, otp)).statusCode !== 200) throw new Error('member login failed');
  const ch = await client.post('/api/auth/change-password', { oldPassword: otp, newPassword: MEMBER_PASSWORD });
  if (ch.statusCode !== 200) throw new Error(`member password change failed: ${ch.body}`);
  return { client, personId, login };
}

export interface ActiveQuestion {
  questionId: number;
  versionId: number;
  content: QuestionContentInput;
}

/**
 * Creates questions and makes them active (turns off required review on this test database).
 * `marker` is planted in every explanation and reference answer, for leak tests.
 */
export async function createActiveQuestions(admin: Client, contents: QuestionContentInput[]): Promise<ActiveQuestion[]> {
  await admin.put('/api/bank/settings', { reviewRequired: false });
  const out: ActiveQuestion[] = [];
  for (const content of contents) {
    const res = await admin.post('/api/bank/questions', { content });
    if (res.statusCode !== 200) throw new Error(`create question failed: ${res.body}`);
    const q = res.json().question;
    const act = await admin.post(`/api/bank/questions/${q.id}/status`, { to: 'active' });
    if (act.statusCode !== 200) throw new Error(`activate question failed: ${act.body}`);
    out.push({ questionId: q.id, versionId: q.current.id, content });
  }
  return out;
}

/** One question of each type (single C, multiple A+C+D, true, fill 30/三十|民政部门, essay); markers in 解析. */
export function sampleQuestions(marker = 'MARK'): QuestionContentInput[] {
  const opts = (n: number) => OPTION_KEYS.slice(0, n).map((key) => ({ key, html: `选项内容${key}` }));
  return [
    { type: 'single', stem: '单选题：下列哪项正确？', difficulty: 2, options: opts(4), answer: { key: 'C' }, explanationHtml: `<p>解析${marker}1</p>` },
    { type: 'multiple', stem: '多选题：下列哪些正确？', difficulty: 3, options: opts(5), answer: { keys: ['A', 'C', 'D'] }, explanationHtml: `<p>解析${marker}2</p>` },
    { type: 'truefalse', stem: '判断题：行政机关应当依法行政。', difficulty: 1, answer: { value: true }, explanationHtml: `<p>解析${marker}3</p>` },
    {
      type: 'fill',
      stem: '应当在{{1}}日内向{{2}}申请。',
      difficulty: 2,
      answer: { blanks: [{ accepted: ['三十', '30'] }, { accepted: ['民政部门'] }] },
      explanationHtml: `<p>解析${marker}4</p>`,
    },
    { type: 'essay', stem: '简答题：简述依法行政的基本要求。', difficulty: 4, answer: { referenceHtml: `<p>参考答案${marker}5</p>` }, explanationHtml: `<p>解析${marker}6</p>` },
  ];
}

export interface PublishedExam {
  examId: number;
  /** per person: paper id of attempt 1 (and further attempts when papersPerPerson > 1) */
  papers: Map<number, number[]>;
  items: PaperItem[];
}

export interface ExamFixtureOptions {
  questions: ActiveQuestion[];
  personIds: number[];
  /** points per question, default 2 */
  points?: number[];
  /** defaults: opened an hour ago, closes in three hours, 60 minutes */
  opensAt?: Date;
  closesAt?: Date;
  /** extra exam settings (ExamInput fields) */
  settings?: Partial<ExamInputRaw>;
  /** option order of choice items on every paper: reversed (default) makes displayed A = original last */
  optionOrder?: 'reversed' | 'original';
  /** papers pre-drawn per person (attempts 1..n); default 1 */
  papersPerPerson?: number;
  status?: 'published' | 'closed' | 'draft';
}

/** A published fixed-paper exam with candidates and papers inserted directly. */
export async function insertPublishedExam(t: TestApp, o: ExamFixtureOptions): Promise<PublishedExam> {
  const db = t.ctx.db;
  const now = Date.now();
  const opensAt = o.opensAt ?? new Date(now - 3600_000);
  const closesAt = o.closesAt ?? new Date(now + 3 * 3600_000);
  const points = o.questions.map((_, i) => o.points?.[i] ?? 2);
  const total = points.reduce((s, x) => s + x, 0);
  const settings = examInputSchema.parse({
    title: '2026年度学法考试',
    kind: 'annual',
    year: 2026,
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    durationMinutes: 60,
    passMark: Math.min(total, 6),
    paper: { mode: 'fixed', fixed: { items: o.questions.map((q, i) => ({ questionId: q.questionId, points: points[i] })), shuffleOptions: false } },
    ...o.settings,
  });
  const items: PaperItem[] = o.questions.map((q, i) => {
    const item: PaperItem = { questionId: q.questionId, versionId: q.versionId, type: q.content.type, points: points[i] };
    if (q.content.type === 'single' || q.content.type === 'multiple') {
      const keys = (q.content.options ?? []).map((x) => x.key as OptionKey);
      item.optionOrder = o.optionOrder === 'original' ? keys : [...keys].reverse();
    }
    return item;
  });
  const [exam] = await db
    .insert(exams)
    .values({
      title: settings.title,
      kind: settings.kind,
      year: settings.year,
      status: o.status ?? 'published',
      opensAt,
      closesAt,
      durationSeconds: settings.durationMinutes * 60,
      passMark: settings.passMark,
      totalPoints: total,
      settings,
      fixedItems: items.map(({ optionOrder: _o, ...rest }) => rest),
      publishedAt: new Date(now),
    })
    .returning({ id: exams.id });
  const papers = new Map<number, number[]>();
  for (const personId of o.personIds) {
    await db.insert(examCandidates).values({ examId: exam.id, personId, source: 'list' });
    const ids: number[] = [];
    for (let n = 1; n <= (o.papersPerPerson ?? 1); n++) {
      const [p] = await db.insert(examPapers).values({ examId: exam.id, personId, attemptNo: n, seed: personId * 100 + n, items, expectedScore: total * 0.7 }).returning({ id: examPapers.id });
      ids.push(p.id);
    }
    papers.set(personId, ids);
  }
  return { examId: exam.id, papers, items };
}

/** Moves an exam's clock: sets the running attempt's deadline (e.g. into the past). */
export async function setExamWindow(t: TestApp, examId: number, window: { opensAt?: Date; closesAt?: Date }): Promise<void> {
  await t.ctx.db.update(exams).set(window).where(eq(exams.id, examId));
}
