import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { practiceAnswerRequestSchema, practiceSetRequestSchema } from '../../../common/practice';
import { principalOf } from '../../platform/http';
import { answerPractice, beijingYear, dailyPractice, listWrongBook, practiceSet, practiceStats, practitionerOf, removeFromWrongBook } from './practice';

/** 练习: each person's own practice (the person comes from the session, never from the request). */
export async function practiceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.ctx.db;

  r.get('/api/practice/daily', { schema: { tags: ['practice'], summary: '每日一练（当天的题目，当天固定）' } }, async (req) =>
    dailyPractice(db, practitionerOf(principalOf(req))),
  );

  r.post(
    '/api/practice/sets',
    { schema: { tags: ['practice'], summary: '专项练习（按法规/章节）或随机练习：抽一组题', body: practiceSetRequestSchema } },
    async (req) => practiceSet(db, practitionerOf(principalOf(req)), req.body),
  );

  r.post(
    '/api/practice/answer',
    { schema: { tags: ['practice'], summary: '提交一道练习题的答案：判分、记入错题本，返回答案、解析与法律依据', body: practiceAnswerRequestSchema } },
    async (req) => answerPractice(db, practitionerOf(principalOf(req)), req.body),
  );

  r.get(
    '/api/practice/wrong-book',
    {
      schema: {
        tags: ['practice'],
        summary: '错题本',
        querystring: z.object({
          status: z.enum(['open', 'mastered'], { message: '状态应为 open（未掌握）或 mastered（已掌握）' }).default('open'),
          page: z.coerce.number().int('页码应为正整数').min(1, '页码应为正整数').max(10_000, '页码过大').default(1),
          pageSize: z.coerce.number().int('每页条数应为整数').min(1, '每页至少1条').max(100, '每页最多100条').default(20),
        }),
      },
    },
    async (req) => listWrongBook(db, practitionerOf(principalOf(req)), req.query.status, req.query.page, req.query.pageSize),
  );

  r.post(
    '/api/practice/wrong-book/:questionId/remove',
    { schema: { tags: ['practice'], summary: '从错题本移除', params: z.object({ questionId: z.coerce.number().int().positive('无效的题目编号') }) } },
    async (req) => removeFromWrongBook(db, practitionerOf(principalOf(req)), req.params.questionId),
  );

  r.get(
    '/api/practice/stats',
    {
      schema: {
        tags: ['practice'],
        summary: '练习统计（年度）',
        querystring: z.object({ year: z.coerce.number().int('年度应为4位年份').min(2000, '年度应在2000–2100之间').max(2100, '年度应在2000–2100之间').optional() }),
      },
    },
    async (req) => {
      const personId = practitionerOf(principalOf(req));
      return practiceStats(db, personId, req.query.year ?? beijingYear(new Date()));
    },
  );
}
