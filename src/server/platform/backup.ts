import type { Config } from '../config';

// Placeholder replaced by the backup/restore implementation (work in progress in this session).
export async function runBackupCommand(command: string, _args: string[], _config: Config): Promise<number> {
  console.error(`${command}: not implemented yet`);
  return 2;
}
