import ExcelJS from 'exceljs';
import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../common/org';
import { contentDispositionFor } from '../modules/org/people-export';
import { actorOf, audit } from './audit';
import { principalOf } from './http';
import { requireRole } from './principal';
import { auditLog } from './schema';

const filterQuery = z.object({
  q: z.string().max(100).optional(),
  action: z.string().max(64).optional(),
  actorName: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true, message: '开始时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, message: '结束时间格式不正确' }).optional(),
});

function conditions(f: z.infer<typeof filterQuery>): SQL | undefined {
  const c: SQL[] = [];
  const esc = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  if (f.q) c.push(or(ilike(auditLog.summary, esc(f.q)), ilike(auditLog.entityId, esc(f.q)), ilike(auditLog.ip, esc(f.q)))!);
  if (f.action) c.push(eq(auditLog.action, f.action));
  if (f.actorName) c.push(ilike(auditLog.actorName, esc(f.actorName)));
  if (f.from) c.push(gte(auditLog.at, new Date(f.from)));
  if (f.to) c.push(lte(auditLog.at, new Date(f.to)));
  return c.length ? and(...c) : undefined;
}

/** The audit trail: read and export only. There is deliberately no route that changes it. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志检索',
        querystring: filterQuery.extend({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
        }),
      },
    },
    async (req) => {
      requireRole(principalOf(req), 'admin');
      const { page, pageSize, ...f } = req.query;
      const where = conditions(f);
      const [{ n }] = await db.select({ n: count() }).from(auditLog).where(where);
      const items = await db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return { items: items.map((i) => ({ ...i, at: i.at.toISOString() })), total: Number(n), page, pageSize };
    },
  );

  r.get('/api/audit/export.xlsx', { schema: { tags: ['audit'], summary: '导出审计日志', querystring: filterQuery } }, async (req, reply) => {
    requireRole(principalOf(req), 'admin');
    const rows = await db.select().from(auditLog).where(conditions(req.query)).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(100_000);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('审计日志');
    ws.columns = [
      { header: '时间', key: 'at', width: 22 },
      { header: '操作人', key: 'actorName', width: 14 },
      { header: 'IP', key: 'ip', width: 16 },
      { header: '操作', key: 'action', width: 24 },
      { header: '对象类型', key: 'entityType', width: 10 },
      { header: '对象编号', key: 'entityId', width: 10 },
      { header: '摘要', key: 'summary', width: 40 },
      { header: '修改前', key: 'before', width: 40 },
      { header: '修改后', key: 'after', width: 40 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const x of rows) {
      ws.addRow({
        ...x,
        at: x.at.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }),
        before: x.before ? JSON.stringify(x.before) : '',
        after: x.after ? JSON.stringify(x.after) : '',
      });
    }
    await audit(db, actorOf(req), { action: 'audit.export', summary: `导出审计日志 ${rows.length} 条`, after: { filters: req.query } });
    const buf = await wb.xlsx.writeBuffer();
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDispositionFor(`审计日志-${new Date().toISOString().slice(0, 10)}.xlsx`))
      .send(Buffer.from(buf));
  });
}
