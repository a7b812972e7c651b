/**
 * Reminders (提醒) for the lecture duty and for quotas behind pace. Every reminder carries a
 * dedupe key with the ISO week, so sending again in the same week — by hand or by the hourly
 * job — writes nothing new; the next week it goes out again.
 */
import { beijingYearMonth, DUTY_REMINDER_FROM_MONTH, isoWeekKey, type RemindResult } from '../../../common/duty';
import type { AppContext } from '../../context';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { loggableError } from '../../platform/errors';
import type { Principal } from '../../platform/principal';
import { dutyBoard, notDoneLeaders, unitPaths } from './duty';
import { accountsOfPeople, existingKeys, notify, unitAdminsByPath, type NotifyInput } from './notifications';
import type { QuotaView } from '../../../common/duty';
import { activityRows, hoursDetail } from './quotas';

type Message = Omit<NotifyInput, 'accountIds' | 'createdBy'> & { accountId: number; dedupeKey: string };

const listNames = (names: string[], max = 10) => (names.length > max ? `${names.slice(0, max).join('、')}等${names.length}人` : names.join('、'));

async function deliver(db: Db, messages: Message[], opts: { dryRun: boolean; createdBy: number | null }): Promise<RemindResult> {
  const existing = await existingKeys(
    db,
    messages.map((m) => m.accountId),
    messages.map((m) => m.dedupeKey),
  );
  const alreadyThisWeek = messages.filter((m) => existing.has(`${m.accountId}|${m.dedupeKey}`)).length;
  let sent = 0;
  if (!opts.dryRun) {
    for (const m of messages) {
      sent += await notify(db, { ...m, accountIds: [m.accountId], createdBy: opts.createdBy });
    }
  }
  return { sent, recipients: messages.length, alreadyThisWeek, dryRun: opts.dryRun };
}

/**
 * 讲法责任 reminder: each 在职 主要负责人 whose lectures are neither given nor scheduled, and
 * the unit admins above their unit (one message per admin naming the leaders). `p` limits it to
 * a unit admin's subtree; null (the job) covers everyone.
 */
export async function sendDutyReminders(
  db: Db,
  p: Principal | null,
  year: number,
  opts: { now?: Date; dryRun?: boolean; actor?: AuditActor } = {},
): Promise<RemindResult> {
  const now = opts.now ?? new Date();
  const week = isoWeekKey(now);
  const board = await dutyBoard(db, p, year, { now });
  const leaders = notDoneLeaders(board);
  const accountOf = await accountsOfPeople(
    db,
    leaders.map((l) => l.personId),
  );
  const messages: Message[] = [];
  for (const l of leaders) {
    const accountId = accountOf.get(l.personId);
    if (accountId === undefined) continue;
    messages.push({
      accountId,
      kind: 'lecture-duty',
      title: `${year}年度讲法任务提醒`,
      body: `您${year}年度应讲法${board.required}次，目前已讲${l.held}次${l.scheduled ? `、已安排${l.scheduled}次` : ''}，请尽快安排讲法并登记。`,
      link: null,
      dedupeKey: `lecture-duty:${year}:${week}:person:${l.personId}`,
    });
  }
  const paths = await unitPaths(
    db,
    leaders.map((l) => l.unitId),
  );
  const adminsByPath = await unitAdminsByPath(db, [...paths.values()]);
  const leadersByAdmin = new Map<number, string[]>();
  for (const l of leaders) {
    for (const a of adminsByPath.get(paths.get(l.unitId) ?? '') ?? []) {
      if (p && a === p.accountId) continue; // the sender knows already
      const list = leadersByAdmin.get(a) ?? [];
      list.push(`${l.name}（${l.unitName}）`);
      leadersByAdmin.set(a, list);
    }
  }
  for (const [accountId, names] of leadersByAdmin) {
    messages.push({
      accountId,
      kind: 'lecture-duty-unit',
      title: `${year}年度讲法责任未完成提醒`,
      body: `本单位及下级单位有${names.length}名党政主要负责人尚未完成${year}年度讲法任务（也未安排）：${listNames(names)}。`,
      link: `/learning/duty?year=${year}`,
      dedupeKey: `lecture-duty:${year}:${week}:unit-admin`,
    });
  }
  const result = await deliver(db, messages, { dryRun: !!opts.dryRun, createdBy: p?.accountId ?? null });
  if (!opts.dryRun && opts.actor) {
    await audit(db, opts.actor, {
      action: 'duty.remind',
      entityType: 'lecture_duty',
      entityId: year,
      summary: `发送${year}年度讲法责任提醒 ${result.sent} 条（未完成 ${leaders.length} 人）`,
    });
  }
  return result;
}

