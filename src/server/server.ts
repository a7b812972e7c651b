import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { ensureAdministrator } from './bootstrap';
import type { Config } from './config';
import type { AppContext } from './context';
import { openDatabase, type Database } from './db/client';
import { loadShippedLaws } from './modules/laws/load-shipped';
import { startFinaliser } from './modules/exam/finalise';
import { startDutyReminders } from './modules/learning/reminders';
import { createFieldCipher, loadOrCreateKey } from './platform/crypto';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates, bootstraps the administrator and builds the app (not yet listening). */
export async function prepare(config: Config, opts: { logger?: boolean; print?: (s: string) => void } = {}) {
  const print = opts.print ?? ((s: string) => console.log(s));
  const database = await openDatabase(config);
  await database.migrate();
  const ctx: AppContext = { db: database.db, config, cipher: createFieldCipher(loadOrCreateKey(config)) };
  const admin = await ensureAdministrator(database.db, config.adminPassword);
  if (admin.created) {
    print(
      [
        '',
        '================ 首次启动 / first start ================',
        '已创建系统管理员 / administrator account created',
        '  登录名 / login:    admin',
        admin.password
          ? `  一次性密码 / one-time password:  ${admin.password}`
          : '  密码 / password:  XJKP_ADMIN_PASSWORD 中设置的密码',
        '  首次登录须修改密码；此密码只显示这一次。',
        '  The password must be changed at first login; it is shown only once.',
        '========================================================',
        '',
      ].join('\n'),
    );
  }
  // 法规库: laws shipped with this release that the database does not have yet (idempotent).
  const laws = await loadShippedLaws(database.db);
  if (laws.versionsAdded) print(`法规库：已载入 ${laws.versionsAdded} 部法规版本、${laws.articlesAdded} 条条文（${laws.ms} ms）`);
  const app = await buildApp(ctx, { logger: opts.logger });
  return { app, database, ctx };
}

export async function startServer(config: Config, opts: { logger?: boolean; print?: (s: string) => void } = {}): Promise<RunningServer> {
  const { app, database, ctx } = await prepare(config, opts);
  const address = await app.listen({ port: config.port, host: config.host });
  // submits attempts whose deadline passed even if no browser comes back (safe in every process)
  const finaliser = startFinaliser(ctx, app.log);
  // 讲法责任: weekly reminders from 1 October on (hourly check, idempotent per ISO week)
  const dutyReminders = startDutyReminders(ctx, app.log);
  return {
    app,
    database,
    url: address,
    stop: async () => {
      await finaliser.stop();
      await dutyReminders.stop();
      await app.close();
      await database.close();
    },
  };
}
