/** 法规库 reading and search. Every logged-in user may read; see upload.ts for writing. */
import { and, asc, count, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import {
  categoryRank,
  MAX_ARTICLE_RANGE,
  SEARCH_PAGE_SIZE,
  type LawArticleDeepLink,
  type LawArticleView,
  type LawSearchResult,
  type LawSummary,
  type LawVersionSummary,
  type LawVersionView,
} from '../../../common/laws';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../platform/errors';
import { lawArticles, lawNodes, laws, lawVersions } from './schema';
import { makeSnippet, splitTerms } from './search-text';

const articleColumns = {
  id: lawArticles.id,
  versionId: lawArticles.versionId,
  nodeId: lawArticles.nodeId,
  no: lawArticles.no,
  suffix: lawArticles.suffix,
  label: lawArticles.label,
  text: lawArticles.text,
  ordinal: lawArticles.ordinal,
};

async function lawSummaries(db: Db, where?: SQL): Promise<LawSummary[]> {
  const versionCounts = db
    .select({ lawId: lawVersions.lawId, n: count().as('n') })
    .from(lawVersions)
    .groupBy(lawVersions.lawId)
    .as('vc');
  const rows = await db
    .select({
      id: laws.id,
      title: laws.title,
      shortTitle: laws.shortTitle,
      category: laws.category,
      currentVersionId: laws.currentVersionId,
      versionDate: lawVersions.versionDate,
      articleCount: lawVersions.articleCount,
      versionCount: versionCounts.n,
    })
    .from(laws)
    .innerJoin(lawVersions, eq(lawVersions.id, laws.currentVersionId))
    .innerJoin(versionCounts, eq(versionCounts.lawId, laws.id))
    .where(where)
    .orderBy(asc(laws.id));
  return rows
    .map((r) => ({ ...r, currentVersionId: r.currentVersionId!, versionCount: Number(r.versionCount) }))
    .sort((a, b) => categoryRank(a.category) - categoryRank(b.category) || a.category.localeCompare(b.category, 'zh-CN') || a.id - b.id);
}

export const listLaws = (db: Db) => lawSummaries(db);

async function lawOr404(db: Db, lawId: number): Promise<LawSummary> {
  const [law] = await lawSummaries(db, eq(laws.id, lawId));
  if (!law) throw notFound('法规');
  return law;
}

/** The version asked for, which must belong to the law; the current one when none is asked for. */
async function versionOf(db: Db, law: LawSummary, versionId?: number) {
  const id = versionId ?? law.currentVersionId;
  const [v] = await db
    .select()
    .from(lawVersions)
    .where(and(eq(lawVersions.id, id), eq(lawVersions.lawId, law.id)));
  if (!v) throw notFound('法规版本');
  return v;
}

const versionSummary = (v: typeof lawVersions.$inferSelect, currentId: number): LawVersionSummary => ({
  id: v.id,
  versionDate: v.versionDate,
  source: v.source,
  sourceName: v.sourceName,
  articleCount: v.articleCount,
  createdAt: v.createdAt.toISOString(),
  isCurrent: v.id === currentId,
});

/** Table of contents (编/章/节) and the list of versions, for the current or an older version. */
export async function getLawVersion(db: Db, lawId: number, versionId?: number): Promise<LawVersionView> {
  const law = await lawOr404(db, lawId);
  const v = await versionOf(db, law, versionId);
  const nodes = await db
    .select({
      id: lawNodes.id,
      parentId: lawNodes.parentId,
      kind: lawNodes.kind,
      label: lawNodes.label,
      title: lawNodes.title,
      depth: lawNodes.depth,
      firstArticle: lawNodes.firstArticle,
      lastArticle: lawNodes.lastArticle,
    })
    .from(lawNodes)
    .where(eq(lawNodes.versionId, v.id))
    .orderBy(asc(lawNodes.ordinal));
  const versions = await db
    .select()
    .from(lawVersions)
    .where(eq(lawVersions.lawId, law.id))
    .orderBy(sql`${lawVersions.versionDate} desc nulls last`, sql`${lawVersions.id} desc`);
  return {
    law,
    version: {
      ...versionSummary(v, law.currentVersionId),
      history: v.history ? v.history.split('\n') : [],
      preamble: v.preamble,
      appendix: v.appendix,
    },
    nodes,
    versions: versions.map((x) => versionSummary(x, law.currentVersionId)),
  };
}

/** Articles by reading order (0-based ordinals, both ends included), at most MAX_ARTICLE_RANGE. */
export async function listArticles(
  db: Db,
  lawId: number,
  q: { versionId?: number; from?: number; to?: number },
): Promise<{ versionId: number; from: number; to: number; total: number; articles: LawArticleView[] }> {
  const law = await lawOr404(db, lawId);
  const v = await versionOf(db, law, q.versionId);
  const from = q.from ?? 0;
  const to = q.to ?? from + MAX_ARTICLE_RANGE - 1;
  if (to < from) throw new AppError('VALIDATION', undefined, { issues: [{ path: 'to', message: '结束位置不能小于起始位置' }] });
  if (to - from + 1 > MAX_ARTICLE_RANGE) {
    throw new AppError('VALIDATION', undefined, { issues: [{ path: 'to', message: `一次最多读取${MAX_ARTICLE_RANGE}条` }] });
  }
  const articles = await db
    .select(articleColumns)
    .from(lawArticles)
    .where(and(eq(lawArticles.versionId, v.id), gte(lawArticles.ordinal, from), lte(lawArticles.ordinal, to)))
    .orderBy(asc(lawArticles.ordinal));
  return { versionId: v.id, from, to: Math.min(to, v.articleCount - 1), total: v.articleCount, articles };
}

/** 跳转到第N条 (之N with suffix). */
export async function articleByNo(db: Db, lawId: number, no: number, suffix: number, versionId?: number): Promise<LawArticleDeepLink> {
  const law = await lawOr404(db, lawId);
  const v = await versionOf(db, law, versionId);
  const [a] = await db
    .select({ id: lawArticles.id })
    .from(lawArticles)
    .where(and(eq(lawArticles.versionId, v.id), eq(lawArticles.no, no), eq(lawArticles.suffix, suffix)));
  if (!a) throw notFound(`${law.shortTitle}的该条文`);
  return articleById(db, a.id);
}

/** The deep link other pages use: one article of one exact version. */
export async function articleById(db: Db, articleId: number): Promise<LawArticleDeepLink> {
  const [row] = await db
    .select({
      article: articleColumns,
      law: { id: laws.id, title: laws.title, shortTitle: laws.shortTitle, category: laws.category, currentVersionId: laws.currentVersionId },
      version: { id: lawVersions.id, versionDate: lawVersions.versionDate },
    })
    .from(lawArticles)
    .innerJoin(lawVersions, eq(lawVersions.id, lawArticles.versionId))
    .innerJoin(laws, eq(laws.id, lawVersions.lawId))
    .where(eq(lawArticles.id, articleId));
  if (!row) throw notFound('条文');
  const { currentVersionId, ...law } = row.law;
  const isCurrent = currentVersionId === row.version.id;
  let newerVersion: LawArticleDeepLink['newerVersion'] = null;
  let currentArticleId: number | null = isCurrent ? row.article.id : null;
  if (!isCurrent && currentVersionId) {
    const [cur] = await db.select({ id: lawVersions.id, versionDate: lawVersions.versionDate }).from(lawVersions).where(eq(lawVersions.id, currentVersionId));
    newerVersion = cur ?? null;
    const [same] = await db
      .select({ id: lawArticles.id })
      .from(lawArticles)
      .where(and(eq(lawArticles.versionId, currentVersionId), eq(lawArticles.no, row.article.no), eq(lawArticles.suffix, row.article.suffix)));
    currentArticleId = same?.id ?? null;
  }
  return { article: row.article, law, version: row.version, isCurrent, newerVersion, currentArticleId };
}

/**
 * Full-text search over the current version of every law. Terms are AND-ed: each must occur in
 * the article or in its law's title. Ranked by how many terms the article text holds, then by
 * title matches, then in reading order. A scan with strpos: ~5,000 articles take a few
 * milliseconds (bench/law-search.ts), so no trigram index is needed at this size.
 */
export async function searchLaws(db: Db, q: string, opts: { lawId?: number; page?: number }): Promise<LawSearchResult> {
  const started = performance.now();
  const terms = splitTerms(q);
  const page = opts.page ?? 1;
  if (!terms.length) throw new AppError('VALIDATION', undefined, { issues: [{ path: 'q', message: '请输入要搜索的词语' }] });
  const inText = (t: string) => sql`(strpos(lower(${lawArticles.text}), ${t}) > 0)`;
  const inTitle = (t: string) => sql`(strpos(lower(${laws.title}), ${t}) > 0)`;
  const textHits = sql.join(
    terms.map((t) => sql`${inText(t)}::int`),
    sql` + `,
  );
  const titleHits = sql.join(
    terms.map((t) => sql`${inTitle(t)}::int`),
    sql` + `,
  );
  const where = and(
    ...terms.map((t) => sql`(${inText(t)} or ${inTitle(t)})`),
    // at least one term must be in the article itself, or every article of a matching law would be a hit
    sql`(${sql.join(terms.map(inText), sql` or `)})`,
    opts.lawId ? eq(laws.id, opts.lawId) : undefined,
  );
  const rows = await db
    .select({
      articleId: lawArticles.id,
      lawId: laws.id,
      lawShortTitle: laws.shortTitle,
      label: lawArticles.label,
      text: lawArticles.text,
      termsInText: sql<number>`${textHits}`.mapWith(Number),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(lawArticles)
    .innerJoin(laws, eq(laws.currentVersionId, lawArticles.versionId))
    .where(where)
    .orderBy(sql`${textHits} desc`, sql`${titleHits} desc`, asc(laws.id), asc(lawArticles.ordinal))
    .limit(SEARCH_PAGE_SIZE)
    .offset((page - 1) * SEARCH_PAGE_SIZE);
  const titleMatches =
    page === 1
      ? await db
          .select({ id: laws.id, title: laws.title, shortTitle: laws.shortTitle, category: laws.category })
          .from(laws)
          .where(and(...terms.map(inTitle), opts.lawId ? eq(laws.id, opts.lawId) : undefined))
          .orderBy(asc(laws.id))
      : [];
  let total = rows[0]?.total ?? 0;
  if (!rows.length && page > 1) {
    // past the last page: still say how many there are
    const [c] = await db.select({ n: count() }).from(lawArticles).innerJoin(laws, eq(laws.currentVersionId, lawArticles.versionId)).where(where);
    total = Number(c?.n ?? 0);
  }
  return {
    terms,
    laws: titleMatches,
    hits: rows.map(({ text, total: _t, ...r }) => ({ ...r, ...snippetOf(text, terms) })),
    total,
    page,
    pageSize: SEARCH_PAGE_SIZE,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

function snippetOf(text: string, terms: string[]) {
  const { snippet, highlights } = makeSnippet(text, terms);
  return { snippet, highlights };
}
