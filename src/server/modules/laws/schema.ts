import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * 法规库. A law has versions; a version, its 编/章/节 nodes and its articles are immutable once
 * stored (a trigger in the migration refuses UPDATE/DELETE), so anything that cites an article —
 * a question's legal basis, a learning list — points at a law_articles row and keeps reading the
 * exact text it cited after a newer version becomes current.
 */
export const laws = pgTable(
  'laws',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** 中华人民共和国民法典 */
    title: text('title').notNull(),
    /** 民法典 */
    shortTitle: text('short_title').notNull(),
    /** 宪法相关法, 行政法, 民法典 … (the shipped file name's prefix) */
    category: text('category').notNull(),
    /** the version readers get by default; null only inside the transaction that creates the law */
    currentVersionId: integer('current_version_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('laws_title_uq').on(t.title)],
);

export const lawVersions = pgTable(
  'law_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    lawId: integer('law_id')
      .notNull()
      .references(() => laws.id),
    versionDate: date('version_date', { mode: 'string' }),
    /** adoption/amendment/entry-into-force lines, one per line: "2020-05-28 第十三届…通过" */
    history: text('history').notNull().default(''),
    preamble: text('preamble'),
    appendix: text('appendix'),
    source: text('source', { enum: ['shipped', 'upload'] }).notNull(),
    /** shipped file name(s) or the uploaded file's name */
    sourceName: text('source_name'),
    /** SHA-256 of the normalised source text: the same text is never stored twice for a law */
    contentHash: text('content_hash').notNull(),
    articleCount: integer('article_count').notNull(),
    uploadedBy: integer('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('law_versions_law_idx').on(t.lawId), uniqueIndex('law_versions_law_hash_uq').on(t.lawId, t.contentHash)],
);

/** 编/分编/章/节 (kind 其他 for unnumbered headings such as 附则). */
export const lawNodes = pgTable(
  'law_nodes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer('version_id')
      .notNull()
      .references(() => lawVersions.id),
    parentId: integer('parent_id'),
    kind: text('kind').notNull(),
    label: text('label').notNull(),
    title: text('title').notNull(),
    depth: integer('depth').notNull(),
    ordinal: integer('ordinal').notNull(),
    /** article ordinals this node spans (null when it holds no article) */
    firstArticle: integer('first_article'),
    lastArticle: integer('last_article'),
  },
  (t) => [index('law_nodes_version_idx').on(t.versionId, t.ordinal)],
);

export const lawArticles = pgTable(
  'law_articles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer('version_id')
      .notNull()
      .references(() => lawVersions.id),
    nodeId: integer('node_id').references(() => lawNodes.id),
    no: integer('no').notNull(),
    /** 0, or n for 第X条之n */
    suffix: integer('suffix').notNull().default(0),
    label: text('label').notNull(),
    text: text('text').notNull(),
    /** 0-based reading order within the version */
    ordinal: integer('ordinal').notNull(),
  },
  (t) => [
    uniqueIndex('law_articles_version_no_uq').on(t.versionId, t.no, t.suffix),
    uniqueIndex('law_articles_version_ordinal_uq').on(t.versionId, t.ordinal),
  ],
);
