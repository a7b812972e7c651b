/**
 * PostgreSQL cannot store U+0000 in text or jsonb. Anything a user types may contain it (a paste
 * from a binary file, a crafted request), so it must come back as a 400 with a message, never a 500.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, createTestApp, type Client, type TestApp } from '../helpers/app';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
});
afterAll(() => t.close());

it('a NUL in a text field is a 400 that says so, and nothing is written', async () => {
  const res = await admin.post('/api/units', { name: '司法\u0000局', parentId: null });
  expect(res.statusCode, res.body).toBe(400);
  expect(res.body).toContain('无法保存的字符');
  const list = await admin.get('/api/units');
  expect(list.body).not.toContain('司法');
});

it('a request field that is itself called "body" is named in the error, not reported as (root)', async () => {
  const res = await admin.post('/api/learning/materials', { title: '纲要', kind: '习近平法治思想', body: '字'.repeat(200_001) });
  expect(res.statusCode, res.body).toBe(400);
  expect(res.json().error.issues).toEqual([expect.objectContaining({ path: 'body' })]);
});
