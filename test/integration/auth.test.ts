import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../src/server/platform/schema';
import { ADMIN_PASSWORD, adminClient, Client, createTestApp, idNumber, NEW_ADMIN_PASSWORD, type TestApp } from '../helpers/app';

let t: TestApp;
let admin: Client;
let unitId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  unitId = (await admin.post('/api/units', { name: '某区', parentId: null })).json().id;
});
afterAll(() => t.close());

async function personWithPassword(fields: Record<string, unknown>): Promise<{ id: number; otp: string }> {
  const res = await admin.post('/api/people', { unitId, ...fields });
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json().id;
  const otp = (await admin.post(`/api/people/${id}/reset-password`)).json().oneTimePassword;
  return { id, otp };
}

describe('first login of the bootstrap administrator', () => {
  it('forces a password change before anything else', async () => {
    const t2 = await createTestApp();
    try {
      const c = new Client(t2.app);
      const res = await c.login('admin', ADMIN_PASSWORD);
      expect(res.statusCode).toBe(200);
      expect(res.json().mustChangePassword).toBe(true);
      const blocked = await c.get('/api/people');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const weak = await c.post('/api/auth/change-password', { oldPassword: ADMIN_PASSWORD, newPassword: 'password' });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.issues[0].path).toBe('newPassword');
      const ok = await c.post('/api/auth/change-password', { oldPassword: ADMIN_PASSWORD, newPassword: 'Fresh#Pass1' });
      expect(ok.statusCode).toBe(200);
      expect((await c.get('/api/people')).statusCode).toBe(200);
    } finally {
      await t2.close();
    }
  });
});

describe('login identifiers', () => {
  it('accepts 工号, 身份证号 and 手机号', async () => {
    const idNo = idNumber('11010119850101123');
    const { otp } = await personWithPassword({ name: '张三', employeeNo: 'zs001', idNumber: idNo, phone: '13800000001' });
    for (const username of ['zs001', idNo, idNo.toLowerCase(), '13800000001']) {
      const c = new Client(t.app);
      const res = await c.login(username, otp);
      expect(res.statusCode, `${username}: ${res.body}`).toBe(200);
      expect(res.json().displayName).toBe('张三');
      expect(res.json().unit.name).toBe('某区');
    }
  });

  it('refuses a phone number shared by two people', async () => {
    const a = await personWithPassword({ name: '甲', employeeNo: 'share1', phone: '13800000099' });
    await personWithPassword({ name: '乙', employeeNo: 'share2', phone: '13800000099' });
    expect((await new Client(t.app).login('13800000099', a.otp)).statusCode).toBe(401);
    expect((await new Client(t.app).login('share1', a.otp)).statusCode).toBe(200);
  });

  it('refuses people who have left (调离/退休)', async () => {
    const { id, otp } = await personWithPassword({ name: '丙', employeeNo: 'left01' });
    await admin.patch(`/api/people/${id}`, { status: '调离' });
    const res = await new Client(t.app).login('left01', otp);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ACCOUNT_DISABLED');
  });
});

describe('lockout', () => {
  it('locks for 15 minutes after 5 failures, even for the right password', async () => {
    const { otp } = await personWithPassword({ name: '丁', employeeNo: 'lock01' });
    const c = new Client(t.app);
    for (let i = 1; i <= 4; i++) {
      const res = await c.login('lock01', 'Wrong#pass1');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toContain(`再错${5 - i}次`);
    }
    const fifth = await c.login('lock01', 'Wrong#pass1');
    expect(fifth.statusCode).toBe(423);
    const right = await c.login('lock01', otp);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.message).toMatch(/1[45]分钟后再试/);
    const log = await admin.get('/api/audit?action=auth.account_locked');
    expect(log.json().total).toBeGreaterThanOrEqual(1);
  });

  it('gives the same answer for an unknown account as for a wrong password', async () => {
    const res = await new Client(t.app).login('nobody-here', 'Whatever#1');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('LOGIN_FAILED');
  });
});

