/**
 * Lossless autosave (the hot path): a batch of saves, each with a per-attempt seq. Per position
 * the stored answer is the one with the highest seq, so a late retry never overwrites a newer
 * answer; every seq in the request is acknowledged (stored or superseded).
 *
 * Statements per request: the attempt row, then ONE statement that (a) updates the attempt's
 * last_seq only while it is in progress on this device and within deadline + grace — which also
 * locks the row against a concurrent submit or finaliser — and (b) upserts the answers only if
 * (a) matched. Paper and question contents come from the in-process cache (frozen.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import { blankNumbers, OPTION_KEYS, type OptionKey, type QuestionContent, type QuestionResponse } from '../../../common/bank';
import { SAVE_GRACE_SECONDS, type DisplayedResponse, type PaperItem, type SaveAnswersResponse } from '../../../common/exam';
import type { FieldIssue } from '../../../common/errors';
import type { Db } from '../../db/client';
import { AppError, invalid, notFound } from '../../platform/errors';
import { displayedToOriginal, originalToDisplayed } from '../bank/public';
import { paperItems, versionContents } from './frozen';
import { examAttempts } from './schema';

export interface SaveInput {
  position: number;
  seq: number;
  response: DisplayedResponse | null;
  flagged: boolean;
}

/** The option keys of a choice item in the order shown (displayed A = [0]). */
export function shownOrder(item: PaperItem, content: QuestionContent): readonly OptionKey[] {
  return item.optionOrder ?? (content.options ?? []).map((o) => o.key);
}

export function blankCountOf(content: QuestionContent): number {
  return content.type === 'fill' ? blankNumbers(content.stem).length : 0;
}

/**
 * A displayed response → the stored one (original keys), or a Chinese problem. Checks the type,
 * that letters are among those shown, and the number of blanks.
 */
export function toOriginal(resp: DisplayedResponse, item: PaperItem, content: QuestionContent): { ok: true; value: QuestionResponse } | { ok: false; message: string } {
  if (resp.type !== content.type) return { ok: false, message: `本题是${typeZh(content.type)}，作答类型不符` };
  switch (resp.type) {
    case 'single': {
      if (resp.key === null) return { ok: true, value: { type: 'single', key: null } };
      const k = displayedToOriginal(resp.key, shownOrder(item, content));
      return k ? { ok: true, value: { type: 'single', key: k } } : { ok: false, message: `选项${resp.key}不存在` };
    }
    case 'multiple': {
      const order = shownOrder(item, content);
      if (new Set(resp.keys).size !== resp.keys.length) return { ok: false, message: '选项重复' };
      const keys: OptionKey[] = [];
      for (const d of resp.keys) {
        const k = displayedToOriginal(d, order);
        if (!k) return { ok: false, message: `选项${d}不存在` };
        keys.push(k);
      }
      return { ok: true, value: { type: 'multiple', keys: keys.sort() } };
    }
    case 'fill': {
      const n = blankCountOf(content);
      if (resp.blanks.length > n) return { ok: false, message: `本题只有${n}个空，提交了${resp.blanks.length}个` };
      return { ok: true, value: { type: 'fill', blanks: Array.from({ length: n }, (_, i) => resp.blanks[i] ?? '') } };
    }
    default:
      return { ok: true, value: resp };
  }
}

/** A stored response (original keys) → what the examinee saw (displayed letters). */
export function toDisplayed(resp: QuestionResponse | null, item: PaperItem, content: QuestionContent): DisplayedResponse | null {
  if (!resp) return null;
  if (resp.type === 'single') return { type: 'single', key: resp.key === null ? null : (originalToDisplayed(resp.key, shownOrder(item, content)) ?? null) };
  if (resp.type === 'multiple') {
    const order = shownOrder(item, content);
    const keys = resp.keys.map((k) => originalToDisplayed(k, order)).filter((k): k is OptionKey => !!k);
    return { type: 'multiple', keys: keys.sort((a, b) => OPTION_KEYS.indexOf(a) - OPTION_KEYS.indexOf(b)) };
  }
  return resp;
}

const TYPE_ZH: Record<string, string> = { single: '单选题', multiple: '多选题', truefalse: '判断题', fill: '填空题', essay: '简答题' };
const typeZh = (t: string) => TYPE_ZH[t] ?? t;

