import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attemptListQuery, examListQuery, rosterAddSchema, rosterListQuery } from '../../../common/exam-admin';
import { examInputSchema, rosterOverrideSchema } from '../../../common/exam';
import { actorOf } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { principalOf } from '../../platform/http';
import { contentDispositionFor } from '../org/people-export';
import { checkExam, closeExam, createExam, deleteExam, examDetail, listExams, publishExam, requireOrganiser, updateExam } from './exams';
import { attemptDetail, listAttempts } from './monitor';
import { requireResultsReader } from './results';
import { addToRoster, examForRoster, listRoster, removeFromRoster, setOverride } from './roster';
import { importRoster, rosterTemplate } from './roster-import';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const idParams = z.object({ id: z.coerce.number().int().positive('无效的考试编号') });
const personParams = idParams.extend({ personId: z.coerce.number().int().positive('无效的人员编号') });
const tags = ['exam'];

async function readFile(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', '请以 multipart/form-data 方式上传 Excel 文件（字段名 file）');
  let buffer: Buffer | undefined;
  for await (const part of req.parts()) if (part.type === 'file') buffer = await part.toBuffer();
  if (!buffer) throw new AppError('BAD_REQUEST', '请选择要导入的 Excel 文件');
  return buffer;
}

/** 考试设置（考评办）: exams, the blueprint check, publish/close, roster. Admin and organiser only. */
export async function examManageRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;
  const db = ctx.db;
  // Refuse non-organisers before looking at their input (403, not a 400 about fields they may not use).
  app.addHook('preValidation', async (req) => requireOrganiser(principalOf(req)));

  r.get('/api/exams', { schema: { tags, summary: '考试列表（筛选、分页）', querystring: examListQuery } }, async (req) => {
    requireOrganiser(principalOf(req));
    const { page, pageSize, ...f } = req.query;
    return listExams(db, f, page, pageSize);
  });

  r.post('/api/exams', { schema: { tags, summary: '新建考试（草稿）', body: examInputSchema } }, async (req) =>
    createExam(db, principalOf(req), actorOf(req), req.body),
  );

  r.get('/api/exams/roster-template.xlsx', { schema: { tags, summary: '下载考生名单导入模板' } }, async (req, reply) => {
    requireOrganiser(principalOf(req));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDispositionFor('考生名单导入模板.xlsx')).send(await rosterTemplate());
  });

  r.get('/api/exams/:id', { schema: { tags, summary: '考试详情', params: idParams } }, async (req) => {
    requireOrganiser(principalOf(req));
    return examDetail(db, req.params.id);
  });

  r.put(
    '/api/exams/:id',
    {
      schema: {
        tags,
        summary: '修改考试',
        description: '草稿：提交完整表单（同新建）。已发布：只能修改 title、instructions、closesAt、passValidMonths（可只提交这些字段，或提交其余字段不变的完整表单）。',
        params: idParams,
        body: z.record(z.string(), z.unknown(), { message: '请求体应为对象' }),
      },
    },
    async (req) => updateExam(db, principalOf(req), actorOf(req), req.params.id, req.body),
  );

  r.delete('/api/exams/:id', { schema: { tags, summary: '删除考试草稿', params: idParams } }, async (req) =>
    deleteExam(db, principalOf(req), actorOf(req), req.params.id),
  );

  r.post('/api/exams/:id/check', { schema: { tags, summary: '检查组卷规则与题库、试组卷', params: idParams } }, async (req) =>
    checkExam(db, principalOf(req), req.params.id),
  );

  r.post('/api/exams/:id/publish', { schema: { tags, summary: '发布考试（冻结题池、生成名单、预先组卷）', params: idParams } }, async (req) =>
    publishExam(db, principalOf(req), actorOf(req), req.params.id),
  );

  r.post('/api/exams/:id/close', { schema: { tags, summary: '立即结束考试', params: idParams } }, async (req) =>
    closeExam(db, principalOf(req), actorOf(req), req.params.id),
  );

  r.get('/api/exams/:id/roster', { schema: { tags, summary: '考生名单', params: idParams, querystring: rosterListQuery } }, async (req) => {
    requireOrganiser(principalOf(req));
    const { page, pageSize, q } = req.query;
    return listRoster(db, req.params.id, { q }, page, pageSize);
  });

  r.post('/api/exams/:id/roster', { schema: { tags, summary: '添加考生', params: idParams, body: rosterAddSchema } }, async (req) => {
    requireOrganiser(principalOf(req));
    return addToRoster(db, actorOf(req), req.params.id, req.body.personIds);
  });

  r.post(
    '/api/exams/:id/roster/import',
    {
      schema: {
        tags,
        summary: '导入考生名单（Excel）',
        description: 'multipart/form-data：文件字段 `file`（.xlsx）；`?dryRun=1` 只校验不写入。有错误的行全部列出（行号、列），正式导入时返回 422 且不写入。',
        params: idParams,
        querystring: z.object({ dryRun: z.enum(['0', '1', 'true', 'false'], { message: 'dryRun 应为 1 或 0' }).optional() }),
      },
    },
    async (req) => {
      requireOrganiser(principalOf(req));
      await examForRoster(db, req.params.id);
      const buf = await readFile(req);
      return importRoster(ctx, actorOf(req), req.params.id, buf, req.query.dryRun === '1' || req.query.dryRun === 'true');
    },
  );

  r.delete('/api/exams/:id/roster/:personId', { schema: { tags, summary: '移出考生（已参加考试的不能移出）', params: personParams } }, async (req) => {
    requireOrganiser(principalOf(req));
    return removeFromRoster(db, actorOf(req), req.params.id, req.params.personId);
  });

  r.put(
    '/api/exams/:id/roster/:personId',
    { schema: { tags, summary: '个人延时与考试时段（即时生效，含进行中的作答）', params: personParams, body: rosterOverrideSchema } },
    async (req) => {
      requireOrganiser(principalOf(req));
      return setOverride(db, actorOf(req), req.params.id, req.params.personId, req.body);
    },
  );
}

/**
 * 监考: attempts and their event logs. Admin, organiser and unit admin (their subtrees only), so
 * these live outside examManageRoutes, whose hook admits organisers only.
 */
export async function examMonitorRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.ctx.db;
  app.addHook('preValidation', async (req) => requireResultsReader(principalOf(req)));

  r.get('/api/exams/:id/attempts', { schema: { tags, summary: '监考：作答列表（进行中/已交卷）', params: idParams, querystring: attemptListQuery } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    return listAttempts(db, principalOf(req), req.params.id, f, page, pageSize);
  });

  r.get(
    '/api/exams/:id/attempts/:attemptId',
    { schema: { tags, summary: '监考：一次作答的详情与切屏等事件记录', params: idParams.extend({ attemptId: z.coerce.number().int().positive('无效的作答编号') }) } },
    async (req) => attemptDetail(db, principalOf(req), req.params.id, req.params.attemptId),
  );
}
