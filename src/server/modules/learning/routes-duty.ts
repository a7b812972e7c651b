import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { beijingYearMonth, lecturerInputSchema, PACE_STATUSES } from '../../../common/duty';
import { LECTURER_LEVELS, quotaInputSchema } from '../../../common/learning';
import { MAX_PAGE_SIZE } from '../../../common/org';
import { actorOf, audit } from '../../platform/audit';
import { invalid } from '../../platform/errors';
import { principalOf } from '../../platform/http';
import { contentDispositionFor } from '../org/people-export';
import { dutyBoard, dutyWorkbook, requireProgressReader } from './duty';
import { createLecturer, deleteLecturer, getLecturer, lecturersWorkbook, listLecturers, updateLecturer } from './lecturers';
import { listMyNotifications, markAllRead, markRead, unreadCount } from './notifications';
import { allQuotaProgress, createQuota, deleteQuota, getQuota, listQuotas, quotaPeople, quotaProgress, quotaWorkbook, updateQuota } from './quotas';
import { sendDutyReminders, sendQuotaReminders } from './reminders';

const idParams = z.object({ id: z.coerce.number().int().positive('无效的编号') });
const yearField = z.coerce.number({ message: '年度应为数字' }).int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确');
const thisYear = () => beijingYearMonth(new Date()).year;
const yearQuery = z.object({ year: yearField.optional() });
/** progress "as of" an instant (default now) */
const atField = z.iso.datetime({ offset: true, message: '日期时间格式不正确' }).optional();
const boolQuery = z.enum(['true', 'false'], { message: '应为 true 或 false' }).transform((s) => s === 'true');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sendXlsx = (reply: FastifyReply, buf: Buffer, name: string) => reply.header('content-type', XLSX).header('content-disposition', contentDispositionFor(name)).send(buf);

