import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import { principalOf } from '../../../platform/http';
import { requireRole } from '../../../platform/principal';
import { contentDispositionFor } from '../people-export';
import { listUnits, unitPathNames } from '../units';
import { commitImport, previewImport } from './commit';
import type { ImportOptions } from './plan';
import { buildImportTemplate } from './template';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const UPLOAD_DESCRIPTION =
  'multipart/form-data：文件字段 `file`（.xlsx，≤10MB）；可选字段 `createUnits`=`true`|`false`（默认 false，' +
  '前后顺序不限）。预览与提交都从上传的文件重新校验，互不依赖。';

/**
 * Reads the upload: the one file (any field name; `file` by convention) and the `createUnits`
 * field, in whichever order the browser sent them. Too large → 413 (the multipart limit raises
 * FST_REQ_FILE_TOO_LARGE, which the error handler maps to PAYLOAD_TOO_LARGE).
 */
async function readUpload(req: FastifyRequest): Promise<ImportOptions & { buffer: Buffer; filename: string }> {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', '请以 multipart/form-data 方式上传 Excel 文件（字段名 file）');
  let buffer: Buffer | undefined;
  let filename = '';
  let createUnitsRaw: string | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      buffer = await part.toBuffer();
      filename = part.filename;
    } else if (part.fieldname === 'createUnits') {
      createUnitsRaw = String(part.value ?? '');
    }
  }
  if (!buffer) throw new AppError('BAD_REQUEST', '请选择要导入的 Excel 文件');
  let createUnits = false;
  if (createUnitsRaw !== undefined) {
    const v = createUnitsRaw.trim().toLowerCase();
    if (v === 'true' || v === '1' || v === 'on') createUnits = true;
    else if (v !== 'false' && v !== '0' && v !== '') {
      throw new AppError('VALIDATION', undefined, { issues: [{ path: 'createUnits', message: 'createUnits 应为 true 或 false' }] });
    }
  }
  return { buffer, filename, createUnits };
}

/** 人员导入: template download, preview (dry run) and commit. 系统管理员 and 单位管理员 (own subtree). */
export async function peopleImportRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.ctx;

  app.get('/api/people/import/template.xlsx', { schema: { tags: ['org'], summary: '下载人员导入模板' } }, async (req, reply) => {
    const p = principalOf(req);
    requireRole(p, 'admin', 'unit_admin');
    const scoped = (await listUnits(ctx, p)).filter((u) => !u.disabled);
    const names = await unitPathNames(
      ctx.db,
      scoped.map((u) => u.path),
    );
    const paths = scoped.map((u) => (names.get(u.path) ?? []).join('/')).sort((a, b) => a.localeCompare(b, 'zh-CN'));
    const buf = await buildImportTemplate(paths);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDispositionFor('人员导入模板.xlsx')).send(buf);
  });

  app.post(
    '/api/people/import/preview',
    { schema: { tags: ['org'], summary: '人员导入预览（只校验，不写入）', description: UPLOAD_DESCRIPTION } },
    async (req) => {
      const p = principalOf(req);
      requireRole(p, 'admin', 'unit_admin');
      const { buffer, createUnits } = await readUpload(req);
      return previewImport(ctx, p, buffer, { createUnits });
    },
  );

  app.post(
    '/api/people/import/commit',
    {
      schema: {
        tags: ['org'],
        summary: '人员导入提交（整份文件无错误时一次写入；有错误返回 422 IMPORT_INVALID，不写入任何数据）',
        description: UPLOAD_DESCRIPTION,
      },
    },
    async (req) => {
      const p = principalOf(req);
      requireRole(p, 'admin', 'unit_admin');
      const { buffer, filename, createUnits } = await readUpload(req);
      return commitImport(ctx, p, actorOf(req), buffer, { createUnits, filename });
    },
  );
}
