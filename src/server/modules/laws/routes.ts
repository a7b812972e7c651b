import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import { principalOf } from '../../platform/http';
import { requireRole } from '../../platform/principal';
import { articleById, articleByNo, getLawVersion, listArticles, listLaws, searchLaws } from './service';
import { uploadLaw, type LawUpload } from './upload';

const id = (what: string) => z.coerce.number().int().positive(`无效的${what}编号`);
const lawParams = z.object({ id: id('法规') });
const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), '日期无效');

const UPLOAD_FIELDS = z.object({
  lawId: id('法规').optional(),
  title: z.string().trim().min(2, '法规名称至少2个字').max(100, '法规名称不能超过100个字').optional(),
  shortTitle: z.string().trim().max(40, '简称不能超过40个字').optional(),
  category: z.string().trim().max(30, '类别不能超过30个字').optional(),
  versionDate: isoDate.optional(),
});

const UPLOAD_DESCRIPTION =
  'multipart/form-data：文件字段 `file`（.md/.txt，UTF-8 或 GBK）；上传已有法规的新版本时填 `lawId`，新法规填 `title`（可选，默认取文件标题）、' +
  '`category`；可选 `versionDate`（YYYY-MM-DD，默认取文件中最后一次通过/修正的日期）。`?dryRun=true` 只校验并返回解析摘要。';

async function readUpload(req: FastifyRequest): Promise<LawUpload> {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', '请以 multipart/form-data 方式上传法规文本（字段名 file）');
  let buffer: Buffer | undefined;
  let filename = '';
  const fields: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      buffer = await part.toBuffer();
      filename = part.filename;
    } else if (typeof part.value === 'string' && part.value.trim() !== '') {
      fields[part.fieldname] = part.value;
    }
  }
  if (!buffer) throw new AppError('VALIDATION', undefined, { issues: [{ path: 'file', message: '请选择要上传的法规文本文件' }] });
  const parsed = UPLOAD_FIELDS.safeParse(fields);
  if (!parsed.success) {
    throw new AppError('VALIDATION', undefined, { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  return { buffer, filename, ...parsed.data };
}

/** 法规库: every logged-in user reads; 系统管理员 and 考评办 upload. */
export async function lawRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  r.get('/api/laws', { schema: { tags: ['laws'], summary: '法规列表（类别、现行版本日期、条文数）' } }, async (req) => {
    principalOf(req);
    return { laws: await listLaws(db) };
  });

  r.get(
    '/api/laws/search',
    {
      schema: {
        tags: ['laws'],
        summary: '全文检索（现行版本；空格分隔的多个词须同时出现）',
        querystring: z.object({
          q: z.string().trim().min(1, '请输入要搜索的词语').max(100, '搜索词不能超过100个字'),
          lawId: id('法规').optional(),
          page: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
    },
    async (req) => {
      principalOf(req);
      return searchLaws(db, req.query.q, { lawId: req.query.lawId, page: req.query.page });
    },
  );

  r.get('/api/laws/:id', { schema: { tags: ['laws'], summary: '法规目录（现行版本）与版本列表', params: lawParams } }, async (req) => {
    principalOf(req);
    return getLawVersion(db, req.params.id);
  });

  r.get(
    '/api/laws/:id/versions/:versionId',
    { schema: { tags: ['laws'], summary: '某一版本的目录（历史版本可读）', params: lawParams.extend({ versionId: id('版本') }) } },
    async (req) => {
      principalOf(req);
      return getLawVersion(db, req.params.id, req.params.versionId);
    },
  );

  r.get(
    '/api/laws/:id/articles',
    {
      schema: {
        tags: ['laws'],
        summary: '逐条阅读：按阅读顺序（从0起）取一段条文',
        params: lawParams,
        querystring: z.object({
          versionId: id('版本').optional(),
          from: z.coerce.number().int().min(0, '起始位置不能为负').optional(),
          to: z.coerce.number().int().min(0, '结束位置不能为负').optional(),
        }),
      },
    },
    async (req) => {
      principalOf(req);
      return listArticles(db, req.params.id, req.query);
    },
  );

  r.get(
    '/api/laws/:id/articles/by-no/:no',
    {
      schema: {
        tags: ['laws'],
        summary: '跳转到第N条（suffix=1 即“之一”）',
        params: lawParams.extend({ no: z.coerce.number().int().min(1, '条号应为正整数').max(9999, '条号过大') }),
        querystring: z.object({ suffix: z.coerce.number().int().min(0).max(99).optional(), versionId: id('版本').optional() }),
      },
    },
    async (req) => {
      principalOf(req);
      return articleByNo(db, req.params.id, req.params.no, req.query.suffix ?? 0, req.query.versionId);
    },
  );

  r.get(
    '/api/law-articles/:articleId',
    {
      schema: {
        tags: ['laws'],
        summary: '按条文编号取条文（题目、学习清单引用的深链接；含是否现行版本）',
        params: z.object({ articleId: id('条文') }),
      },
    },
    async (req) => {
      principalOf(req);
      return articleById(db, req.params.articleId);
    },
  );

  r.post(
    '/api/laws/upload',
    {
      schema: {
        tags: ['laws'],
        summary: '上传法规或新版本（系统管理员、考评办）',
        description: UPLOAD_DESCRIPTION,
        querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
      },
    },
    async (req) => {
      const p = principalOf(req);
      requireRole(p, 'admin', 'organiser');
      const upload = await readUpload(req);
      return uploadLaw(db, p, actorOf(req), upload, req.query.dryRun === 'true');
    },
  );
}
