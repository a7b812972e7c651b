import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { saveAnswersSchema } from '../../../common/exam';
import { principalOf } from '../../platform/http';
import { examineeOf, getMyAttempt, startAttempt, submitMine } from './attempts';
import { saveAnswers } from './autosave';
import { CLIENT_EVENT_KINDS, recordEvent } from './events';
import { attemptResult, listMyExams } from './my-views';

const deviceId = z.string({ message: '缺少设备标识' }).min(8, '设备标识无效').max(64, '设备标识无效');
const attemptParams = z.object({ id: z.coerce.number().int().positive('无效的编号') });

/** 我的考试: the examinee's side of the exam engine (own attempts only). */
export async function myExamRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.ctx.db;

  r.get('/api/my/exams', { schema: { tags: ['exam'], summary: '我的考试' } }, async (req) => ({ items: await listMyExams(db, principalOf(req)) }));

  r.post(
    '/api/my/exams/:examId/start',
    {
      schema: {
        tags: ['exam'],
        summary: '开始（或继续）作答',
        params: z.object({ examId: z.coerce.number().int().positive('无效的编号') }),
        body: z.object({ deviceId, takeover: z.boolean().default(false) }),
      },
    },
    async (req) => startAttempt(db, principalOf(req), req.params.examId, req.body),
  );

  r.get(
    '/api/my/attempts/:id',
    { schema: { tags: ['exam'], summary: '作答页（题目与已保存的答案）', params: attemptParams, querystring: z.object({ deviceId: deviceId.optional() }) } },
    async (req) => getMyAttempt(db, principalOf(req), req.params.id, req.query.deviceId),
  );

  r.put(
    '/api/my/attempts/:id/answers',
    { schema: { tags: ['exam'], summary: '自动保存答案（批量）', params: attemptParams, body: saveAnswersSchema } },
    async (req) => saveAnswers(db, examineeOf(principalOf(req)), req.params.id, req.body),
  );

  r.post(
    '/api/my/attempts/:id/events',
    {
      schema: {
        tags: ['exam'],
        summary: '作答事件（切屏、复制等）',
        params: attemptParams,
        body: z.object({
          deviceId,
          kind: z.enum(CLIENT_EVENT_KINDS, { message: '未知事件类型' }),
          detail: z.string().max(500, '事件说明不能超过500个字符').optional(),
        }),
      },
    },
    async (req) => recordEvent(db, principalOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/my/attempts/:id/submit',
    {
      schema: {
        tags: ['exam'],
        summary: '交卷',
        params: attemptParams,
        body: z.object({ deviceId, saves: saveAnswersSchema.shape.saves.optional() }),
      },
    },
    async (req) => {
      const p = principalOf(req);
      await submitMine(db, p, req.params.id, req.body);
      return attemptResult(db, p, req.params.id);
    },
  );

  r.get('/api/my/attempts/:id/result', { schema: { tags: ['exam'], summary: '成绩与答案（按公布设置）', params: attemptParams } }, async (req) =>
    attemptResult(db, principalOf(req), req.params.id),
  );
}
