import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let webDir: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xjkp-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>学讲考评</title>');
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), 'console.log(1)');
  t = await createTestApp({ webDir });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('answers the root and any app route with index.html, revalidated every time', async () => {
    const root = await t.app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('学讲考评');
    const res = await t.app.inject({ method: 'GET', url: '/org/people?unitId=3' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('学讲考评');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('serves fingerprinted assets as immutable, including ones built after start-up', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(res.headers['cache-control']).toContain('immutable');
    fs.writeFileSync(path.join(webDir, 'assets', 'later-def456.js'), 'console.log(2)');
    expect((await t.app.inject({ method: 'GET', url: '/assets/later-def456.js' })).statusCode).toBe(200);
  });

  it('keeps unknown API paths as JSON errors, never the app page', async () => {
    const admin = await adminClient(t.app);
    const res = await admin.get('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const anon = await t.app.inject({ method: 'POST', url: '/api/no-such-thing' });
    expect(anon.statusCode).toBeGreaterThanOrEqual(400);
    expect(anon.json().error).toBeDefined();
  });
});
