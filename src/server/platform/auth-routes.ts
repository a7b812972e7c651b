import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { ROLE_ZH } from '../../common/org';
import { people, units } from '../modules/org/schema';
import { actorOf } from './audit';
import { changeOwnPassword, login, logout } from './auth-service';
import { principalOf, SESSION_COOKIE } from './http';
import type { Principal } from './principal';

export async function describeMe(app: FastifyInstance, p: Principal) {
  const { db } = app.ctx;
  let unit: { id: number; name: string; pathNames: string[] } | null = null;
  if (p.personId !== null) {
    const [row] = await db
      .select({ id: units.id, name: units.name, path: units.path })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(eq(people.id, p.personId));
    if (row) {
      const ids = row.path.split('/').filter(Boolean).map(Number);
      const names = await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids));
      const byId = new Map(names.map((n) => [n.id, n.name]));
      unit = { id: row.id, name: row.name, pathNames: ids.map((i) => byId.get(i) ?? '') };
    }
  }
  const adminUnitNames = p.adminUnits.length
    ? await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, p.adminUnits.map((u) => u.id)))
    : [];
  return {
    accountId: p.accountId,
    personId: p.personId,
    displayName: p.displayName,
    unit,
    roles: p.roles.map((r) => ({ role: r, label: ROLE_ZH[r] })),
    adminUnits: adminUnitNames,
    mustChangePassword: p.mustChangePassword,
    csrfToken: p.csrfToken,
    sessionIdleMinutes: app.ctx.config.sessionIdleMinutes,
  };
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.ctx;

  r.post(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录（登录名/工号、身份证号或手机号 + 密码）',
        body: z.object({
          username: z.string().trim().min(1, '请输入账号').max(64),
          password: z.string().min(1, '请输入密码').max(128),
        }),
      },
    },
    async (req, reply) => {
      const { token, principal } = await login(app.ctx, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      void reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: config.secureCookies,
      });
      return describeMe(app, principal);
    },
  );

  r.post('/api/auth/logout', { config: { allowPasswordChangePending: true }, schema: { tags: ['auth'], summary: '退出登录' } }, async (req, reply) => {
    await logout(app.ctx.db, principalOf(req), actorOf(req));
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/api/auth/me', { config: { allowPasswordChangePending: true }, schema: { tags: ['auth'], summary: '当前用户' } }, async (req) =>
    describeMe(app, principalOf(req)),
  );

  r.post(
    '/api/auth/change-password',
    {
      config: { allowPasswordChangePending: true },
      schema: {
        tags: ['auth'],
        summary: '修改本人密码',
        body: z.object({ oldPassword: z.string().min(1, '请输入原密码').max(128), newPassword: z.string().min(1, '请输入新密码').max(128) }),
      },
    },
    async (req) => {
      await changeOwnPassword(app.ctx, principalOf(req), req.body, actorOf(req));
      return { ok: true };
    },
  );
}
