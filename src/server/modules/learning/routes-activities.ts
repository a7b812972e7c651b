import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { activityInputSchema, activityListQuery, attendanceSetSchema, candidateQuery, signInWindowSchema } from '../../../common/activities';
import { actorOf } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { principalOf } from '../../platform/http';
import { contentDispositionFor } from '../org/people-export';
import {
  activityDetail,
  activityFor,
  beijingYear,
  createActivity,
  deleteActivity,
  exportActivitiesXlsx,
  listActivities,
  myActivities,
  requireRecorder,
  updateActivity,
} from './activities';
import { attendanceSheetXlsx, attendanceTemplate, importAttendance, listAttendance, listCandidates, removeAttendance, setRosterAttendance } from './attendance';
import { signIn, signInfo, startSignIn, stopSignIn } from './signin';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['learning'];
const idParams = z.object({ id: z.coerce.number({ message: '无效的活动编号' }).int('无效的活动编号').positive('无效的活动编号') });
const personParams = idParams.extend({ personId: z.coerce.number({ message: '无效的人员编号' }).int('无效的人员编号').positive('无效的人员编号') });
const codeParams = z.object({ code: z.string().max(20, '签到码无效') });

async function readUpload(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', '请以 multipart/form-data 方式上传 Excel 文件（字段名 file）');
  let buffer: Buffer | undefined;
  for await (const part of req.parts()) if (part.type === 'file') buffer = await part.toBuffer();
  if (!buffer) throw new AppError('BAD_REQUEST', '请选择要导入的 Excel 文件');
  return buffer;
}

/** 集体学法 / 讲法 records, attendance and sign-in (recorders), phone sign-in and 我的学法活动 (members). */
export async function activityRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;
  const db = ctx.db;

  // Refuse non-recorders before looking at their input (403, not a 400 about fields they may not use).
  // Match the route pattern, not the raw URL: the router decodes '/api/%61ctivities' to this route.
  app.addHook('preValidation', async (req) => {
    if ((req.routeOptions.url ?? req.url).startsWith('/api/activities')) requireRecorder(principalOf(req));
  });

  r.get('/api/activities', { schema: { tags, summary: '集体学法/讲法列表（筛选、分页）', querystring: activityListQuery } }, async (req) =>
    listActivities(db, principalOf(req), req.query),
  );

  r.get(
    '/api/activities/export.xlsx',
    { schema: { tags, summary: '导出集体学法/讲法列表（Excel）', querystring: activityListQuery.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const { buffer, filename } = await exportActivitiesXlsx(db, principalOf(req), req.query);
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDispositionFor(filename)).send(buffer);
    },
  );

  r.get('/api/activities/attendance-template.xlsx', { schema: { tags, summary: '下载参加人员导入模板' } }, async (_req, reply) =>
    reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDispositionFor('参加人员导入模板.xlsx')).send(await attendanceTemplate()),
  );

  r.post('/api/activities', { schema: { tags, summary: '登记集体学法/讲法', body: activityInputSchema } }, async (req) =>
    createActivity(db, principalOf(req), actorOf(req), req.body),
  );

  r.get('/api/activities/:id', { schema: { tags, summary: '活动详情', params: idParams } }, async (req) => activityDetail(db, principalOf(req), req.params.id));

  r.put('/api/activities/:id', { schema: { tags, summary: '修改活动（改时长/日期会重算参加人员学时）', params: idParams, body: activityInputSchema } }, async (req) =>
    updateActivity(db, principalOf(req), actorOf(req), req.params.id, req.body),
  );

  r.delete('/api/activities/:id', { schema: { tags, summary: '删除活动（连同参加记录和学时）', params: idParams } }, async (req) =>
    deleteActivity(db, principalOf(req), actorOf(req), req.params.id),
  );

  r.get('/api/activities/:id/attendance', { schema: { tags, summary: '参加人员', params: idParams } }, async (req) => listAttendance(db, principalOf(req), req.params.id));

  r.get('/api/activities/:id/attendance.xlsx', { schema: { tags, summary: '导出签到表（Excel）', params: idParams } }, async (req, reply) => {
    const { buffer, filename } = await attendanceSheetXlsx(db, principalOf(req), req.params.id);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDispositionFor(filename)).send(buffer);
  });

  r.put(
    '/api/activities/:id/attendance',
    {
      schema: {
        tags,
        summary: '勾选参加人员（提交勾选的完整名单）',
        description:
          'personIds 为勾选的完整名单。名单勾选来源的记录被替换；签到、导入来源的记录在 asOf（打开名单的时间）之前已存在且未勾选的，视为取消勾选而移除，之后新签到的保留。',
        params: idParams,
        body: attendanceSetSchema.extend({ asOf: z.iso.datetime({ offset: true, message: 'asOf 应为日期时间' }).nullish() }),
      },
    },
    async (req) => setRosterAttendance(db, principalOf(req), actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/activities/:id/attendance/import',
    {
      schema: {
        tags,
        summary: '导入参加人员（Excel：姓名 + 身份证号或工号）',
        description: 'multipart/form-data：文件字段 `file`（.xlsx）；`?dryRun=1` 只校验不写入。有错误的行全部列出（行号、列），正式导入时返回 422 且不写入。',
        params: idParams,
        querystring: z.object({ dryRun: z.enum(['0', '1', 'true', 'false'], { message: 'dryRun 应为 1 或 0' }).optional() }),
      },
    },
    async (req) => {
      const p = principalOf(req);
      await activityFor(db, p, req.params.id);
      const buf = await readUpload(req);
      return importAttendance(ctx, p, actorOf(req), req.params.id, buf, req.query.dryRun === '1' || req.query.dryRun === 'true');
    },
  );

  r.delete('/api/activities/:id/attendance/:personId', { schema: { tags, summary: '移除参加人员（连同学时）', params: personParams } }, async (req) =>
    removeAttendance(db, principalOf(req), actorOf(req), req.params.id, req.params.personId),
  );

  r.get('/api/activities/:id/candidates', { schema: { tags, summary: '可勾选的人员（主办单位与参加单位）', params: idParams, querystring: candidateQuery } }, async (req) =>
    listCandidates(db, principalOf(req), req.params.id, req.query),
  );

  r.post(
    '/api/activities/:id/sign-in-code',
    {
      schema: {
        tags,
        summary: '开启（或重新生成）签到码',
        description: '默认签到时段：开始前30分钟至结束后30分钟。',
        params: idParams,
        body: signInWindowSchema,
      },
    },
    async (req) => startSignIn(db, principalOf(req), actorOf(req), req.params.id, req.body),
  );

  r.delete('/api/activities/:id/sign-in-code', { schema: { tags, summary: '停止签到', params: idParams } }, async (req) =>
    stopSignIn(db, principalOf(req), actorOf(req), req.params.id),
  );

  r.get('/api/sign/:code', { schema: { tags, summary: '签到页：活动信息与我的签到', params: codeParams } }, async (req) =>
    signInfo(db, principalOf(req), req.params.code),
  );

  r.post('/api/sign/:code', { schema: { tags, summary: '签到', params: codeParams } }, async (req) => signIn(db, principalOf(req), actorOf(req), req.params.code));

  r.get(
    '/api/my/activities',
    {
      schema: {
        tags,
        summary: '我参加的集体学法/讲座，以及我主讲的讲法',
        querystring: z.object({ year: z.coerce.number({ message: '年度应为数字' }).int('年度应为整数').min(2000, '年度无效').max(2100, '年度无效').optional() }),
      },
    },
    async (req) => myActivities(db, principalOf(req), req.query.year ?? beijingYear(new Date())),
  );

}