/** The automatic job: from 1 October (Beijing) on, the duty reminder once a week per person. */
export async function runLectureDutyReminders(db: Db, now: Date = new Date()): Promise<number> {
  const { year, month } = beijingYearMonth(now);
  if (month < DUTY_REMINDER_FROM_MONTH) return 0;
  return (await sendDutyReminders(db, null, year, { now })).sent;
}

export const DUTY_REMINDER_INTERVAL_MS = 3600_000;

/** Starts the hourly check (safe in every process: the dedupe key makes concurrent runs harmless). */
export function startDutyReminders(ctx: Pick<AppContext, 'db'>, log: { error(obj: unknown, msg?: string): void }, intervalMs = DUTY_REMINDER_INTERVAL_MS) {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runLectureDutyReminders(ctx.db)
      .then(() => undefined)
      .catch((err: unknown) => log.error({ err: loggableError(err) }, 'lecture duty reminders failed'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, Math.min(intervalMs, 60_000));
  first.unref();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      if (running) await running;
    },
  };
}

/**
 * Quota reminder: unit admins of units behind (activity_count: fewer activities than the pace;
 * personal_hours: under 80 % of the unit on pace), and for personal hours each person behind pace.
 */
export async function sendQuotaReminders(db: Db, p: Principal, q: QuotaView, opts: { now?: Date; dryRun?: boolean; actor?: AuditActor } = {}): Promise<RemindResult> {
  const now = opts.now ?? new Date();
  const week = isoWeekKey(now);
  const messages: Message[] = [];
  const link = `/learning/quotas?year=${q.year}&quotaId=${q.id}`;
  const behindUnits: { unitId: number; unitName: string; text: string }[] = [];
  if (q.metric === 'activity_count') {
    for (const r of await activityRows(db, p, q, now)) {
      if (r.status !== 'behind') continue;
      behindUnits.push({
        unitId: r.unitId,
        unitName: r.unitName,
        text: `“${q.name}”要求全年${q.activityKind ?? ''}${q.target}次，${r.unitName}已完成${r.done}次，按进度应完成${r.expected}次，还差${r.behindBy}次（全年还差${r.missing}次）。`,
      });
    }
  } else {
    const d = await hoursDetail(db, p, q, now);
    for (const u of d.units) {
      if (!u.flagged) continue;
      behindUnits.push({
        unitId: u.unitId,
        unitName: u.unitName,
        text: `“${q.name}”要求每人全年${q.target}学时，按进度应达${d.expectedHours}学时；${u.unitName}共${u.people}人，${u.behindPace}人进度落后，人均${u.meanHours}学时。`,
      });
    }
    const behind = d.people.filter((x) => x.status === 'behind');
    const accountOf = await accountsOfPeople(
      db,
      behind.map((x) => x.personId),
    );
    for (const x of behind) {
      const accountId = accountOf.get(x.personId);
      if (accountId === undefined) continue;
      messages.push({
        accountId,
        kind: 'quota-person',
        title: '学法学时进度提醒',
        body: `“${q.name}”要求全年${q.target}学时，按进度目前应达${d.expectedHours}学时，您已累计${x.hours}学时，请抓紧学习。`,
        link: '/my/learning',
        dedupeKey: `quota:${q.id}:${week}:person:${x.personId}`,
      });
    }
  }
  const paths = await unitPaths(
    db,
    behindUnits.map((u) => u.unitId),
  );
  const admins = await unitAdminsByPath(db, [...paths.values()]);
  for (const u of behindUnits) {
    for (const accountId of admins.get(paths.get(u.unitId) ?? '') ?? []) {
      if (accountId === p.accountId) continue;
      messages.push({ accountId, kind: 'quota-unit', title: `学法指标进度落后：${u.unitName}`, body: u.text, link, dedupeKey: `quota:${q.id}:${week}:unit:${u.unitId}` });
    }
  }
  const result = await deliver(db, messages, { dryRun: !!opts.dryRun, createdBy: p.accountId });
  if (!opts.dryRun && opts.actor) {
    await audit(db, opts.actor, {
      action: 'quota.remind',
      entityType: 'learning_quota',
      entityId: q.id,
      summary: `发送学法指标“${q.name}”提醒 ${result.sent} 条（落后单位 ${behindUnits.length} 个）`,
    });
  }
  return result;
}
