/**
 * multipart/form-data bodies for upload routes (files, law texts, Excel imports), so each test
 * says what it uploads rather than how the bytes are framed.
 */
import crypto from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './app';

export type Part = { field: string; value: string } | { file: Buffer; filename: string; type?: string };

export interface Multipart {
  body: Buffer;
  contentType: string;
  headers: { 'content-type': string };
}

/** `truncate` leaves out the closing boundary (a cut-short upload); `boundary` fixes it (a mismatch test). */
export function multipart(parts: Part[], opts: { truncate?: boolean; boundary?: string } = {}): Multipart {
  const boundary = opts.boundary ?? `----xjkp${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in p) chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`));
    else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="file"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(p.file, Buffer.from('\r\n'));
    }
  }
  if (!opts.truncate) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const contentType = `multipart/form-data; boundary=${boundary}`;
  return { body: Buffer.concat(chunks), contentType, headers: { 'content-type': contentType } };
}

/** One file (an Excel import) with no other fields. */
export const fileUpload = (file: Buffer, filename = 'a.xlsx'): Multipart => multipart([{ file, filename }]);

/** POST /api/laws/upload of a law text with the form's fields (category, …). */
export function uploadLaw(c: Client, text: string, fields: Record<string, string> = {}, filename = 'law.md'): Promise<LightMyRequestResponse> {
  const { body, headers } = multipart([...Object.entries(fields).map(([field, value]) => ({ field, value })), { file: Buffer.from(text), filename }]);
  return c.request('POST', '/api/laws/upload', body, headers);
}
