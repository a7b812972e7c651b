import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { archiveExportQuery, archiveListQuery, archiveYearQuery, MAX_BATCH_PRINT } from '../../../common/archive';
import { actorOf, audit } from '../../platform/audit';
import { principalOf } from '../../platform/http';
import { contentDispositionFor } from '../org/people-export';
import { allArchiveRows, archiveList, archivesFor, myArchive, personArchive, unitDisplayName } from './archive';
import { archivePrintPage, archiveWorkbook } from './archive-export';

const tags = ['learning'];
const personParams = z.object({ personId: z.coerce.number().int('无效的编号').positive('无效的编号') });

/** 学法档案: a person's year (JSON and printable A4), the unit table, its Excel and batch printing. */
export async function archiveRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  r.get(
    '/api/archives',
    { schema: { tags, summary: '学法档案列表（每人一行）', description: '考评办看全部；单位管理员只看本单位及下级单位的人员。', querystring: archiveListQuery } },
    async (req) => {
      const { page, pageSize, ...f } = req.query;
      return archiveList(ctx, principalOf(req), f, page, pageSize);
    },
  );

  r.get('/api/archives/export.xlsx', { schema: { tags, summary: '导出学法档案 Excel（每人一行）', querystring: archiveExportQuery } }, async (req, reply) => {
    const p = principalOf(req);
    const rows = await allArchiveRows(ctx, p, req.query);
    const unitName = await unitDisplayName(ctx.db, req.query.unitId);
    const body = await archiveWorkbook(rows, { year: req.query.year, unitName, generatedAt: new Date() });
    await audit(ctx.db, actorOf(req), {
      action: 'archive.export',
      entityType: 'unit',
      entityId: req.query.unitId ?? null,
      summary: `导出${req.query.year}年度学法档案（${unitName}，${rows.length}人）`,
      after: { filters: req.query },
    });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDispositionFor(`学法档案-${req.query.year}-${unitName.split('/').at(-1) ?? ''}.xlsx`))
      .send(body);
  });

  r.get('/api/archives/print', { schema: { tags, summary: '批量打印学法档案（每人一页 A4）', querystring: archiveExportQuery } }, async (req, reply) => {
    const p = principalOf(req);
    const { archives, total } = await archivesFor(ctx, p, req.query, MAX_BATCH_PRINT);
    const unitName = await unitDisplayName(ctx.db, req.query.unitId);
    await audit(ctx.db, actorOf(req), {
      action: 'archive.print',
      entityType: 'unit',
      entityId: req.query.unitId ?? null,
      summary: `批量打印${req.query.year}年度学法档案（${unitName}，${archives.length}人）`,
      after: { filters: req.query },
    });
    const note = total > archives.length ? `\u3000共 ${total} 人，本页只含前 ${archives.length} 人，请按下级单位分批打印。` : `\u3000共 ${archives.length} 人。`;
    return reply.type('text/html; charset=utf-8').send(archivePrintPage(`${req.query.year}年度学法档案 ${unitName}`, archives, note));
  });

  r.get('/api/archives/people/:personId', { schema: { tags, summary: '个人学法档案', params: personParams, querystring: archiveYearQuery } }, async (req) =>
    personArchive(ctx, principalOf(req), req.params.personId, req.query.year),
  );

  r.get(
    '/api/archives/people/:personId/print',
    { schema: { tags, summary: '个人学法档案（可打印 A4 页面）', params: personParams, querystring: archiveYearQuery } },
    async (req, reply) => {
      const a = await personArchive(ctx, principalOf(req), req.params.personId, req.query.year);
      return reply.type('text/html; charset=utf-8').send(archivePrintPage(`${a.person.name} ${a.year}年度学法档案`, [a]));
    },
  );

  r.get('/api/my/archive', { schema: { tags, summary: '我的学法档案', querystring: archiveYearQuery } }, async (req) => myArchive(ctx, principalOf(req), req.query.year));

  r.get('/api/my/archive/print', { schema: { tags, summary: '我的学法档案（可打印 A4 页面）', querystring: archiveYearQuery } }, async (req, reply) => {
    const a = await myArchive(ctx, principalOf(req), req.query.year);
    return reply.type('text/html; charset=utf-8').send(archivePrintPage(`${a.person.name} ${a.year}年度学法档案`, [a]));
  });
}
