/** Writes a parsed law version: the version row, its nodes (level by level) and articles, in batches. */
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { ParsedLaw } from './parse';
import { lawArticles, lawNodes, laws, lawVersions } from './schema';

const ARTICLE_BATCH = 1000;

/** Same text, same hash, whatever the line endings or a BOM. */
export function contentHash(texts: string[]): string {
  const h = crypto.createHash('sha256');
  for (const t of texts) h.update(t.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')).update('\u0000');
  return h.digest('hex');
}

export interface VersionMeta {
  versionDate: string | null;
  source: 'shipped' | 'upload';
  sourceName: string | null;
  contentHash: string;
  uploadedBy: number | null;
}

export async function insertVersion(db: Db, lawId: number, law: ParsedLaw, meta: VersionMeta): Promise<{ versionId: number }> {
  const [version] = await db
    .insert(lawVersions)
    .values({
      lawId,
      versionDate: meta.versionDate,
      history: law.history.map((h) => `${h.date} ${h.text}`.trim()).join('\n'),
      preamble: law.preamble,
      appendix: law.appendix,
      source: meta.source,
      sourceName: meta.sourceName,
      contentHash: meta.contentHash,
      articleCount: law.articles.length,
      uploadedBy: meta.uploadedBy,
    })
    .returning({ id: lawVersions.id });

  // Each node's span of article ordinals, so the reader can page by 章 without scanning articles.
  const first = new Array<number | null>(law.nodes.length).fill(null);
  const last = new Array<number | null>(law.nodes.length).fill(null);
  law.articles.forEach((a, ordinal) => {
    for (const i of a.path) {
      if (first[i] === null) first[i] = ordinal;
      last[i] = ordinal;
    }
  });
  // Parents before children: one insert per depth (a law has at most four levels).
  const nodeIds = new Array<number>(law.nodes.length);
  const maxDepth = law.nodes.reduce((m, n) => Math.max(m, n.depth), -1);
  for (let depth = 0; depth <= maxDepth; depth++) {
    const level = law.nodes.filter((n) => n.depth === depth);
    if (!level.length) continue;
    const rows = await db
      .insert(lawNodes)
      .values(
        level.map((n) => ({
          versionId: version.id,
          parentId: n.parentIndex === null ? null : nodeIds[n.parentIndex],
          kind: n.kind,
          label: n.label,
          title: n.title,
          depth: n.depth,
          ordinal: n.index,
          firstArticle: first[n.index],
          lastArticle: last[n.index],
        })),
      )
      .returning({ id: lawNodes.id, ordinal: lawNodes.ordinal });
    for (const r of rows) nodeIds[r.ordinal] = r.id;
  }

  for (let i = 0; i < law.articles.length; i += ARTICLE_BATCH) {
    await db.insert(lawArticles).values(
      law.articles.slice(i, i + ARTICLE_BATCH).map((a, j) => ({
        versionId: version.id,
        nodeId: a.nodeIndex === null ? null : nodeIds[a.nodeIndex],
        no: a.no,
        suffix: a.suffix,
        label: a.label,
        text: a.text,
        ordinal: i + j,
      })),
    );
  }
  return { versionId: version.id };
}

/** Makes a version current when it is at least as new as the current one. */
export async function maybeMakeCurrent(db: Db, lawId: number, versionId: number, versionDate: string | null): Promise<boolean> {
  const [row] = await db
    .select({ current: laws.currentVersionId, currentDate: lawVersions.versionDate })
    .from(laws)
    .leftJoin(lawVersions, eq(lawVersions.id, laws.currentVersionId))
    .where(eq(laws.id, lawId));
  const newer = !row?.current || !row.currentDate || (versionDate !== null && versionDate >= row.currentDate);
  if (newer) await db.update(laws).set({ currentVersionId: versionId, updatedAt: sql`now()` }).where(eq(laws.id, lawId));
  return newer;
}
