/**
 * The database schema, one place for drizzle-kit. Each module owns its tables in
 * modules/<name>/schema.ts; this file only re-exports them.
 */
export * from '../platform/schema';
export * from '../modules/org/schema';
export * from '../modules/laws/schema';
export * from '../modules/bank/schema';
export * from '../modules/exam/schema';
export * from '../modules/files/schema';
export * from '../modules/learning/schema';
