import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * 单位/部门 tree. `path` is the materialised path of ids ("/1/4/9/"), so a subtree is
 * `path LIKE '/1/4/%'` — one indexed predicate for every scope check.
 */
export const units = pgTable(
  'units',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer('parent_id'),
    name: text('name').notNull(),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('units_parent_name_uq').on(sql`coalesce(${t.parentId}, 0)`, t.name),
    index('units_path_idx').on(t.path.op('text_pattern_ops')),
  ],
);

/** 人员. 身份证号 is stored encrypted (AES-256-GCM) with an HMAC blind index for lookup. */
export const people = pgTable(
  'people',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    gender: text('gender'),
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    idNumberMasked: text('id_number_masked'),
    employeeNo: text('employee_no'),
    phone: text('phone'),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title'),
    rank: text('rank'),
    postCategory: text('post_category'),
    isPrincipalLeader: boolean('is_principal_leader').notNull().default(false),
    isLawEnforcement: boolean('is_law_enforcement').notNull().default(false),
    status: text('status').notNull().default('在职'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_id_hash_uq').on(t.idNumberHash),
    uniqueIndex('people_employee_no_uq').on(t.employeeNo),
    index('people_phone_idx').on(t.phone),
    index('people_unit_idx').on(t.unitId),
    index('people_name_idx').on(t.name),
  ],
);
