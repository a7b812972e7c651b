/**
 * Loads the law texts shipped in resources/laws at start-up: laws not yet in the database, and
 * newer texts of laws that are (a new version, made current). One transaction, idempotent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { assembleBooks, parseLaw, shortTitleOf, type ParsedLaw } from './parse';
import { laws, lawVersions } from './schema';
import { contentHash, insertVersion, maybeMakeCurrent } from './store';

// Several app processes may start at once on one PostgreSQL; only one loads.
const LOAD_LOCK_KEY = 74_736_011;
const SYSTEM: AuditActor = { accountId: null, name: '系统', ip: null };

/** Finds resources/laws whether we run from src/ (tsx, tests) or dist/ (built). */
export function shippedLawsFolder(): string {
  if (process.env.XJKP_LAWS_DIR) return path.resolve(process.env.XJKP_LAWS_DIR);
  let dir = import.meta.dirname;
  for (let i = 0; i < 7; i++) {
    const candidate = path.join(dir, 'resources', 'laws');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('resources/laws not found; set XJKP_LAWS_DIR');
}

export interface ShippedLaw {
  /** 民法典, 刑法, 个人信息保护法 (from the file name) */
  shortTitle: string;
  category: string;
  /** the date in the file name, when there is one */
  fileDate: string | null;
  files: string[];
  texts: string[];
}

/** `<category>_<name>(YYYY-MM-DD).md`; the books of a code share a category and become one law. */
export function groupShippedFiles(dir: string): ShippedLaw[] {
  const groups = new Map<string, ShippedLaw>();
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.md') || file === 'README.md') continue;
    const m = /^(.+?)_(.+?)(?:\((\d{4}-\d{2}-\d{2})\))?\.md$/.exec(file);
    if (!m) continue;
    const [, category, name, date] = m;
    // 民法典_总则.md … 民法典_附则.md: the category names the code
    const key = category === '民法典' ? category : `${category}/${name}`;
    const g = groups.get(key) ?? { shortTitle: category === '民法典' ? '民法典' : name, category, fileDate: date ?? null, files: [], texts: [] };
    g.files.push(file);
    g.texts.push(fs.readFileSync(path.join(dir, file), 'utf8'));
    groups.set(key, g);
  }
  return [...groups.values()];
}

export function parseShipped(g: ShippedLaw): ParsedLaw {
  if (g.texts.length === 1) return parseLaw(g.texts[0]);
  return assembleBooks(g.texts.map((t) => parseLaw(t)));
}

export interface LoadResult {
  lawsAdded: number;
  versionsAdded: number;
  articlesAdded: number;
  ms: number;
}

export async function loadShippedLaws(db: Db, dir = shippedLawsFolder()): Promise<LoadResult> {
  const started = performance.now();
  const shipped = groupShippedFiles(dir);
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOAD_LOCK_KEY})`);
    const existing = await tx.select({ id: laws.id, title: laws.title }).from(laws);
    const hashes = await tx.select({ lawId: lawVersions.lawId, hash: lawVersions.contentHash }).from(lawVersions);
    const known = new Set(hashes.map((h) => `${h.lawId}:${h.hash}`));
    const byTitle = new Map(existing.map((l) => [l.title, l.id]));
    const counts = { lawsAdded: 0, versionsAdded: 0, articlesAdded: 0 };
    const added: string[] = [];
    for (const g of shipped) {
      const hash = contentHash(g.texts);
      const parsed = parseShipped(g);
      let lawId = byTitle.get(parsed.title);
      if (lawId !== undefined && known.has(`${lawId}:${hash}`)) continue;
      if (lawId === undefined) {
        const [row] = await tx
          .insert(laws)
          .values({ title: parsed.title, shortTitle: g.shortTitle || shortTitleOf(parsed.title), category: g.category })
          .returning({ id: laws.id });
        lawId = row.id;
        byTitle.set(parsed.title, lawId);
        counts.lawsAdded++;
      }
      const versionDate = g.fileDate ?? parsed.versionDate;
      const { versionId } = await insertVersion(tx, lawId, parsed, { versionDate, source: 'shipped', sourceName: g.files.join(', '), contentHash: hash, uploadedBy: null });
      await maybeMakeCurrent(tx, lawId, versionId, versionDate);
      counts.versionsAdded++;
      counts.articlesAdded += parsed.articles.length;
      added.push(`${g.shortTitle}（${versionDate ?? '日期不详'}）`);
    }
    if (counts.versionsAdded) {
      await audit(tx, SYSTEM, {
        action: 'law.load_shipped',
        entityType: 'law',
        summary: `载入随产品发布的法规 ${counts.versionsAdded} 个版本、条文 ${counts.articlesAdded} 条`,
        after: { ...counts, versions: added },
      });
    }
    return counts;
  });
  return { ...result, ms: Math.round(performance.now() - started) };
}

