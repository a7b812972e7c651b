import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { QUESTION_STATUSES, QUESTION_TYPES } from '../../../common/bank';
import { MAX_PAGE_SIZE } from '../../../common/org';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/http';
import { createCategory, listCategories } from './categories';
import { handbookHtml, handbookXlsx } from './handbook';
import { contentDispositionFor } from '../org/people-export';
import { reviewRequired, setReviewRequired, requireBankRole, bulkUpdate, changeStatus, createQuestion, getQuestion, getVersion, listQuestions, reviseQuestion } from './service';

const idParams = z.object({ id: z.coerce.number().int().positive('无效的编号') });

export const questionFilterQuery = z.object({
  q: z.string().max(100).optional(),
  type: z.enum(QUESTION_TYPES, { message: '未知题型' }).optional(),
  status: z.enum(QUESTION_STATUSES, { message: '未知状态' }).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  difficulty: z.coerce.number().int().min(1).max(5).optional(),
  knowledgePoint: z.string().max(50).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** selected questions, "3,7,12" (exports and handbooks of a selection) */
  ids: z
    .string()
    .regex(/^\d+(,\d+){0,4999}$/, '题目编号应为逗号分隔的数字')
    .transform((s) => s.split(',').map(Number))
    .optional(),
});

/** 题库: questions, versions, review workflow, categories. Bank keepers only (admin, organiser). */
export async function bankRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  r.get('/api/bank/settings', { schema: { tags: ['bank'], summary: '题库设置' } }, async (req) => {
    requireBankRole(principalOf(req));
    return { reviewRequired: await reviewRequired(ctx.db) };
  });

  r.put(
    '/api/bank/settings',
    { schema: { tags: ['bank'], summary: '修改题库设置（系统管理员）', body: z.object({ reviewRequired: z.boolean({ message: 'reviewRequired 应为 true 或 false' }) }) } },
    async (req) => setReviewRequired(ctx, principalOf(req), actorOf(req), req.body.reviewRequired),
  );

  r.get('/api/bank/categories', { schema: { tags: ['bank'], summary: '题库分类' } }, async (req) => ({ categories: await listCategories(ctx, principalOf(req)) }));

  r.post(
    '/api/bank/categories',
    {
      schema: {
        tags: ['bank'],
        summary: '新增题库分类',
        body: z.object({ name: z.string().trim().min(1, '请填写分类名称').max(50, '分类名称不能超过50个字符'), parentId: z.number().int().positive().nullable() }),
      },
    },
    async (req) => createCategory(ctx, principalOf(req), actorOf(req), req.body),
  );

  r.get(
    '/api/bank/questions',
    {
      schema: {
        tags: ['bank'],
        summary: '题目列表（检索、筛选、分页）',
        querystring: questionFilterQuery.extend({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
        }),
      },
    },
    async (req) => {
      const { page, pageSize, ...f } = req.query;
      return listQuestions(ctx, principalOf(req), f, page, pageSize);
    },
  );

  r.get('/api/bank/questions/:id', { schema: { tags: ['bank'], summary: '题目详情（当前版本、历史、审核记录）', params: idParams } }, async (req) =>
    getQuestion(ctx, principalOf(req), req.params.id),
  );

  r.get(
    '/api/bank/questions/:id/versions/:versionId',
    { schema: { tags: ['bank'], summary: '题目的某一历史版本', params: idParams.extend({ versionId: z.coerce.number().int().positive() }) } },
    async (req) => getVersion(ctx, principalOf(req), req.params.id, req.params.versionId),
  );

  // content is validated by the bank's own schema (every issue with its path), not here
  r.post(
    '/api/bank/questions',
    { schema: { tags: ['bank'], summary: '新建题目（草稿）', body: z.object({ content: z.unknown(), categoryId: z.number().int().positive().nullable().optional() }) } },
    async (req) => createQuestion(ctx, principalOf(req), actorOf(req), req.body),
  );

  r.put(
    '/api/bank/questions/:id',
    {
      schema: {
        tags: ['bank'],
        summary: '修改题目（生成新版本）',
        params: idParams,
        body: z.object({ content: z.unknown(), baseVersionId: z.number({ message: '缺少 baseVersionId' }).int().positive() }),
      },
    },
    async (req) => reviseQuestion(ctx, principalOf(req), actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/bank/questions/:id/status',
    {
      schema: {
        tags: ['bank'],
        summary: '提交审核、审核通过、退回、停用',
        params: idParams,
        body: z.object({ to: z.enum(QUESTION_STATUSES, { message: '未知状态' }), comment: z.string().trim().max(500).optional() }),
      },
    },
    async (req) => changeStatus(ctx, principalOf(req), actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/bank/questions/bulk',
    {
      schema: {
        tags: ['bank'],
        summary: '批量移动分类或改变状态',
        body: z.object({
          ids: z.array(z.number().int().positive()).min(1, '请选择题目').max(5000, '一次最多5000道题'),
          op: z.discriminatedUnion('action', [
            z.object({ action: z.literal('move'), categoryId: z.number().int().positive().nullable() }),
            z.object({ action: z.literal('status'), to: z.enum(QUESTION_STATUSES), comment: z.string().trim().max(500).optional() }),
            z
              .object({
                action: z.literal('tag'),
                add: z.array(z.string().trim().min(1, '知识点不能为空').max(50, '知识点不能超过50个字符')).max(20).default([]),
                remove: z.array(z.string().trim().max(50)).max(20).default([]),
              })
              .refine((o) => o.add.length + o.remove.length > 0, { message: '请填写要添加或移除的知识点', path: ['add'] }),
          ]),
        }),
      },
    },
    async (req) => bulkUpdate(ctx, principalOf(req), actorOf(req), req.body.ids, req.body.op),
  );

  const handbookQuery = questionFilterQuery.extend({
    title: z.string().trim().min(1, '请填写手册标题').max(60, '标题不能超过60个字符').default('应知应会题库'),
    groupBy: z.enum(['law', 'category', 'type'], { message: '分组方式应为 law、category 或 type' }).default('law'),
  });

  r.get('/api/bank/handbook', { schema: { tags: ['bank'], summary: '应知应会手册（可打印 A4 页面）', querystring: handbookQuery } }, async (req, reply) => {
    const { title, groupBy, ...f } = req.query;
    const html = await handbookHtml(ctx, principalOf(req), actorOf(req), f, { title, groupBy });
    return reply.type('text/html; charset=utf-8').send(html);
  });

  r.get('/api/bank/handbook.xlsx', { schema: { tags: ['bank'], summary: '应知应会手册 Excel', querystring: handbookQuery } }, async (req, reply) => {
    const { title, groupBy, ...f } = req.query;
    const body = await handbookXlsx(ctx, principalOf(req), actorOf(req), f, { title, groupBy });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDispositionFor(`${title}.xlsx`))
      .send(body);
  });
}
