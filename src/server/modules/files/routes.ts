import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FILE_PURPOSES, isInlineMime, type FilePurpose } from '../../../common/files';
import { actorOf } from '../../platform/audit';
import { AppError, invalid } from '../../platform/errors';
import { principalOf } from '../../platform/http';
import { requireRole } from '../../platform/principal';
import { contentDispositionFor } from '../org/people-export';
import { readFile, storeFile } from './service';

async function readUpload(req: FastifyRequest): Promise<{ buf: Buffer; name: string; purpose: FilePurpose }> {
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', '请以 multipart/form-data 方式上传文件（字段名 file）');
  let buf: Buffer | undefined;
  let name = '';
  let purpose: string | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      buf = await part.toBuffer();
      name = part.filename;
    } else if (part.fieldname === 'purpose') {
      purpose = String(part.value ?? '').trim();
    }
  }
  const issues = [];
  if (!buf) issues.push({ path: 'file', message: '请选择要上传的文件' });
  if (!purpose) issues.push({ path: 'purpose', message: '请填写文件用途' });
  else if (!(FILE_PURPOSES as readonly string[]).includes(purpose)) issues.push({ path: 'purpose', message: '用途应为 material、activity 或 question' });
  if (issues.length > 0 || !buf) throw invalid(issues);
  return { buf, name, purpose: purpose as FilePurpose };
}

/** Uploads (staff) and downloads (anyone signed in). Files never change, so they cache for good. */
export async function fileRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  r.post(
    '/api/files',
    {
      schema: {
        tags: ['files'],
        summary: '上传文件（学习材料、活动附件、题目图片）',
        description:
          'multipart/form-data：文件字段 `file`（≤10MB；PDF、PNG/JPG/GIF、Word、Excel、PowerPoint、UTF-8 纯文本），字段 `purpose` = material|activity|question。类型按文件内容判断；可执行文件、网页、SVG 一律拒绝。',
      },
    },
    async (req) => {
      const p = principalOf(req);
      requireRole(p, 'admin', 'organiser', 'unit_admin');
      const upload = await readUpload(req);
      return db.transaction((tx) => storeFile(tx, actorOf(req), upload));
    },
  );

  r.get(
    '/api/files/:id',
    { schema: { tags: ['files'], summary: '下载文件', params: z.object({ id: z.coerce.number().int().positive('无效的文件编号').max(2147483647, '无效的文件编号') }) } },
    async (req, reply) => {
      principalOf(req);
      const f = await readFile(db, req.params.id);
      const disposition = contentDispositionFor(f.name);
      return reply
        .header('content-type', f.mime)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', isInlineMime(f.mime) ? disposition.replace(/^attachment/, 'inline') : disposition)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('etag', `"${f.sha256}"`)
        .send(f.data);
    },
  );
}
