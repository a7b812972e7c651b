import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { QuestionContent } from '../../../common/bank';
import { lawArticles } from '../laws/schema';

/** 题库分类: a tree with a materialised path like the unit tree ("/3/7/"). */
export const questionCategories = pgTable(
  'question_categories',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer('parent_id'),
    name: text('name').notNull(),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('question_categories_parent_name_uq').on(sql`coalesce(${t.parentId}, 0)`, t.name),
    index('question_categories_path_idx').on(t.path.op('text_pattern_ops')),
  ],
);

/**
 * A question is an identity plus a workflow status; what it says lives in immutable versions.
 * The category is on the question (moving a question is not an edit of its content).
 */
export const questions = pgTable(
  'questions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    type: text('type').notNull(),
    status: text('status').notNull().default('draft'),
    /** the latest version; the one drawn into new papers while status = active. No FK: versions
     * reference their question, and a cycle would stop the generic backup ordering tables. */
    currentVersionId: integer('current_version_id'),
    categoryId: integer('category_id').references(() => questionCategories.id),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('questions_status_idx').on(t.status), index('questions_category_idx').on(t.categoryId)],
);

/**
 * One immutable version of a question. A trigger (see the migration) refuses UPDATE and DELETE:
 * a paper points at the exact version it showed, so nothing may ever change under it.
 */
export const questionVersions = pgTable(
  'question_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id),
    versionNo: integer('version_no').notNull(),
    content: jsonb('content').$type<QuestionContent>().notNull(),
    /** SHA-256 of the canonical content: saving identical content makes no new version */
    contentHash: text('content_hash').notNull(),
    /** plain text of stem and options, for search */
    searchText: text('search_text').notNull(),
    difficulty: integer('difficulty').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('question_versions_question_no_uq').on(t.questionId, t.versionNo)],
);

/** Which law articles (exact article versions) a question version cites. */
export const questionVersionArticles = pgTable(
  'question_version_articles',
  {
    versionId: integer('version_id')
      .notNull()
      .references(() => questionVersions.id),
    articleId: integer('article_id')
      .notNull()
      .references(() => lawArticles.id),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.articleId] }), index('qva_article_idx').on(t.articleId)],
);

/** Status changes with who made them and why: the review trail (审核记录). */
export const questionStatusLog = pgTable(
  'question_status_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id),
    versionId: integer('version_id').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    comment: text('comment'),
    actorAccountId: integer('actor_account_id'),
    actorName: text('actor_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('question_status_log_question_idx').on(t.questionId)],
);
