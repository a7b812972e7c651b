/**
 * Nothing an examinee's browser receives while taking an exam — or after submitting, while the
 * results and answers are not released — contains an answer key, 解析, reference answer, rubric or
 * legal basis. Unique markers are planted in each of those fields and every raw response body is
 * searched for them and for the field names.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTION_KEYS, type QuestionContentInput } from '../../src/common/bank';
import type { AttemptView } from '../../src/common/exam';
import { exams } from '../../src/server/modules/exam/schema';
import { adminClient, createTestApp, type Client, type TestApp } from '../helpers/app';
import { createActiveQuestions, createMember, insertPublishedExam, type ActiveQuestion, type Member } from '../helpers/exam';

let t: TestApp;
let admin: Client;
let alice: Member;
let qs: ActiveQuestion[];
const DEV = 'device-alice-leak1';

/** Markers: ASCII words that appear nowhere else, one per secret field of each question. */
const mark = (field: string, n: number) => `ZQX${field}${n}WVY`;
const opts = (n: number) => OPTION_KEYS.slice(0, n).map((key) => ({ key, html: `选项${key}` }));
const secrets = (n: number) => ({
  explanationHtml: `<p>解析${mark('EXPL', n)}</p>`,
  legalBasis: [{ lawTitle: `法律${mark('LAW', n)}`, articleLabel: '第一条' }],
});
const questions: QuestionContentInput[] = [
  { type: 'single', stem: '单选题干', difficulty: 2, options: opts(4), answer: { key: 'C' }, ...secrets(1) },
  { type: 'multiple', stem: '多选题干', difficulty: 3, options: opts(5), answer: { keys: ['A', 'C', 'D'] }, ...secrets(2) },
  { type: 'truefalse', stem: '判断题干', difficulty: 1, answer: { value: false }, ...secrets(3) },
  { type: 'fill', stem: '填空题干{{1}}和{{2}}', difficulty: 2, answer: { blanks: [{ accepted: [mark('FILLA', 4)] }, { accepted: [mark('FILLB', 4), mark('FILLC', 4)] }] }, ...secrets(4) },
  {
    type: 'essay',
    stem: '简答题干',
    difficulty: 4,
    answer: { referenceHtml: `<p>参考答案${mark('REF', 5)}</p>`, rubric: [{ point: `要点${mark('RUBRIC', 5)}`, score: 5 }] },
    ...secrets(5),
  },
];
const MARKERS = [
  ...[1, 2, 3, 4, 5].flatMap((n) => [mark('EXPL', n), mark('LAW', n)]),
  mark('FILLA', 4),
  mark('FILLB', 4),
  mark('FILLC', 4),
  mark('REF', 5),
  mark('RUBRIC', 5),
];
/** Property names that carry keys or grading anywhere in the model. */
const SECRET_PROPS = ['answer', 'explanationHtml', 'referenceHtml', 'rubric', 'legalBasis', 'correctAnswer', 'credit', 'accepted', 'knowledgePoints'];

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  alice = await createMember(t, admin, '考生甲', 'lk001');
  qs = await createActiveQuestions(admin, questions);
});
afterAll(() => t.close());

function propNames(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => propNames(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      propNames(x, out);
    }
  return out;
}
function scoresIn(v: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(v)) v.forEach((x) => scoresIn(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === 'score' || k === 'passed') out.push(x);
      else scoresIn(x, out);
    }
  return out;
}

describe('no answer key reaches the examinee', () => {
  it('through my exams, start, get, save, events, submit and result while nothing is released', async () => {
    const { examId } = await insertPublishedExam(t, { questions: qs, personIds: [alice.personId], settings: { resultsRelease: 'after_close', answersRelease: 'never' } });
    const bodies: { what: string; body: string }[] = [];
    const keep = async (what: string, p: Promise<{ statusCode: number; body: string }>) => {
      const res = await p;
      expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(300);
      bodies.push({ what, body: res.body });
      return JSON.parse(res.body);
    };
    await keep('my exams', alice.client.get('/api/my/exams'));
    const view = (await keep('start', alice.client.post(`/api/my/exams/${examId}/start`, { deviceId: DEV }))) as AttemptView;
    await keep('get', alice.client.get(`/api/my/attempts/${view.id}?deviceId=${DEV}`));
    await keep(
      'save',
      alice.client.put(`/api/my/attempts/${view.id}/answers`, {
        deviceId: DEV,
        saves: [
          { position: 0, seq: 1, response: { type: 'single', key: 'A' } },
          { position: 1, seq: 2, response: { type: 'multiple', keys: ['A', 'B'] } },
          { position: 2, seq: 3, response: { type: 'truefalse', value: true } },
          { position: 3, seq: 4, response: { type: 'fill', blanks: ['我的答案', ''] } },
        ],
      }),
    );
    await keep('get after save', alice.client.get(`/api/my/attempts/${view.id}`));
    await keep('event', alice.client.post(`/api/my/attempts/${view.id}/events`, { deviceId: DEV, kind: 'blur' }));
    await keep('resume', alice.client.post(`/api/my/exams/${examId}/start`, { deviceId: DEV }));
    await keep(
      'submit',
      alice.client.post(`/api/my/attempts/${view.id}/submit`, { deviceId: DEV, saves: [{ position: 4, seq: 5, response: { type: 'essay', text: '我的简答' } }] }),
    );
    await keep('result', alice.client.get(`/api/my/attempts/${view.id}/result`));
    await keep('my exams after', alice.client.get('/api/my/exams'));
    // error bodies too
    bodies.push({ what: 'get submitted', body: (await alice.client.get(`/api/my/attempts/${view.id}`)).body });
    bodies.push({ what: 'late save', body: (await alice.client.put(`/api/my/attempts/${view.id}/answers`, { deviceId: DEV, saves: [{ position: 0, seq: 9, response: null }] })).body });

    for (const { what, body } of bodies) {
      for (const m of MARKERS) expect(body.includes(m), `${what} contains ${m}`).toBe(false);
      expect(body, what).not.toMatch(/解析|参考答案|要点/);
      const props = propNames(JSON.parse(body));
      for (const p of SECRET_PROPS) expect(props.has(p), `${what} has property ${p}`).toBe(false);
      // item and total scores would tell right from wrong: all withheld until results are released
      expect(scoresIn(JSON.parse(body)).every((s) => s === null), `${what} reveals a score`).toBe(true);
    }

    // the check can fail: once answers are released and the exam is over, the same result carries keys and 解析
    await t.ctx.db
      .update(exams)
      .set({ settings: sql`${exams.settings} || '{"answersRelease":"immediate","resultsRelease":"immediate"}'::jsonb` })
      .where(eq(exams.id, examId));
    // …but not while the exam is still open for others, whatever the setting says
    const stillOpen = (await alice.client.get(`/api/my/attempts/${view.id}/result`)).body;
    for (const m of MARKERS) expect(stillOpen.includes(m), `open exam result contains ${m}`).toBe(false);
    await t.ctx.db.update(exams).set({ status: 'closed' }).where(eq(exams.id, examId));
    const released = (await alice.client.get(`/api/my/attempts/${view.id}/result`)).body;
    expect(released).toContain(mark('EXPL', 1));
    expect(released).toContain(mark('REF', 5));
    expect(released).toContain(mark('FILLC', 4));
    expect(propNames(JSON.parse(released)).has('correctAnswer')).toBe(true);
    // never the rubric or the legal basis
    expect(released).not.toContain(mark('RUBRIC', 5));
    expect(released).not.toContain(mark('LAW', 1));
  });
});
