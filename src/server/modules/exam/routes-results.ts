import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { examListQuery } from '../../../common/exam-admin';
import { essayGradeSchema, regradeSchema, resultsQuerySchema, scheduleMakeupSchema } from '../../../common/exam-results';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/http';
import { contentDispositionFor } from '../org/people-export';
import { gradeEssay, gradingQueue, gradingView } from './grading';
import { getCandidates, noticeHtml, personPreAppointment, scheduleMakeup } from './pre-appointment';
import { listRegrades, regrade } from './regrade';
import { personReportHtml } from './report';
import { getResults, publishResults } from './results';
import { resultsXlsx } from './results-export';
import { listExamsForReader } from './unit-exams';

const id = z.coerce.number().int('无效的编号').positive('无效的编号');
const idParams = z.object({ id });
const tags = ['exam-results'];

/** Results, grading (简答), re-grade and 凡提必考 routes (see src/common/exam-results.ts). */
export async function examResultsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  // ---- results ----
  r.get(
    '/api/exams/for-unit',
    {
      schema: {
        tags,
        summary: '考试成绩列表（单位管理员：本单位及下级单位有考生的已发布考试）',
        description: '不含草稿。单位管理员只看到有本单位（含下级）考生的考试，应考/参考人数只计其范围内的人；考评办看到全部。',
        querystring: examListQuery,
      },
    },
    async (req) => {
      const { page, pageSize, ...f } = req.query;
      return listExamsForReader(ctx.db, principalOf(req), f, page, pageSize);
    },
  );

  r.get('/api/exams/:id/results', { schema: { tags, summary: '考试成绩（名单、统计、分单位）', params: idParams, querystring: resultsQuerySchema } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    return getResults(ctx, principalOf(req), req.params.id, f, page, pageSize);
  });

  r.get(
    '/api/exams/:id/results.xlsx',
    { schema: { tags, summary: '导出成绩 Excel', params: idParams, querystring: resultsQuerySchema.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const { body, filename } = await resultsXlsx(ctx, principalOf(req), actorOf(req), req.params.id, req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDispositionFor(filename))
        .send(body);
    },
  );

  r.get('/api/exams/:id/report/:personId', { schema: { tags, summary: '个人成绩单（可打印 A4 页面）', params: z.object({ id, personId: id }) } }, async (req, reply) => {
    const html = await personReportHtml(ctx, principalOf(req), req.params.id, req.params.personId);
    return reply.type('text/html; charset=utf-8').send(html);
  });

  r.post('/api/exams/:id/publish-results', { schema: { tags, summary: '发布成绩', params: idParams } }, async (req) =>
    publishResults(ctx, principalOf(req), actorOf(req), req.params.id),
  );

  // ---- grading (简答, blind) ----
  r.get('/api/exams/:id/grading', { schema: { tags, summary: '阅卷队列（按题）', params: idParams } }, async (req) => gradingQueue(ctx, principalOf(req), req.params.id));

  r.get('/api/exams/:id/grading/:questionId', { schema: { tags, summary: '某题待阅答卷（匿名）', params: z.object({ id, questionId: id }) } }, async (req) =>
    gradingView(ctx, principalOf(req), req.params.id, req.params.questionId),
  );

  r.put(
    '/api/exams/:id/grading/:questionId/:token',
    {
      schema: {
        tags,
        summary: '评分（本人）',
        params: z.object({ id, questionId: id, token: z.string().regex(/^[0-9a-f]{32}$/, '无效的答卷标识') }),
        body: essayGradeSchema,
      },
    },
    async (req) => gradeEssay(ctx, principalOf(req), actorOf(req), req.params.id, req.params.questionId, req.params.token, req.body),
  );

  // ---- re-grade after a key correction ----
  r.post('/api/exams/:id/regrade', { schema: { tags, summary: '更正答案后重新评分', params: idParams, body: regradeSchema } }, async (req) =>
    regrade(ctx, principalOf(req), actorOf(req), req.params.id, req.body),
  );

  r.get('/api/exams/:id/regrades', { schema: { tags, summary: '重新评分记录', params: idParams } }, async (req) => listRegrades(ctx, principalOf(req), req.params.id));

  // ---- 凡提必考 ----
  r.get('/api/exams/:id/candidates', { schema: { tags, summary: '任前考试合格名单', params: idParams } }, async (req) => getCandidates(ctx, principalOf(req), req.params.id));

  r.get('/api/exams/:id/notice', { schema: { tags, summary: '考试结果通知（可打印 A4 页面）', params: idParams } }, async (req, reply) => {
    const html = await noticeHtml(ctx, principalOf(req), actorOf(req), req.params.id);
    return reply.type('text/html; charset=utf-8').send(html);
  });

  r.post('/api/exams/:id/schedule-makeup', { schema: { tags, summary: '安排补考（未通过及缺考者）', params: idParams, body: scheduleMakeupSchema } }, async (req) =>
    scheduleMakeup(ctx, principalOf(req), actorOf(req), req.params.id, req.body),
  );

  r.get('/api/people/:id/pre-appointment', { schema: { tags, summary: '个人任前考试记录及有效期', params: idParams } }, async (req) =>
    personPreAppointment(ctx, principalOf(req), req.params.id),
  );
}
