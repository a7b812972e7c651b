import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AssignmentRule, LearningYearSettings } from '../../../common/learning';
import { accounts } from '../../platform/schema';
import { files } from '../files/schema';
import { lawArticles, laws } from '../laws/schema';
import { people, units } from '../org/schema';
import { questions, questionVersions } from '../bank/schema';

/** Per-year settings of the programme (daily cap, lecture duty, practice). */
export const learningYearSettings = pgTable('learning_year_settings', {
  year: integer('year').primaryKey(),
  settings: jsonb('settings').$type<LearningYearSettings>().notNull(),
  updatedBy: integer('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// ---------------------------------------------------------------------------------------------
// 学法清单 "1+3+N"

/** A learning material that is not a law in the library: a reading, a 党内法规, a document. */
export const learningMaterials = pgTable('learning_materials', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  title: text('title').notNull(),
  kind: text('kind').notNull(),
  /** plain text / Markdown shown in the reader (optional) */
  body: text('body'),
  /** an uploaded document (PDF, Word …) (optional) */
  fileId: integer('file_id').references(() => files.id),
  source: text('source'),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A list template for a year. Published lists apply to whoever matches `rule` (null or empty =
 * everyone), evaluated when read — so a person whose post changes gets the new list at once.
 */
export const learningLists = pgTable(
  'learning_lists',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    rule: jsonb('rule').$type<AssignmentRule>(),
    status: text('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('learning_lists_year_idx').on(t.year)],
);

export const learningListItems = pgTable(
  'learning_list_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    listId: integer('list_id')
      .notNull()
      .references(() => learningLists.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** '1' | '3' | 'N' */
    segment: text('segment').notNull(),
    /** 'law' | 'material' | 'course' */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    lawId: integer('law_id').references(() => laws.id),
    /** law items: chosen chapters (law_nodes ids of the current version when chosen); null = whole law */
    nodeIds: jsonb('node_ids').$type<number[]>(),
    /** law items: chosen articles (law_articles ids); null = whole law / the chosen nodes */
    articleIds: jsonb('article_ids').$type<number[]>(),
    materialId: integer('material_id').references(() => learningMaterials.id),
    /** course items: a lecture/training activity (activities.id); no FK: activities may be deleted */
    activityId: integer('activity_id'),
    required: boolean('required').notNull().default(true),
    expectedMinutes: integer('expected_minutes').notNull().default(0),
  },
  (t) => [index('learning_list_items_list_idx').on(t.listId, t.seq)],
);

// ---------------------------------------------------------------------------------------------
// Reading (honest progress) and the credit ledger

/**
 * An article counts as read once it was on screen long enough; `law_id`, `article_no` and
 * `suffix` let progress carry over to a newer version of the law (same-numbered article).
 */
export const articleReads = pgTable(
  'article_reads',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    articleId: integer('article_id')
      .notNull()
      .references(() => lawArticles.id),
    lawId: integer('law_id').notNull(),
    articleNo: integer('article_no').notNull(),
    suffix: integer('suffix').notNull().default(0),
    seconds: integer('seconds').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.articleId] }),
    index('article_reads_person_law_idx').on(t.personId, t.lawId),
    // district-wide progress counts one law's reads for everyone (bench/learning.ts: ~⅓ faster)
    index('article_reads_law_person_idx').on(t.lawId, t.personId, t.articleId),
  ],
);

/** Time measured on a learning material (visible, active), and when it was completed. */
export const materialReads = pgTable(
  'material_reads',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    materialId: integer('material_id')
      .notNull()
      .references(() => learningMaterials.id, { onDelete: 'cascade' }),
    seconds: integer('seconds').notNull().default(0),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.materialId] })],
);

/** The server's clock for a reader's heartbeats: credit never exceeds server-measured time. */
export const readingState = pgTable('reading_state', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  lastBeatAt: timestamp('last_beat_at', { withTimezone: true }).notNull(),
  /** 'law:<id>' | 'material:<id>' */
  lastTarget: text('last_target'),
});

/**
 * 学时 ledger. One row per (person, Beijing day, source, ref): reading/material rows accumulate
 * capped minutes during the day; attendance rows (ref = activity id) are written when attendance
 * is recorded and removed when it is withdrawn.
 */
export const studyCredits = pgTable(
  'study_credits',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    source: text('source').notNull(),
    refId: integer('ref_id').notNull().default(0),
    minutes: numeric('minutes', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('study_credits_uq').on(t.personId, t.day, t.source, t.refId), index('study_credits_day_idx').on(t.day)],
);

export const articleNotes = pgTable(
  'article_notes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    articleId: integer('article_id')
      .notNull()
      .references(() => lawArticles.id),
    lawId: integer('law_id').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('article_notes_person_idx').on(t.personId, t.lawId)],
);

export const articleBookmarks = pgTable(
  'article_bookmarks',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    articleId: integer('article_id')
      .notNull()
      .references(() => lawArticles.id),
    lawId: integer('law_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.articleId] })],
);

// ---------------------------------------------------------------------------------------------
// Practice (never touches exam tables)

/** 每日一练: the day's set, fixed once drawn so a reload shows the same questions. */
export const practiceDaily = pgTable(
  'practice_daily',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    versionIds: jsonb('version_ids').$type<number[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.day] })],
);