/** 讲法责任, 师资库, 学法指标 and 提醒 (notifications). */
export async function dutyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.ctx.db;

  // ------------------------------------------------------------------ 讲法责任
  const dutyQuery = yearQuery.extend({ unitId: z.coerce.number().int().positive('无效的单位').optional() });
  r.get('/api/learning/duty', { schema: { tags: ['learning'], summary: '讲法责任（党政主要负责人年度讲法）', querystring: dutyQuery } }, async (req) => {
    const p = principalOf(req);
    requireProgressReader(p);
    return dutyBoard(db, p, req.query.year ?? thisYear(), { unitId: req.query.unitId });
  });

  r.get('/api/learning/duty/export', { schema: { tags: ['learning'], summary: '讲法责任导出 Excel', querystring: dutyQuery } }, async (req, reply) => {
    const p = principalOf(req);
    requireProgressReader(p);
    const year = req.query.year ?? thisYear();
    const board = await dutyBoard(db, p, year, { unitId: req.query.unitId });
    await audit(db, actorOf(req), { action: 'duty.export', entityType: 'lecture_duty', entityId: year, summary: `导出${year}年度讲法责任 ${board.leaders.length} 人` });
    return sendXlsx(reply, await dutyWorkbook(board), `讲法责任-${year}.xlsx`);
  });

  r.post(
    '/api/learning/duty/remind',
    { schema: { tags: ['learning'], summary: '提醒未完成讲法的主要负责人及其单位管理员（每周一次）', body: z.object({ year: yearField, dryRun: z.boolean().default(false) }) } },
    async (req) => {
      const p = principalOf(req);
      requireProgressReader(p);
      return db.transaction((tx) => sendDutyReminders(tx, p, req.body.year, { dryRun: req.body.dryRun, actor: actorOf(req) }));
    },
  );

  // ------------------------------------------------------------------ 师资库
  const lecturerFilters = yearQuery.extend({
    level: z.enum(LECTURER_LEVELS, { message: '未知级别' }).optional(),
    speciality: z.string().trim().max(20).optional(),
    q: z.string().trim().max(50).optional(),
    active: boolQuery.optional(),
  });
  r.get('/api/lecturers', { schema: { tags: ['learning'], summary: '师资库', querystring: lecturerFilters } }, async (req) => {
    const { year, ...f } = req.query;
    return { items: await listLecturers(db, principalOf(req), { ...f, year: year ?? thisYear() }) };
  });
  r.get('/api/lecturers/export', { schema: { tags: ['learning'], summary: '师资库导出 Excel', querystring: lecturerFilters } }, async (req, reply) => {
    const { year: y, ...f } = req.query;
    const year = y ?? thisYear();
    const items = await listLecturers(db, principalOf(req), { ...f, year });
    await audit(db, actorOf(req), { action: 'lecturer.export', entityType: 'lecturer', summary: `导出师资库 ${items.length} 人` });
    return sendXlsx(reply, await lecturersWorkbook(items, year), `师资库-${year}.xlsx`);
  });
  r.get('/api/lecturers/:id', { schema: { tags: ['learning'], summary: '讲师详情与讲课记录', params: idParams, querystring: yearQuery } }, async (req) =>
    getLecturer(db, principalOf(req), req.params.id, req.query.year ?? thisYear()),
  );
  r.post('/api/lecturers', { schema: { tags: ['learning'], summary: '新增讲师', body: lecturerInputSchema } }, async (req) =>
    createLecturer(db, principalOf(req), actorOf(req), req.body),
  );
  r.put('/api/lecturers/:id', { schema: { tags: ['learning'], summary: '修改讲师', params: idParams, body: lecturerInputSchema } }, async (req) =>
    updateLecturer(db, principalOf(req), actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/lecturers/:id', { schema: { tags: ['learning'], summary: '删除讲师（无讲课记录时）', params: idParams } }, async (req) => {
    await deleteLecturer(db, principalOf(req), actorOf(req), req.params.id);
    return { ok: true };
  });

  // ------------------------------------------------------------------ 学法指标
  r.get('/api/learning/quotas', { schema: { tags: ['learning'], summary: '学法指标', querystring: yearQuery } }, async (req) => ({
    items: await listQuotas(db, principalOf(req), req.query.year),
  }));
  r.get('/api/learning/quotas/progress', { schema: { tags: ['learning'], summary: '学法指标完成进度', querystring: yearQuery.extend({ at: atField }) } }, async (req) => {
    const year = req.query.year ?? thisYear();
    const at = req.query.at ? new Date(req.query.at) : new Date();
    return { year, at: at.toISOString(), items: await allQuotaProgress(db, principalOf(req), year, at) };
  });
  r.get('/api/learning/quotas/:id', { schema: { tags: ['learning'], summary: '学法指标详情', params: idParams } }, async (req) => getQuota(db, principalOf(req), req.params.id));
  r.get(
    '/api/learning/quotas/:id/progress',
    { schema: { tags: ['learning'], summary: '一项指标的完成进度', params: idParams, querystring: z.object({ at: atField }) } },
    async (req) => {
      const p = principalOf(req);
      return quotaProgress(db, p, await getQuota(db, p, req.params.id), req.query.at ? new Date(req.query.at) : new Date());
    },
  );
  r.get(
    '/api/learning/quotas/:id/people',
    {
      schema: {
        tags: ['learning'],
        summary: '个人学时指标的人员明细',
        params: idParams,
        querystring: z.object({
          at: atField,
          unitId: z.coerce.number().int().positive('无效的单位').optional(),
          status: z.enum(PACE_STATUSES, { message: '未知状态' }).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
        }),
      },
    },
    async (req) => {
      const p = principalOf(req);
      const { at, unitId, status, page, pageSize } = req.query;
      const res = await quotaPeople(db, p, await getQuota(db, p, req.params.id), at ? new Date(at) : new Date(), { unitId, status });
      return { expectedHours: res.expectedHours, total: res.items.length, items: res.items.slice((page - 1) * pageSize, page * pageSize) };
    },
  );
  r.get(
    '/api/learning/quotas/:id/export',
    { schema: { tags: ['learning'], summary: '指标进度导出 Excel', params: idParams, querystring: z.object({ at: atField }) } },
    async (req, reply) => {
      const p = principalOf(req);
      const q = await getQuota(db, p, req.params.id);
      await audit(db, actorOf(req), { action: 'quota.export', entityType: 'learning_quota', entityId: q.id, summary: `导出学法指标“${q.name}”进度` });
      return sendXlsx(reply, await quotaWorkbook(db, p, q, req.query.at ? new Date(req.query.at) : new Date()), `学法指标-${q.name}-${q.year}.xlsx`);
    },
  );
  r.post('/api/learning/quotas', { schema: { tags: ['learning'], summary: '新增学法指标', body: quotaInputSchema } }, async (req) =>
    createQuota(db, principalOf(req), actorOf(req), req.body),
  );
  r.put('/api/learning/quotas/:id', { schema: { tags: ['learning'], summary: '修改学法指标', params: idParams, body: quotaInputSchema } }, async (req) =>
    updateQuota(db, principalOf(req), actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/learning/quotas/:id', { schema: { tags: ['learning'], summary: '删除学法指标', params: idParams } }, async (req) => {
    await deleteQuota(db, principalOf(req), actorOf(req), req.params.id);
    return { ok: true };
  });
  r.post(
    '/api/learning/quotas/remind',
    {
      schema: {
        tags: ['learning'],
        summary: '提醒进度落后的单位管理员与人员（每周一次）',
        body: z.object({ year: yearField, quotaId: z.number({ message: '请选择指标' }).int().positive('请选择指标'), dryRun: z.boolean().default(false) }),
      },
    },
    async (req) => {
      const p = principalOf(req);
      requireProgressReader(p);
      const q = await getQuota(db, p, req.body.quotaId);
      if (q.year !== req.body.year) throw invalid([{ path: 'quotaId', message: '指标不属于所选年度' }]);
      return db.transaction((tx) => sendQuotaReminders(tx, p, q, { dryRun: req.body.dryRun, actor: actorOf(req) }));
    },
  );

  // ------------------------------------------------------------------ 提醒 (own account only)
  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['learning'],
        summary: '我的提醒',
        querystring: z.object({
          unread: boolQuery.optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
        }),
      },
    },
    async (req) => listMyNotifications(db, principalOf(req), req.query),
  );
  r.get('/api/notifications/unread-count', { schema: { tags: ['learning'], summary: '未读提醒数' } }, async (req) => ({ unread: await unreadCount(db, principalOf(req)) }));
  r.post('/api/notifications/read-all', { schema: { tags: ['learning'], summary: '全部标为已读' } }, async (req) => markAllRead(db, principalOf(req)));
  r.post('/api/notifications/:id/read', { schema: { tags: ['learning'], summary: '标为已读', params: idParams } }, async (req) => markRead(db, principalOf(req), req.params.id));
}
