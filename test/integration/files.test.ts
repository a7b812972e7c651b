import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import type { Database } from '../../src/server/db/client';
import { storeFile, fileMeta } from '../../src/server/modules/files/service';
import { restoreBackup, writeBackup } from '../../src/server/platform/backup';
import { adminClient, Client, createTestApp, freshDatabase, NEW_ADMIN_PASSWORD, type TestApp } from '../helpers/app';
import { createMember, type Member } from '../helpers/exam';
import { multipart, type Part } from '../helpers/multipart';

let t: TestApp;
let admin: Client;
let member: Member;


function upload(c: Client, file: Buffer, filename: string, purpose: string | null = 'material'): Promise<LightMyRequestResponse> {
  const parts: Part[] = [{ file, filename }];
  if (purpose !== null) parts.unshift({ field: 'purpose', value: purpose });
  const { body, contentType } = multipart(parts);
  return c.request('POST', '/api/files', body, { 'content-type': contentType });
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  member = await createMember(t, admin, '王五', 'files-m1');
});
afterAll(async () => t?.close());

describe('upload', () => {
  it('stores a PNG, serves it back byte for byte inline with immutable caching and nosniff, and audits it', async () => {
    const res = await upload(admin, PNG, '截图.png');
    expect(res.statusCode, res.body).toBe(200);
    const meta = res.json();
    expect(meta).toMatchObject({ name: '截图.png', mime: 'image/png', size: PNG.length });
    // a member (no staff role) may read it
    const got = await member.client.get(`/api/files/${meta.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(String(got.headers['content-disposition'])).toMatch(/^inline;.*filename\*=UTF-8''%E6%88%AA%E5%9B%BE\.png/);
    const log = await admin.get('/api/audit?action=file.upload');
    expect(log.statusCode, log.body).toBe(200);
    expect(JSON.stringify(log.json())).toContain('截图.png');
  });

  it('decides the type from the bytes: a PDF named .txt is a PDF; office documents download as attachments', async () => {
    const pdf = (await upload(admin, PDF, '通知.txt')).json();
    expect(pdf.mime).toBe('application/pdf');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表').addRow(['a']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await upload(admin, xlsx, '名单.xlsx', 'activity');
    expect(x.statusCode, x.body).toBe(200);
    expect(x.json().mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const got = await admin.get(`/api/files/${x.json().id}`);
    expect(String(got.headers['content-disposition'])).toMatch(/^attachment;/);
    const doc = await upload(admin, OLE, '旧文档.doc');
    expect(doc.json().mime).toBe('application/msword');
    const txt = await upload(admin, Buffer.from('第一条 为了……\n'), '笔记.txt', 'question');
    expect(txt.json().mime).toBe('text/plain; charset=utf-8');
  });

  it.each([
    ['executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), 'setup.pdf'],
    ['ELF', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(100)]), 'a.txt'],
    ['HTML', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'page.txt'],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'pic.png'],
    ['svg by name', PNG, 'pic.svg'],
    ['other zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('payload.bin')]), 'a.zip'],
    ['OLE without office extension', OLE, 'a.bin'],
    ['binary junk', crypto.randomBytes(256).fill(0, 0, 4), 'a.dat'],
    ['empty', Buffer.alloc(0), 'a.txt'],
  ])('refuses %s with a Chinese 400 on the field file, storing nothing', async (_label, buf, name) => {
    const countFiles = async () => ((await t.ctx.db.execute(sql`select count(*)::int as n from files`)) as unknown as { rows: { n: number }[] }).rows[0].n;
    const before = await countFiles();
    const res = await upload(admin, buf, name);
    expect(res.statusCode, res.body).toBe(400);
    const err = res.json().error;
    expect(err.issues[0].path).toBe('file');
    expect(err.issues[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await countFiles()).toBe(before);
  });

  it('refuses a missing or unknown purpose, a missing file, a non-multipart body, and members', async () => {
    expect((await upload(admin, PNG, 'a.png', null)).json().error.issues[0].path).toBe('purpose');
    expect((await upload(admin, PNG, 'a.png', 'avatar')).json().error.issues[0].path).toBe('purpose');
    const { body, contentType } = multipart([{ field: 'purpose', value: 'material' }]);
    const noFile = await admin.request('POST', '/api/files', body, { 'content-type': contentType });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.issues[0].path).toBe('file');
    expect((await admin.post('/api/files', { purpose: 'material' })).statusCode).toBe(400);
    expect((await upload(member.client, PNG, 'a.png')).statusCode).toBe(403);
  });

  it('refuses files over 10 MB with 413', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    expect((await upload(admin, big, 'big.pdf')).statusCode).toBe(413);
  });

  it('answers 404 for unknown ids, 400 for bad ids, 401 when signed out', async () => {
    expect((await admin.get('/api/files/999999')).statusCode).toBe(404);
    expect((await admin.get('/api/files/abc')).statusCode).toBe(400);
    expect((await new Client(t.app).get('/api/files/1')).statusCode).toBe(401);
  });

  it('storeFile and fileMeta serve other modules (names are cleaned of paths)', async () => {
    const stored = await storeFile(t.ctx.db, { accountId: null, name: 'test', ip: null }, { name: '../../etc/讲稿.pdf', buf: PDF, purpose: 'activity' });
    expect(stored.name).toBe('讲稿.pdf');
    const metas = await fileMeta(t.ctx.db, [stored.id, 987654]);
    expect(metas).toEqual([{ id: stored.id, name: '讲稿.pdf', mime: 'application/pdf', size: PDF.length }]);
  });
});

describe('backup', () => {
  it('a backup and restore keep the bytes of every file', async () => {
    const bytes = crypto.randomBytes(300_000);
    bytes.set([0xff, 0xd8, 0xff], 0);
    const up = (await upload(admin, bytes, '照片.jpg')).json();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xjkp-files-'));
    const file = path.join(dir, 'b.xjkp.gz');
    let target: Database | undefined;
    try {
      await writeBackup(t.database, file);
      target = await freshDatabase();
      await restoreBackup(target, file);
      const app = await buildApp({ ...t.ctx, db: target.db });
      try {
        const c = new Client(app);
        expect((await c.login('admin', NEW_ADMIN_PASSWORD)).statusCode).toBe(200);
        const got = await c.get(`/api/files/${up.id}`);
        expect(got.statusCode).toBe(200);
        expect(got.headers['content-type']).toBe('image/jpeg');
        expect(got.rawPayload.equals(bytes)).toBe(true);
        const png = await c.get('/api/files/1');
        expect(png.rawPayload.equals(PNG)).toBe(true);
      } finally {
        await app.close();
      }
    } finally {
      await target?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
