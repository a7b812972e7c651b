import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { principalOf } from '../../../platform/http';
import { contentDispositionFor } from '../../org/people-export';
import { requireBankRole } from '../access';
import { buildQuestionTemplate } from '../excel-template';
import { questionFilterQuery } from '../routes';
import { commitQuestionImport, previewQuestionImport } from './commit';
import { exportQuestions } from './export';
import { formatFromFilename, IMPORT_FORMATS, type ImportFormat, type ImportUpload } from './plan';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const UPLOAD_DESCRIPTION =
  'multipart/form-data（字段顺序不限）：文件字段 `file`（≤10MB）；`format` = `excel`|`gift`|`aiken`|`moodlexml`' +
  '（不填时按扩展名推断：.xlsx→excel，.gift→gift，.txt→aiken（文件名含 gift 时为 gift），.xml→moodlexml）；' +
  '可选 `categoryId`（文件中没有分类的题目放入该分类）；提交时可选 `skipDuplicates`=`true`（跳过与题库或本文件前面题目重复的题）。' +
  '预览与提交都从上传的文件重新校验，互不依赖。';

const bool = (name: string, raw: string | undefined): boolean => {
  if (raw === undefined) return false;
  const v = raw.trim().toLowerCase();
  if (v === 'true' || v === '1' || v === 'on') return true;
  if (v === 'false' || v === '0' || v === '') return false;
  throw new AppError('VALIDATION', undefined, { issues: [{ path: name, message: `${name} 应为 true 或 false` }] });
};

async function readUpload(req: FastifyRequest): Promise<ImportUpload & { skipDuplicates: boolean }> {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', '请以 multipart/form-data 方式上传题库文件（字段名 file）');
  let buffer: Buffer | undefined;
  let filename = '';
  const fields: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      buffer = await part.toBuffer();
      filename = part.filename;
      try {
        filename = decodeURIComponent(filename);
      } catch {
        // keep as sent
      }
    } else {
      fields[part.fieldname] = String(part.value ?? '');
    }
  }
  if (!buffer) throw new AppError('BAD_REQUEST', '请选择要导入的题库文件');
  const rawFormat = fields.format?.trim().toLowerCase();
  let format: ImportFormat | null;
  if (rawFormat) {
    format = (IMPORT_FORMATS as readonly string[]).includes(rawFormat) ? (rawFormat as ImportFormat) : null;
    if (!format) throw new AppError('BAD_REQUEST', `不支持的导入格式“${fields.format}”，应为 excel、gift、aiken 或 moodlexml`);
  } else {
    format = formatFromFilename(filename);
    if (!format) throw new AppError('BAD_REQUEST', '无法从文件名判断格式，请选择导入格式（Excel、GIFT、Aiken 或 Moodle XML）');
  }
  let categoryId: number | undefined;
  if (fields.categoryId !== undefined && fields.categoryId.trim() !== '') {
    const n = Number(fields.categoryId);
    if (!Number.isInteger(n) || n <= 0) throw new AppError('VALIDATION', undefined, { issues: [{ path: 'categoryId', message: '分类编号无效' }] });
    categoryId = n;
  }
  return { buffer, filename, format, categoryId, skipDuplicates: bool('skipDuplicates', fields.skipDuplicates) };
}

/** 题库导入导出: template, preview, commit, export. 系统管理员 and 考评办. */
export async function bankImportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  r.get('/api/bank/import/template.xlsx', { schema: { tags: ['bank'], summary: '下载题目导入模板（Excel）' } }, async (req, reply) => {
    requireBankRole(principalOf(req));
    const buf = await buildQuestionTemplate();
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDispositionFor('题目导入模板.xlsx')).send(buf);
  });

  r.post('/api/bank/import/preview', { schema: { tags: ['bank'], summary: '题目导入预览（只校验，不写入）', description: UPLOAD_DESCRIPTION } }, async (req) => {
    const p = principalOf(req);
    requireBankRole(p);
    const upload = await readUpload(req);
    return previewQuestionImport(ctx, p, upload);
  });

  r.post(
    '/api/bank/import/commit',
    {
      schema: {
        tags: ['bank'],
        summary: '题目导入提交（整份文件无错误时一次写入，题目为草稿；有错误返回 422 IMPORT_INVALID，不写入任何数据）',
        description: UPLOAD_DESCRIPTION,
      },
    },
    async (req) => {
      const p = principalOf(req);
      requireBankRole(p);
      const { skipDuplicates, ...upload } = await readUpload(req);
      return commitQuestionImport(ctx, p, actorOf(req), upload, { skipDuplicates });
    },
  );

  r.get(
    '/api/bank/export',
    {
      schema: {
        tags: ['bank'],
        summary: '导出题目（当前版本；筛选条件同题目列表）。该格式无法表示的题目不导出，数量见响应头 x-xjkp-skipped',
        querystring: questionFilterQuery.extend({ format: z.enum(IMPORT_FORMATS, { message: '格式应为 excel、gift、aiken 或 moodlexml' }).default('excel') }),
      },
    },
    async (req, reply) => {
      const { format, ...filters } = req.query;
      const file = await exportQuestions(ctx, principalOf(req), actorOf(req), format, filters);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDispositionFor(file.filename))
        .header('x-xjkp-exported', String(file.exported))
        .header('x-xjkp-skipped', String(file.skipped))
        .send(file.body);
    },
  );
}
