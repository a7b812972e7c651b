import { loadConfig } from './config';
import { openDatabase } from './db/client';
import { loggableError } from './platform/errors';
import { startServer } from './server';

const USAGE = `用法 / usage: xjkp <command>
  serve                 启动服务 / start the server (default)
  migrate               仅执行数据库迁移 / apply migrations and exit
  backup <file>         备份数据库到文件 / write a backup file
  restore <file> [--force]  从备份恢复（目标库须为空，--force 清空后恢复）/ restore into an empty database
  demo [count]          生成演示单位、人员和本年学法数据（默认 200 人）/ add a demo district with people and this year's learning data (default 200)`;

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const server = await startServer(config, { logger: true });
      console.log(`[xjkp] 已启动 / listening on http://localhost:${config.port}  (${server.database.kind === 'pglite' ? `PGlite: ${config.dataDir}` : 'PostgreSQL'})`);
      const shutdown = async () => {
        await server.stop();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      return -1; // keep running
    }
    case 'migrate': {
      const db = await openDatabase(config);
      await db.migrate();
      await db.close();
      console.log('[xjkp] 迁移完成 / migrations applied');
      return 0;
    }
    case 'backup':
    case 'restore': {
      const { runBackupCommand } = await import('./platform/backup');
      return runBackupCommand(command, rest, config);
    }
    case 'demo': {
      const count = rest[0] === undefined ? 200 : Number(rest[0]);
      if (!Number.isInteger(count) || count < 1 || count > 100_000) {
        console.error('人数应为 1–100000 的整数 / count must be an integer 1–100000');
        return 2;
      }
      const { prepare } = await import('./server');
      const { seedDemoOrg } = await import('./modules/org/demo');
      const { app, database, ctx } = await prepare(config);
      try {
        const r = await seedDemoOrg(ctx, { count, learning: true });
        console.log(`[xjkp] 已生成演示数据 / demo data: ${r.units} 个单位 units, ${r.people} 名人员 people`);
        if (r.learning) {
          const l = r.learning;
          console.log(
            `[xjkp] ${l.year}年学法数据 / learning: ${l.lists} 个学法清单 lists, ${l.materials} 份新材料 materials, ${l.lecturers} 名讲师 lecturers, ${l.activities} 次学法/讲法活动 activities, ${l.attendances} 人次参加 attendances, ${l.quotas} 项指标 quotas`,
          );
        }
      } finally {
        await app.close();
        await database.close();
      }
      return 0;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`未知命令 / unknown command: ${command}\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    const e = loggableError(err);
    console.error('[xjkp]', e.message);
    if (process.env.LOG_LEVEL === 'debug') console.error(e.query ?? '', e.stack ?? '');
    process.exit(1);
  },
);