describe('password history', () => {
  it('refuses the last five passwords', async () => {
    const { otp } = await personWithPassword({ name: '戊', employeeNo: 'hist01' });
    const c = new Client(t.app);
    await c.login('hist01', otp);
    const pws = ['First#pass1', 'Second#pass2', 'Third#pass3', 'Fourth#pass4', 'Fifth#pass5', 'Sixth#pass6'];
    let current = otp;
    for (const pw of pws) {
      const r = await c.post('/api/auth/change-password', { oldPassword: current, newPassword: pw });
      expect(r.statusCode, r.body).toBe(200);
      current = pw;
    }
    const reuse = await c.post('/api/auth/change-password', { oldPassword: current, newPassword: 'Third#pass3' });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().error.code).toBe('PASSWORD_REUSED');
    // Five changes ago is outside the window.
    const old = await c.post('/api/auth/change-password', { oldPassword: current, newPassword: 'First#pass1' });
    expect(old.statusCode, old.body).toBe(200);
  });

  it('says when the old password is wrong', async () => {
    const res = await admin.post('/api/auth/change-password', { oldPassword: 'nope', newPassword: 'Another#pass1' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([{ path: 'oldPassword', message: '原密码不正确' }]);
  });
});

describe('sessions', () => {
  it('requires the CSRF token on writes', async () => {
    const res = await admin.request('POST', '/api/units', { name: '无令牌', parentId: null }, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
  });

  it('keeps one active session per account and tells the displaced one why', async () => {
    const { otp } = await personWithPassword({ name: '己', employeeNo: 'single01' });
    const first = new Client(t.app);
    await first.login('single01', otp);
    const second = new Client(t.app);
    await second.login('single01', otp);
    const res = await first.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_REPLACED');
    expect((await second.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('expires after the idle timeout', async () => {
    const { otp } = await personWithPassword({ name: '庚', employeeNo: 'idle01' });
    const c = new Client(t.app);
    await c.login('idle01', otp);
    await t.ctx.db.update(sessions).set({ lastSeenAt: sql`now() - interval '31 minutes'` });
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    // the admin's session was aged too; log back in for the remaining tests
    admin = new Client(t.app);
    await admin.login('admin', NEW_ADMIN_PASSWORD);
  });

  it('logs out', async () => {
    const c = new Client(t.app);
    await c.login('admin', NEW_ADMIN_PASSWORD);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    admin = new Client(t.app);
    await admin.login('admin', NEW_ADMIN_PASSWORD);
  });
});

describe('login rate limit', () => {
  it('answers 429 with a Chinese message past the per-minute limit', async () => {
    const t2 = await createTestApp({ loginRateLimitPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await new Client(t2.app).login('nobody', 'x')).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const res = await new Client(t2.app).login('nobody', 'x');
      expect(res.json().error.code).toBe('RATE_LIMITED');
      expect(res.json().error.message).toContain('稍后');
    } finally {
      await t2.close();
    }
  });
});

describe('security headers', () => {
  it('sends CSP, frame and content-type protections', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sets an HttpOnly SameSite=Strict session cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: NEW_ADMIN_PASSWORD } });
    const cookie = res.cookies.find((c) => c.name === 'xjkp_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    admin = new Client(t.app);
    await admin.login('admin', NEW_ADMIN_PASSWORD);
  });
});

describe('percent-encoded paths', () => {
  it('an encoded /api path gets the same session and CSRF checks as the plain one', async () => {
    const anon = new Client(t.app);
    // '/%61pi/people' is routed to /api/people; it must not slip past the session check
    expect((await anon.get('/%61pi/people')).statusCode).toBe(401);
    expect((await anon.get('/%61pi/auth/me')).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'POST', url: '/%61pi/units', payload: { name: '无令牌', parentId: null }, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(403);
  });
});
