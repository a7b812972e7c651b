/**
 * An organiser uploads a statute (.md/.txt): a new law, or a new version of one. The whole file
 * is parsed and checked first; preview (dry run) and commit run the same checks, and commit
 * writes the version in one transaction with its audit row — or nothing.
 */
import { and, eq } from 'drizzle-orm';
import type { FieldIssue } from '../../../common/errors';
import type { LawUploadSummary } from '../../../common/laws';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError } from '../../platform/errors';
import type { Principal } from '../../platform/principal';
import { LawParseError, parseLaw, shortTitleOf, type ParsedLaw } from './parse';
import { laws, lawVersions } from './schema';
import { contentHash, insertVersion, maybeMakeCurrent } from './store';

export interface LawUpload {
  buffer: Buffer;
  filename: string;
  lawId?: number;
  title?: string;
  shortTitle?: string;
  category?: string;
  versionDate?: string;
}

const invalid = (issues: FieldIssue[]) => new AppError('VALIDATION', undefined, { issues });

/** UTF-8 first; Chinese Windows still saves .txt as GBK, so GB18030 is the fallback. */
export function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

interface Plan {
  parsed: ParsedLaw;
  lawId: number | null;
  title: string;
  shortTitle: string;
  category: string;
  versionDate: string | null;
  hash: string;
}

async function plan(db: Db, u: LawUpload): Promise<Plan> {
  if (!/\.(md|txt|markdown)$/i.test(u.filename)) throw invalid([{ path: 'file', message: '只能上传 .md 或 .txt 文本文件' }]);
  const text = decodeText(u.buffer);
  let existing: typeof laws.$inferSelect | undefined;
  if (u.lawId !== undefined) {
    [existing] = await db.select().from(laws).where(eq(laws.id, u.lawId));
    if (!existing) throw invalid([{ path: 'lawId', message: '所选法规不存在' }]);
  }
  let parsed: ParsedLaw;
  try {
    parsed = parseLaw(text, { title: existing?.title ?? u.title });
  } catch (e) {
    if (e instanceof LawParseError) {
      throw invalid(e.issues.map((i) => ({ path: 'file', message: i.line ? `第${i.line}行：${i.message}` : i.message })));
    }
    throw e;
  }
  const issues: FieldIssue[] = [];
  const title = existing?.title ?? u.title?.trim() ?? parsed.title;
  if (existing && parsed.title !== existing.title) issues.push({ path: 'file', message: `第1行：文件标题“${parsed.title}”与所选法规“${existing.title}”不一致` });
  if (!existing) {
    const [clash] = await db.select({ id: laws.id }).from(laws).where(eq(laws.title, title));
    if (clash) issues.push({ path: 'title', message: `已有法规“${title}”，请选择该法规后上传新版本` });
    if (!u.category?.trim()) issues.push({ path: 'category', message: '请选择或填写法规类别' });
  }
  const versionDate = u.versionDate ?? parsed.versionDate;
  if (!versionDate) issues.push({ path: 'versionDate', message: '文件中没有日期行，请填写版本日期' });
  const hash = contentHash([text]);
  if (existing) {
    const [dup] = await db
      .select({ id: lawVersions.id, versionDate: lawVersions.versionDate })
      .from(lawVersions)
      .where(and(eq(lawVersions.lawId, existing.id), eq(lawVersions.contentHash, hash)));
    if (dup) issues.push({ path: 'file', message: `该文本与已有版本（${dup.versionDate ?? '日期不详'}）完全相同` });
  }
  if (issues.length) throw invalid(issues);
  return {
    parsed,
    lawId: existing?.id ?? null,
    title,
    shortTitle: existing?.shortTitle ?? (u.shortTitle?.trim() || shortTitleOf(title)),
    category: existing?.category ?? u.category!.trim(),
    versionDate,
    hash,
  };
}

function summary(p: Plan, dryRun: boolean, ids: { lawId: number | null; versionId: number | null }): LawUploadSummary {
  return {
    dryRun,
    title: p.title,
    shortTitle: p.shortTitle,
    category: p.category,
    versionDate: p.versionDate,
    lawId: ids.lawId,
    versionId: ids.versionId,
    articleCount: p.parsed.articles.length,
    nodeCount: p.parsed.nodes.length,
    nodes: p.parsed.nodes.map((n) => ({ label: n.label, title: n.title, depth: n.depth })),
    firstArticles: p.parsed.articles.slice(0, 3).map((a) => ({ label: a.label, text: a.text })),
    warnings: p.parsed.warnings,
  };
}

export async function uploadLaw(db: Db, principal: Principal, actor: AuditActor, u: LawUpload, dryRun: boolean): Promise<LawUploadSummary> {
  if (dryRun) {
    const p = await plan(db, u);
    return summary(p, true, { lawId: p.lawId, versionId: null });
  }
  return db.transaction(async (tx) => {
    // re-checked inside the transaction: a concurrent upload of the same law cannot slip past
    const p = await plan(tx, u);
    let lawId = p.lawId;
    if (lawId === null) {
      const [row] = await tx.insert(laws).values({ title: p.title, shortTitle: p.shortTitle, category: p.category }).returning({ id: laws.id });
      lawId = row.id;
    }
    const { versionId } = await insertVersion(tx, lawId, p.parsed, {
      versionDate: p.versionDate,
      source: 'upload',
      sourceName: u.filename,
      contentHash: p.hash,
      uploadedBy: principal.accountId,
    });
    const current = await maybeMakeCurrent(tx, lawId, versionId, p.versionDate);
    await audit(tx, actor, {
      action: p.lawId === null ? 'law.create' : 'law.add_version',
      entityType: 'law',
      entityId: lawId,
      summary: `上传${p.shortTitle}（${p.versionDate}）${p.parsed.articles.length}条${current ? '，设为现行版本' : '，作为历史版本'}`,
      after: { versionId, filename: u.filename, articleCount: p.parsed.articles.length, versionDate: p.versionDate, current },
    });
    return summary(p, false, { lawId, versionId });
  });
}