export const practiceAnswers = pgTable(
  'practice_answers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id),
    versionId: integer('version_id')
      .notNull()
      .references(() => questionVersions.id),
    /** 'daily' | 'law' | 'wrongbook' | 'random' */
    mode: text('mode').notNull(),
    response: jsonb('response').notNull(),
    correct: boolean('correct').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('practice_answers_person_idx').on(t.personId, t.answeredAt), index('practice_answers_person_q_idx').on(t.personId, t.questionId)],
);

/** 错题本: a question stays until answered correctly `wrongBookMasterStreak` times in a row. */
export const wrongBook = pgTable(
  'wrong_book',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id),
    /** the version last answered wrongly (redo shows the question's current active version) */
    versionId: integer('version_id')
      .notNull()
      .references(() => questionVersions.id),
    wrongCount: integer('wrong_count').notNull().default(1),
    correctStreak: integer('correct_streak').notNull().default(0),
    lastWrongAt: timestamp('last_wrong_at', { withTimezone: true }).notNull().defaultNow(),
    masteredAt: timestamp('mastered_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.personId, t.questionId] })],
);

// ---------------------------------------------------------------------------------------------
// 集体学法 and 讲法: activities with attendance

/** 师资库 */
export const lecturers = pgTable('lecturers', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  /** when the lecturer is one of our people */
  personId: integer('person_id').references(() => people.id),
  /** '区级' | '街乡级' | '村社区级' */
  level: text('level').notNull(),
  /** 工作单位 as free text (external lecturers: 律师事务所, 法院 …) */
  organisation: text('organisation'),
  title: text('title'),
  specialities: jsonb('specialities').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  phone: text('phone'),
  intro: text('intro'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const activities = pgTable(
  'activities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** 'study' (集体学法) | 'lecture' (讲法) */
    category: text('category').notNull(),
    /** a STUDY_KIND or LECTURE_KIND */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    hostUnitId: integer('host_unit_id')
      .notNull()
      .references(() => units.id),
    /** presenter (group study) or speaker (lecture) as text */
    presenter: text('presenter'),
    /** the speaker when one of our people (counts for the principal leader's duty) */
    speakerPersonId: integer('speaker_person_id').references(() => people.id),
    lecturerId: integer('lecturer_id').references(() => lecturers.id),
    /** units the audience came from */
    audienceUnitIds: jsonb('audience_unit_ids').$type<number[]>().notNull().default(sql`'[]'::jsonb`),
    /** declared audience size (may include people not in the system) */
    audienceSize: integer('audience_size'),
    /** laws/articles covered: [{lawId, title, articles}] (articles: free text 第X条…) */
    laws: jsonb('laws').$type<{ lawId: number | null; title: string; articles: string | null }[]>().notNull().default(sql`'[]'::jsonb`),
    location: text('location'),
    summary: text('summary'),
    fileIds: jsonb('file_ids').$type<number[]>().notNull().default(sql`'[]'::jsonb`),
    /** 'scheduled' | 'held' | 'cancelled' */
    status: text('status').notNull().default('scheduled'),
    /** phone sign-in: a short code (unique while set) and the window it works in */
    signInCode: text('sign_in_code'),
    signInOpensAt: timestamp('sign_in_opens_at', { withTimezone: true }),
    signInClosesAt: timestamp('sign_in_closes_at', { withTimezone: true }),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('activities_year_idx').on(t.year, t.category, t.kind),
    index('activities_host_idx').on(t.hostUnitId),
    index('activities_speaker_idx').on(t.speakerPersonId),
    uniqueIndex('activities_sign_in_code_uq').on(t.signInCode),
  ],
);

export const activityAttendance = pgTable(
  'activity_attendance',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** 'roster' | 'excel' | 'signin' */
    source: text('source').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: integer('recorded_by'),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.personId] }), index('activity_attendance_person_idx').on(t.personId)],
);

// ---------------------------------------------------------------------------------------------
// Quotas and reminders

export const learningQuotas = pgTable(
  'learning_quotas',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    /** 'activity_count' | 'personal_hours' */
    metric: text('metric').notNull(),
    activityKind: text('activity_kind'),
    unitIds: jsonb('unit_ids').$type<number[]>().notNull().default(sql`'[]'::jsonb`),
    rule: jsonb('rule').$type<AssignmentRule>(),
    target: numeric('target', { mode: 'number' }).notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('learning_quotas_year_idx').on(t.year)],
);

/**
 * In-app notifications (提醒). `dedupeKey` makes a reminder idempotent (e.g.
 * 'lecture-duty:2026:w47:person:12'): sending the same reminder twice in a period adds nothing.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** in-app path to open, e.g. /learning/duty */
    link: text('link'),
    dedupeKey: text('dedupe_key'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_account_idx').on(t.accountId, t.createdAt), uniqueIndex('notifications_dedupe_uq').on(t.accountId, t.dedupeKey)],
);
