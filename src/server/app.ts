import fs from 'node:fs';
import path from 'node:path';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './context';
import { orgRoutes } from './modules/org/routes';
import { peopleImportRoutes } from './modules/org/import/routes';
import { lawRoutes } from './modules/laws/routes';
import { bankRoutes } from './modules/bank/routes';
import { bankImportRoutes } from './modules/bank/import/routes';
import { bankDraftingRoutes } from './modules/bank/drafting/routes';
import { examManageRoutes, examMonitorRoutes } from './modules/exam/routes-manage';
import { myExamRoutes } from './modules/exam/routes-my';
import { activityRoutes } from './modules/learning/routes-activities';
import { readingRoutes } from './modules/learning/routes-reading';
import { examResultsRoutes } from './modules/exam/routes-results';
import { archiveRoutes } from './modules/learning/routes-archive';
import { dutyRoutes } from './modules/learning/routes-duty';
import { practiceRoutes } from './modules/learning/routes-practice';
import { fileRoutes } from './modules/files/routes';
import { learningListRoutes } from './modules/learning/routes-lists';
import { auditRoutes } from './platform/audit-routes';
import { authRoutes } from './platform/auth-routes';
import { AppError, frameworkErrors, registerErrorHandling } from './platform/errors';
import { registerHttpSecurity } from './platform/http';

// Validation messages zod writes itself (type errors etc.) come out in Chinese.
z.config(z.locales.zhCN());
z.config({ customError: (iss) => (iss.code === 'invalid_type' && iss.input === undefined ? '此项为必填项' : undefined) });

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: ctx.config.logLevel } : false,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    frameworkErrors,
  });
  app.decorate('ctx', ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  // The API description is public (it holds no data); everything else under /api needs a session.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config as object), public: true };
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'xjkp 学讲考评 API', version: '0.1.0', description: '会话 Cookie 认证；非 GET 请求须带 x-csrf-token 头。' },
      tags: [
        { name: 'auth', description: '登录与账号' },
        { name: 'org', description: '单位与人员' },
        { name: 'audit', description: '审计日志' },
        { name: 'bank', description: '题库' },
        { name: 'laws', description: '法规库' },
        { name: 'exam', description: '考试' },
        { name: 'files', description: '文件' },
        { name: 'learning', description: '学法与讲法：清单、阅读学时、集体学法、讲法、指标、学法档案' },
        { name: 'practice', description: '练习：每日一练、专项练习、错题本' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });

  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await registerHttpSecurity(app);

  app.get('/api/health', { config: { public: true } }, async () => {
    await ctx.db.execute('select 1');
    return { ok: true };
  });
  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(peopleImportRoutes);
  await app.register(auditRoutes);
  await app.register(lawRoutes);
  await app.register(bankRoutes);
  await app.register(bankImportRoutes);
  await app.register(bankDraftingRoutes);
  await app.register(examManageRoutes);
  await app.register(examMonitorRoutes);
  await app.register(myExamRoutes);
  await app.register(activityRoutes);
  await app.register(dutyRoutes);
  await app.register(readingRoutes);
  await app.register(examResultsRoutes);
  await app.register(archiveRoutes);
  await app.register(practiceRoutes);
  await app.register(fileRoutes);
  await app.register(learningListRoutes);

  const webDir = ctx.config.webDir;
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuild under a running server is served at once.
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: 'index.html',
      cacheControl: false,
      setHeaders: (res, filePath) => {
        // Vite fingerprints everything under assets/; index.html must always be revalidated.
        res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') throw new AppError('NOT_FOUND', '接口不存在');
    if (!hasWeb) return reply.status(404).type('text/plain; charset=utf-8').send('前端尚未构建：请运行 npm run build / web app not built: run npm run build');
    // The single-page app handles its own routes.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return app;
}
