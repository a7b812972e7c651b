/**
 * Honest reading: the shapes of the reading heartbeat, progress, notes and bookmarks, and the
 * one rule both sides apply to decide when an article counts as read.
 */
import { z } from 'zod';

/** A heartbeat is sent about every 30 s; a gap longer than this means the reader was away. */
export const BEAT_MAX_GAP_SECONDS = 90;
/** At most this much time is credited per beat, whatever the gap. */
export const BEAT_CREDIT_MAX_SECONDS = 60;
/** Claimed article seconds in one beat may exceed the server-measured time by this much. */
export const BEAT_SLACK_SECONDS = 5;
/** Beat cadence of the web tracker. */
export const BEAT_INTERVAL_SECONDS = 30;
export const MAX_READS_PER_BEAT = 200;
export const NOTE_MAX_CHARS = 2000;

/**
 * Seconds an article must be on screen (page visible, reader active) to count as read:
 * 3 s plus 1 s per 25 characters, at most 60 s.
 */
export function readThresholdSeconds(textLength: number): number {
  const len = Math.max(0, Math.floor(textLength));
  return Math.min(BEAT_CREDIT_MAX_SECONDS, 3 + Math.ceil(len / 25));
}

const positiveId = (msg: string) => z.number({ message: msg }).int(msg).positive(msg).max(2_147_483_647, msg);

export const readingTargetSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('law'), lawId: positiveId('无效的法规编号') }),
    z.object({ kind: z.literal('material'), materialId: positiveId('无效的材料编号') }),
  ],
  { message: '请指明在读的法规或材料' },
);
export type ReadingTarget = z.output<typeof readingTargetSchema>;

export const readingBeatSchema = z.object({
  target: readingTargetSchema,
  reads: z
    .array(
      z.object({
        articleId: positiveId('无效的条文编号'),
        seconds: z.number({ message: '阅读时长须为数字' }).int('阅读时长须为整数').min(0, '阅读时长不能为负').max(3600, '阅读时长过长'),
      }),
    )
    .max(MAX_READS_PER_BEAT, `每次最多报告${MAX_READS_PER_BEAT}条`)
    .default([]),
  active: z.boolean({ message: '缺少活动状态' }),
});
export type ReadingBeatInput = z.input<typeof readingBeatSchema>;

export interface ReadingBeatResult {
  /** minutes credited in this beat (after the cap) */
  creditedMinutes: number;
  /** self-study minutes credited today (reading + materials), Beijing day */
  minutesToday: number;
  capMinutes: number;
  /** article ids recorded as read by this beat (already-read ones included) */
  acceptedArticleIds: number[];
  serverNow: string;
}

export interface LawReadingProgress {
  lawId: number;
  versionId: number;
  /** articles of that version the person has read (in any version, same 条号) */
  readArticleIds: number[];
  readCount: number;
  total: number;
  bookmarkedArticleIds: number[];
  /** article id → number of my notes on it (this version's articles, matched by id) */
  noteCounts: Record<string, number>;
  minutesToday: number;
  capMinutes: number;
}

export interface MyReadingSummary {
  year: number;
  days: { day: string; minutes: number }[];
  totalMinutes: number;
  laws: { lawId: number; title: string; shortTitle: string; read: number; total: number }[];
  materials: { materialId: number; title: string; seconds: number }[];
  notesCount: number;
  bookmarksCount: number;
}

export const noteBodySchema = z
  .string({ message: '请填写笔记内容' })
  .trim()
  .min(1, '请填写笔记内容')
  .max(NOTE_MAX_CHARS, `笔记不能超过${NOTE_MAX_CHARS}个字符`);

// the field is `text`, not `body`: the error handler drops a path segment named 'body'
export const noteCreateSchema = z.object({ articleId: positiveId('无效的条文编号'), text: noteBodySchema });
export const noteUpdateSchema = z.object({ text: noteBodySchema });

export interface ArticleRef {
  articleId: number;
  lawId: number;
  lawShortTitle: string;
  label: string;
  /** ordinal in its version (for deep links) */
  ordinal: number;
  versionId: number;
}

export interface ReadingNote extends ArticleRef {
  id: number;
  text: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReadingBookmark extends ArticleRef {
  createdAt: string;
}

export interface MaterialReadView {
  id: number;
  title: string;
  kind: string;
  body: string | null;
  source: string | null;
  file: { id: number; name: string; mime: string; size: number } | null;
  mySeconds: number;
}