/** Validates and maps a batch against the paper; every problem with its path saves.N.… */
export async function prepareSaves(db: Db, paperId: number, saves: readonly SaveInput[]) {
  const items = await paperItems(db, paperId);
  const contents = await versionContents(
    db,
    saves.filter((s) => s.position < items.length).map((s) => items[s.position].versionId),
  );
  const issues: FieldIssue[] = [];
  const rows: { position: number; seq: number; response: QuestionResponse | null; flagged: boolean }[] = [];
  saves.forEach((s, i) => {
    const item = items[s.position];
    if (!item) {
      issues.push({ path: `saves.${i}.position`, message: `试卷共${items.length}题，没有第${s.position + 1}题` });
      return;
    }
    let response: QuestionResponse | null = null;
    if (s.response) {
      const r = toOriginal(s.response, item, contents.get(item.versionId)!);
      if (!r.ok) {
        issues.push({ path: `saves.${i}.response`, message: `第${s.position + 1}题：${r.message}` });
        return;
      }
      response = r.value;
    }
    rows.push({ position: s.position, seq: s.seq, response, flagged: s.flagged });
  });
  if (issues.length) throw invalid(issues);
  // one row per position in a single INSERT … ON CONFLICT: keep the highest seq of the batch
  const best = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if ((best.get(r.position)?.seq ?? -1) < r.seq) best.set(r.position, r);
  return [...best.values()];
}

/**
 * The gated upsert: returns the attempt's new last_seq and deadline, or null when the attempt is
 * no longer writable by this device (submitted, past deadline + grace, or taken over).
 */
export async function upsertAnswers(
  db: Db,
  attemptId: number,
  deviceId: string,
  rows: { position: number; seq: number; response: QuestionResponse | null; flagged: boolean }[],
  now: Date,
): Promise<{ lastSeq: number; deadlineMs: number } | null> {
  const maxSeq = rows.reduce((m, r) => Math.max(m, r.seq), 0);
  const json = JSON.stringify(rows);
  const res = (await db.execute(sql`
    with a as (
      update exam_attempts set last_seq = greatest(last_seq, ${maxSeq}::int)
      where id = ${attemptId} and status = 'in_progress' and active_device_id = ${deviceId}
        and deadline_at + make_interval(secs => ${SAVE_GRACE_SECONDS}) >= ${now.toISOString()}::timestamptz
      returning id, last_seq, (extract(epoch from deadline_at) * 1000)::float8 as deadline_ms
    ), ins as (
      insert into attempt_answers (attempt_id, position, seq, response, flagged, saved_at)
      select a.id, v.position, v.seq, v.response, v.flagged, ${now.toISOString()}::timestamptz
      from a, jsonb_to_recordset(${json}::jsonb) as v(position int, seq int, response jsonb, flagged boolean)
      on conflict (attempt_id, position) do update
        set seq = excluded.seq, response = excluded.response, flagged = excluded.flagged, saved_at = excluded.saved_at
        where attempt_answers.seq < excluded.seq
    )
    select last_seq, deadline_ms from a
  `)) as unknown as { rows: { last_seq: number; deadline_ms: number }[] };
  const row = res.rows[0];
  return row ? { lastSeq: Number(row.last_seq), deadlineMs: Number(row.deadline_ms) } : null;
}

export interface AttemptGate {
  id: number;
  personId: number;
  paperId: number;
  status: string;
  deadlineAt: Date;
  activeDeviceId: string | null;
}

export async function attemptGate(db: Db, attemptId: number, personId: number): Promise<AttemptGate> {
  const [a] = await db
    .select({
      id: examAttempts.id,
      personId: examAttempts.personId,
      paperId: examAttempts.paperId,
      status: examAttempts.status,
      deadlineAt: examAttempts.deadlineAt,
      activeDeviceId: examAttempts.activeDeviceId,
    })
    .from(examAttempts)
    .where(and(eq(examAttempts.id, attemptId), eq(examAttempts.personId, personId)));
  if (!a) throw notFound('作答记录');
  return a;
}

/** Why this device may not write to the attempt now, or null. */
export function writeRefusal(a: AttemptGate, deviceId: string, now: Date): AppError | null {
  if (a.status !== 'in_progress') return new AppError('ATTEMPT_CLOSED', '本次作答已交卷，不能再保存答案');
  if (now.getTime() > a.deadlineAt.getTime() + SAVE_GRACE_SECONDS * 1000) return new AppError('ATTEMPT_CLOSED', '考试时间已到，不能再保存答案');
  if (a.activeDeviceId !== deviceId) return new AppError('DEVICE_REPLACED');
  return null;
}

/** PUT /api/my/attempts/:id/answers */
export async function saveAnswers(db: Db, personId: number, attemptId: number, body: { deviceId: string; saves: SaveInput[] }, now = new Date()): Promise<SaveAnswersResponse> {
  const gate = await attemptGate(db, attemptId, personId);
  const refused = writeRefusal(gate, body.deviceId, now);
  if (refused) throw refused;
  const rows = await prepareSaves(db, gate.paperId, body.saves);
  const done = await upsertAnswers(db, attemptId, body.deviceId, rows, now);
  if (!done) {
    // something changed between the two statements (submitted, taken over): say what
    const again = await attemptGate(db, attemptId, personId);
    throw writeRefusal(again, body.deviceId, now) ?? new AppError('ATTEMPT_CLOSED');
  }
  return {
    acknowledged: body.saves.map((s) => s.seq),
    lastSeq: done.lastSeq,
    serverNow: now.toISOString(),
    deadlineAt: new Date(done.deadlineMs).toISOString(),
  };
}
