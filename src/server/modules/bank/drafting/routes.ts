import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/audit';
import { AppError, notFound } from '../../../platform/errors';
import { principalOf } from '../../../platform/http';
import { requireBankRole } from '../access';
import { draftFromLaw, generateDrafts } from './service';

const kindsSchema = z.array(z.enum(['fill', 'truefalse'], { message: '题型应为 fill（填空）或 truefalse（判断）' })).min(1, '请至少选择一种题型');

/** 由法条出题: drafts 填空/判断 questions from law articles; they are stored as 草稿 for review. */
export async function bankDraftingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  r.post(
    '/api/bank/drafts',
    {
      schema: {
        tags: ['bank'],
        summary: '由法条生成题目草稿（dryRun 只预览）',
        body: z.object({
          articleIds: z.array(z.number().int().positive('无效的法条编号')).min(1, '请至少选择一条法条').max(200, '一次最多200条法条'),
          kinds: kindsSchema,
          perArticle: z.number().int().min(1, '每条至少1题').max(5, '每条最多5题').optional(),
          categoryId: z.number().int().positive().nullable().optional(),
          dryRun: z.boolean().optional(),
        }),
      },
    },
    async (req) => draftFromLaw(ctx, principalOf(req), actorOf(req), req.body),
  );

  r.get(
    '/api/bank/drafts/preview',
    {
      schema: {
        tags: ['bank'],
        summary: '预览由一条法条生成的草稿（法规阅读页“由此条出题”）',
        querystring: z.object({ articleId: z.coerce.number().int().positive('无效的法条编号'), perArticle: z.coerce.number().int().min(1).max(5).default(3) }),
      },
    },
    async (req) => {
      requireBankRole(principalOf(req));
      const drafts = await generateDrafts(ctx.db, { articleIds: [req.query.articleId], kinds: ['fill', 'truefalse'], perArticle: req.query.perArticle }).catch((e: unknown) => {
        throw e instanceof AppError && e.code === 'VALIDATION' ? notFound('条文') : e;
      });
      return { drafts: drafts.map((d) => ({ articleId: d.articleId, kind: d.kind, content: d.content, score: d.score })) };
    },
  );
}
