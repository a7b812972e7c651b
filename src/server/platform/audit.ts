import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { auditLog } from './schema';

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string | number | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditActor {
  accountId: number | null;
  name: string | null;
  ip: string | null;
}

export function actorOf(req: FastifyRequest): AuditActor {
  return { accountId: req.principal?.accountId ?? null, name: req.principal?.displayName ?? null, ip: req.ip };
}

/**
 * Writes one audit row. Call it with the same `db` (transaction) as the change it records,
 * so the change and its record commit or roll back together.
 */
export async function audit(db: Db, actor: AuditActor, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorAccountId: actor.accountId,
    actorName: actor.name,
    ip: actor.ip,
    action: e.action,
    entityType: e.entityType ?? null,
    entityId: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    summary: e.summary ?? null,
    before: e.before === undefined ? null : redact(e.before),
    after: e.after === undefined ? null : redact(e.after),
  });
}

const SECRET_KEYS = new Set(['password', 'passwordHash', 'idNumber', 'idNumberEnc', 'idNumberHash', 'csrfToken']);

/** Secrets and raw 身份证号 never enter the log; the masked form does. */
function redact(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redact);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) if (!SECRET_KEYS.has(k)) out[k] = redact(val);
    return out;
  }
  return v;
}
