import crypto from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { FILE_PURPOSES, type FileMeta, type FilePurpose } from '../../../common/files';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, invalid, notFound } from '../../platform/errors';
import { cleanFileName, detectFileType } from './detect';
import { files } from './schema';

/** The same cap the multipart parser enforces (app.ts MAX_UPLOAD_BYTES); repeated here so callers that pass a buffer are held to it too. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface StoreFileInput {
  name: string;
  /** the caller's claim; the stored type is always decided from the bytes */
  mime?: string;
  buf: Buffer;
  purpose: FilePurpose;
}

/**
 * Stores an upload after checking its bytes (see detect.ts) and audits it, in the caller's
 * transaction when `db` is one. Refused types are a 400 on the field `file`.
 */
export async function storeFile(db: Db, actor: AuditActor, input: StoreFileInput): Promise<FileMeta> {
  if (!FILE_PURPOSES.includes(input.purpose)) throw invalid([{ path: 'purpose', message: '用途应为 material、activity 或 question' }]);
  if (input.buf.length > MAX_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `文件过大（不能超过 ${MAX_FILE_BYTES / 1024 / 1024}MB）`);
  const detected = detectFileType(input.buf, input.name);
  if (!detected.ok) throw invalid([{ path: 'file', message: detected.message }]);
  const name = cleanFileName(input.name, detected.ext);
  const sha256 = crypto.createHash('sha256').update(input.buf).digest('hex');
  const [row] = await db
    .insert(files)
    .values({ name, mime: detected.mime, size: input.buf.length, sha256, data: input.buf, purpose: input.purpose, uploadedBy: actor.accountId })
    .returning({ id: files.id, name: files.name, mime: files.mime, size: files.size });
  await audit(db, actor, {
    action: 'file.upload',
    entityType: 'file',
    entityId: row.id,
    summary: `上传文件 ${name}（${(input.buf.length / 1024).toFixed(1)} KB）`,
    after: { name, mime: detected.mime, size: input.buf.length, sha256, purpose: input.purpose },
  });
  return row;
}

/** Metadata (no bytes) of the given files, in no particular order; unknown ids are left out. */
export async function fileMeta(db: Db, ids: readonly number[]): Promise<FileMeta[]> {
  const unique = [...new Set(ids)].filter((n) => Number.isInteger(n) && n > 0);
  if (unique.length === 0) return [];
  return db.select({ id: files.id, name: files.name, mime: files.mime, size: files.size }).from(files).where(inArray(files.id, unique));
}

/** The whole file; 404 when unknown. */
export async function readFile(db: Db, id: number): Promise<FileMeta & { data: Buffer; sha256: string }> {
  const [row] = await db
    .select({ id: files.id, name: files.name, mime: files.mime, size: files.size, data: files.data, sha256: files.sha256 })
    .from(files)
    .where(eq(files.id, id));
  if (!row) throw notFound('文件');
  return row;
}
