/**
 * Honest reading (学): heartbeats that credit 学时 by the server's clock under the year's daily
 * cap, article reads that must have been on screen long enough, progress that carries over law
 * versions, and a person's own notes and bookmarks.
 *
 * A beat, in one transaction:
 *  1. the person's reading_state row is moved to `now` by a conditional update (WHERE last_beat_at
 *     = the value just read). Two tabs beating at once: one wins, the other updates nothing and is
 *     credited nothing — so time is never counted twice;
 *  2. elapsed = now − previous beat. Credit = min(elapsed, 60 s) when the previous beat was at most
 *     90 s ago and the client says the reader was active; nothing for a first or stale beat;
 *  3. ONE upsert into study_credits adds min(credit, cap − today's self-study minutes);
 *  4. claimed article reads are checked (belong to the law, long enough for their length, and in
 *     total no more than the measured time + 5 s) and inserted ON CONFLICT DO NOTHING.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { beijingDay, SELF_STUDY_SOURCES } from '../../../common/learning';
import {
  BEAT_CREDIT_MAX_SECONDS,
  BEAT_MAX_GAP_SECONDS,
  BEAT_SLACK_SECONDS,
  readThresholdSeconds,
  type ArticleRef,
  type LawReadingProgress,
  type MaterialReadView,
  type MyReadingSummary,
  type ReadingBeatResult,
  type ReadingBookmark,
  type ReadingNote,
  type ReadingTarget,
} from '../../../common/reading';
import type { FieldIssue } from '../../../common/errors';
import type { Db } from '../../db/client';
import { forbidden, invalid, notFound } from '../../platform/errors';
import type { Principal } from '../../platform/principal';
import { rowsOf } from '../exam/pool';
import { lawArticles, laws, lawVersions } from '../laws/schema';
import { files } from '../files/schema';
import { articleBookmarks, articleNotes, articleReads, learningMaterials, materialReads, readingState } from './schema';
import { getLearningSettings } from './settings';

/** Reading is a member's activity: the account must have a person record. */
export function readerOf(p: Principal): number {
  if (p.personId === null) throw forbidden('只有登记了人员信息的账号才能记录学习');
  return p.personId;
}

const yearOf = (day: string) => Number(day.slice(0, 4));
const selfStudyIn = sql.join(
  SELF_STUDY_SOURCES.map((s) => sql`${s}`),
  sql`, `,
);

/** Self-study minutes (reading + materials) credited to a person on a Beijing day. */
async function minutesOn(db: Db, personId: number, day: string): Promise<number> {
  const [row] = await rowsOf<{ m: number | string | null }>(
    db,
    sql`select coalesce(sum(minutes), 0)::float8 as m from study_credits where person_id = ${personId} and day = ${day}::date and source in (${selfStudyIn})`,
  );
  return round2(Number(row?.m ?? 0));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface BeatInput {
  target: ReadingTarget;
  reads: { articleId: number; seconds: number }[];
  active: boolean;
}

/** POST /api/reading/beat */
export async function readingBeat(db: Db, p: Principal, input: BeatInput, now = new Date()): Promise<ReadingBeatResult> {
  const personId = readerOf(p);
  const day = beijingDay(now);
  const targetKey = input.target.kind === 'law' ? `law:${input.target.lawId}` : `material:${input.target.materialId}`;

  return db.transaction(async (tx) => {
    // the target must exist; claimed reads must be articles of the target law (any version)
    let claimed: { articleId: number; seconds: number; no: number; suffix: number; threshold: number }[] = [];
    if (input.target.kind === 'law') {
      const lawId = input.target.lawId;
      const [law] = await tx.select({ id: laws.id }).from(laws).where(eq(laws.id, lawId));
      if (!law) throw notFound('法规');
      if (input.reads.length) {
        const ids = [...new Set(input.reads.map((r) => r.articleId))];
        const rows = await rowsOf<{ id: number; no: number; suffix: number; law_id: number; len: number }>(
          tx,
          sql`select a.id, a.no, a.suffix, v.law_id, char_length(a.text)::int as len
              from law_articles a join law_versions v on v.id = a.version_id
              where a.id in (${sql.join(
                ids.map((id) => sql`${id}`),
                sql`, `,
              )})`,
        );
        const byId = new Map(rows.map((r) => [r.id, r]));
        const issues: FieldIssue[] = [];
        const seen = new Set<number>();
        input.reads.forEach((r, i) => {
          const a = byId.get(r.articleId);
          if (!a || a.law_id !== lawId) issues.push({ path: `reads.${i}.articleId`, message: '条文不属于正在阅读的法规' });
          else if (!seen.has(r.articleId)) {
            seen.add(r.articleId);
            claimed.push({ articleId: r.articleId, seconds: r.seconds, no: a.no, suffix: a.suffix, threshold: readThresholdSeconds(a.len) });
          }
        });
        if (issues.length) throw invalid(issues);
      }
    } else {
      const [m] = await tx.select({ id: learningMaterials.id }).from(learningMaterials).where(eq(learningMaterials.id, input.target.materialId));
      if (!m) throw notFound('学习材料');
      if (input.reads.length) throw invalid([{ path: 'reads', message: '阅读学习材料时不报告法规条文' }]);
      claimed = [];
    }

    // 1. the clock: conditional move of reading_state to now
    const [state] = await tx.select().from(readingState).where(eq(readingState.personId, personId));
    let prevAt: Date | null = null;
    let won: boolean;
    if (!state) {
      const ins = await tx.insert(readingState).values({ personId, lastBeatAt: now, lastTarget: targetKey }).onConflictDoNothing().returning({ id: readingState.personId });
      won = ins.length > 0;
    } else {
      prevAt = state.lastBeatAt;
      const next = now.getTime() > prevAt.getTime() ? now : prevAt;
      const upd = await tx
        .update(readingState)
        .set({ lastBeatAt: next, lastTarget: targetKey })
        .where(and(eq(readingState.personId, personId), eq(readingState.lastBeatAt, prevAt)))
        .returning({ id: readingState.personId });
      won = upd.length > 0;
    }
    const elapsed = won && prevAt ? Math.max(0, (now.getTime() - prevAt.getTime()) / 1000) : 0;
    const fresh = won && prevAt !== null && elapsed <= BEAT_MAX_GAP_SECONDS;

    // 2–3. credit under the daily cap, in one statement
    const creditSeconds = fresh && input.active ? Math.min(elapsed, BEAT_CREDIT_MAX_SECONDS) : 0;
    let creditedMinutes = 0;
    const capMinutes = (await getLearningSettings(tx, yearOf(day))).dailyCapMinutes;
    if (creditSeconds > 0) {
      const want = Math.round((creditSeconds / 60) * 10_000) / 10_000;
      const source = input.target.kind === 'law' ? 'reading' : 'material';
      const [row] = await rowsOf<{ m: number | string }>(
        tx,
        sql`with c as (
              select least(${want}::numeric, greatest(0, ${capMinutes}::numeric - coalesce((
                select sum(minutes) from study_credits
                where person_id = ${personId} and day = ${day}::date and source in (${selfStudyIn})), 0))) as m
            ), ins as (
              insert into study_credits (person_id, day, source, ref_id, minutes, updated_at)
              select ${personId}, ${day}::date, ${source}, 0, c.m, now() from c where c.m > 0
              on conflict (person_id, day, source, ref_id)
              do update set minutes = study_credits.minutes + excluded.minutes, updated_at = excluded.updated_at
              returning 1
            )
            select c.m::float8 as m from c`,
      );
      creditedMinutes = Number(row?.m ?? 0);
      if (input.target.kind === 'material') {
        const secs = Math.round(creditSeconds);
        await tx
          .insert(materialReads)
          .values({ personId, materialId: input.target.materialId, seconds: secs, updatedAt: now })
          .onConflictDoUpdate({
            target: [materialReads.personId, materialReads.materialId],
            set: { seconds: sql`${materialReads.seconds} + ${secs}`, updatedAt: now },
          });
      }
    }

    // 4. article reads: long enough, and no more claimed time than measured (+ slack)
    let budget = (won && prevAt ? Math.min(elapsed, BEAT_MAX_GAP_SECONDS) : 0) + BEAT_SLACK_SECONDS;
    const accepted: typeof claimed = [];
    for (const c of claimed) {
      if (c.seconds < c.threshold) continue;
      if (c.seconds > budget) continue;
      budget -= c.seconds;
      accepted.push(c);
    }
    if (accepted.length && input.target.kind === 'law') {
      const lawId = input.target.lawId;
      await tx
        .insert(articleReads)
        .values(accepted.map((a) => ({ personId, articleId: a.articleId, lawId, articleNo: a.no, suffix: a.suffix, seconds: a.seconds, readAt: now })))
        .onConflictDoNothing();
    }

    return {
      creditedMinutes: round2(creditedMinutes),
      minutesToday: await minutesOn(tx, personId, day),
      capMinutes,
      acceptedArticleIds: accepted.map((a) => a.articleId),
      serverNow: now.toISOString(),
    };
  });
}

/** GET /api/reading/laws/:lawId — what the reader marks: read, bookmarked, noted; today's minutes. */
export async function lawProgress(db: Db, p: Principal, lawId: number, versionId?: number, now = new Date()): Promise<LawReadingProgress> {
  const personId = readerOf(p);
  const [law] = await db.select({ id: laws.id, current: laws.currentVersionId }).from(laws).where(eq(laws.id, lawId));
  if (!law) throw notFound('法规');
  const vid = versionId ?? law.current;
  if (vid === null) throw notFound('法规版本');
  const [version] = await db
    .select({ id: lawVersions.id, total: lawVersions.articleCount })
    .from(lawVersions)
    .where(and(eq(lawVersions.id, vid), eq(lawVersions.lawId, lawId)));
  if (!version) throw notFound('法规版本');

  // reads, bookmarks and notes are matched to this version's articles by 条号 (no + suffix)
  const read = await rowsOf<{ id: number }>(
    db,
    sql`select a.id from law_articles a where a.version_id = ${vid} and exists (
          select 1 from article_reads r where r.person_id = ${personId} and r.law_id = ${lawId} and r.article_no = a.no and r.suffix = a.suffix)
        order by a.ordinal`,
  );
  const marked = await rowsOf<{ id: number }>(
    db,
    sql`select distinct a.id from article_bookmarks b
          join law_articles ba on ba.id = b.article_id
          join law_articles a on a.version_id = ${vid} and a.no = ba.no and a.suffix = ba.suffix
        where b.person_id = ${personId} and b.law_id = ${lawId}`,
  );
  const noted = await rowsOf<{ id: number; n: number }>(
    db,
    sql`select a.id, count(*)::int as n from article_notes t
          join law_articles ta on ta.id = t.article_id
          join law_articles a on a.version_id = ${vid} and a.no = ta.no and a.suffix = ta.suffix
        where t.person_id = ${personId} and t.law_id = ${lawId}
        group by a.id`,
  );
  const day = beijingDay(now);
  return {
    lawId,
    versionId: vid,
    readArticleIds: read.map((r) => r.id),
    readCount: read.length,
    total: version.total,
    bookmarkedArticleIds: marked.map((r) => r.id),
    noteCounts: Object.fromEntries(noted.map((r) => [String(r.id), r.n])),
    minutesToday: await minutesOn(db, personId, day),
    capMinutes: (await getLearningSettings(db, yearOf(day))).dailyCapMinutes,
  };
}

/** GET /api/my/reading?year= */
export async function myReading(db: Db, p: Principal, year: number): Promise<MyReadingSummary> {
  const personId = readerOf(p);
  const days = await rowsOf<{ day: string; m: number | string }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, sum(minutes)::float8 as m from study_credits
        where person_id = ${personId} and source in (${selfStudyIn}) and day >= ${`${year}-01-01`}::date and day <= ${`${year}-12-31`}::date
        group by day order by day`,
  );
  const lawRows = await rowsOf<{ id: number; title: string; short_title: string; total: number; read: number }>(
    db,
    sql`select l.id, l.title, l.short_title, v.article_count as total,
          (select count(*) from law_articles a where a.version_id = l.current_version_id and exists (
             select 1 from article_reads r where r.person_id = ${personId} and r.law_id = l.id and r.article_no = a.no and r.suffix = a.suffix))::int as read
        from laws l join law_versions v on v.id = l.current_version_id
        where exists (select 1 from article_reads r where r.person_id = ${personId} and r.law_id = l.id)
        order by l.id`,
  );
  const mats = await db
    .select({ materialId: materialReads.materialId, title: learningMaterials.title, seconds: materialReads.seconds })
    .from(materialReads)
    .innerJoin(learningMaterials, eq(learningMaterials.id, materialReads.materialId))
    .where(eq(materialReads.personId, personId))
    .orderBy(desc(materialReads.updatedAt));
  const [counts] = await rowsOf<{ notes: number; bookmarks: number }>(
    db,
    sql`select (select count(*) from article_notes where person_id = ${personId})::int as notes,
               (select count(*) from article_bookmarks where person_id = ${personId})::int as bookmarks`,
  );
  const dayList = days.map((d) => ({ day: d.day, minutes: round2(Number(d.m)) }));
  return {
    year,
    days: dayList,
    totalMinutes: round2(dayList.reduce((s, d) => s + d.minutes, 0)),
    laws: lawRows.map((l) => ({ lawId: l.id, title: l.title, shortTitle: l.short_title, read: l.read, total: l.total })),
    materials: mats,
    notesCount: counts.notes,
    bookmarksCount: counts.bookmarks,
  };
}

// ---------------------------------------------------------------------------------------------
// Notes and bookmarks: only the owner ever sees them (anyone else gets a 404).

const refColumns = {
  articleId: lawArticles.id,
  lawId: laws.id,
  lawShortTitle: laws.shortTitle,
  label: lawArticles.label,
  ordinal: lawArticles.ordinal,
  versionId: lawArticles.versionId,
};

async function articleRef(db: Db, articleId: number): Promise<ArticleRef> {
  const [ref] = await db
    .select(refColumns)
    .from(lawArticles)
    .innerJoin(lawVersions, eq(lawVersions.id, lawArticles.versionId))
    .innerJoin(laws, eq(laws.id, lawVersions.lawId))
    .where(eq(lawArticles.id, articleId));
  if (!ref) throw notFound('条文');
  return ref;
}

const noteView = ({ body, ...r }: ArticleRef & { id: number; body: string; createdAt: Date; updatedAt: Date }): ReadingNote => ({
  ...r,
  text: body,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function listNotes(db: Db, p: Principal, lawId?: number): Promise<ReadingNote[]> {
  const personId = readerOf(p);
  const rows = await db
    .select({ id: articleNotes.id, body: articleNotes.body, createdAt: articleNotes.createdAt, updatedAt: articleNotes.updatedAt, ...refColumns })
    .from(articleNotes)
    .innerJoin(lawArticles, eq(lawArticles.id, articleNotes.articleId))
    .innerJoin(laws, eq(laws.id, articleNotes.lawId))
    .where(and(eq(articleNotes.personId, personId), lawId !== undefined ? eq(articleNotes.lawId, lawId) : undefined))
    .orderBy(desc(articleNotes.updatedAt), desc(articleNotes.id));
  return rows.map(noteView);
}

export async function createNote(db: Db, p: Principal, input: { articleId: number; text: string }): Promise<ReadingNote> {
  const personId = readerOf(p);
  const ref = await articleRef(db, input.articleId);
  const [row] = await db.insert(articleNotes).values({ personId, articleId: ref.articleId, lawId: ref.lawId, body: input.text }).returning();
  return noteView({ ...ref, id: row.id, body: row.body, createdAt: row.createdAt, updatedAt: row.updatedAt });
}

export async function updateNote(db: Db, p: Principal, id: number, text: string): Promise<ReadingNote> {
  const personId = readerOf(p);
  const [row] = await db
    .update(articleNotes)
    .set({ body: text, updatedAt: new Date() })
    .where(and(eq(articleNotes.id, id), eq(articleNotes.personId, personId)))
    .returning();
  if (!row) throw notFound('笔记');
  const ref = await articleRef(db, row.articleId);
  return noteView({ ...ref, id: row.id, body: row.body, createdAt: row.createdAt, updatedAt: row.updatedAt });
}

export async function deleteNote(db: Db, p: Principal, id: number): Promise<void> {
  const personId = readerOf(p);
  const gone = await db
    .delete(articleNotes)
    .where(and(eq(articleNotes.id, id), eq(articleNotes.personId, personId)))
    .returning({ id: articleNotes.id });
  if (!gone.length) throw notFound('笔记');
}

export async function listBookmarks(db: Db, p: Principal, lawId?: number): Promise<ReadingBookmark[]> {
  const personId = readerOf(p);
  const rows = await db
    .select({ createdAt: articleBookmarks.createdAt, ...refColumns })
    .from(articleBookmarks)
    .innerJoin(lawArticles, eq(lawArticles.id, articleBookmarks.articleId))
    .innerJoin(laws, eq(laws.id, articleBookmarks.lawId))
    .where(and(eq(articleBookmarks.personId, personId), lawId !== undefined ? eq(articleBookmarks.lawId, lawId) : undefined))
    .orderBy(desc(articleBookmarks.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** PUT: idempotent — bookmarking twice keeps one bookmark. */
export async function addBookmark(db: Db, p: Principal, articleId: number): Promise<ReadingBookmark> {
  const personId = readerOf(p);
  const ref = await articleRef(db, articleId);
  await db.insert(articleBookmarks).values({ personId, articleId, lawId: ref.lawId }).onConflictDoNothing();
  const [row] = await db
    .select({ createdAt: articleBookmarks.createdAt })
    .from(articleBookmarks)
    .where(and(eq(articleBookmarks.personId, personId), eq(articleBookmarks.articleId, articleId)));
  return { ...ref, createdAt: row.createdAt.toISOString() };
}

export async function removeBookmark(db: Db, p: Principal, articleId: number): Promise<void> {
  const personId = readerOf(p);
  const gone = await db
    .delete(articleBookmarks)
    .where(and(eq(articleBookmarks.personId, personId), eq(articleBookmarks.articleId, articleId)))
    .returning({ id: articleBookmarks.articleId });
  if (!gone.length) throw notFound('收藏');
}

// ---------------------------------------------------------------------------------------------

/** GET /api/learning/materials/:id/read — the material reader's data. */
export async function materialForReading(db: Db, p: Principal, id: number): Promise<MaterialReadView> {
  const personId = readerOf(p);
  const [m] = await db
    .select({
      id: learningMaterials.id,
      title: learningMaterials.title,
      kind: learningMaterials.kind,
      body: learningMaterials.body,
      source: learningMaterials.source,
      fileId: files.id,
      fileName: files.name,
      fileMime: files.mime,
      fileSize: files.size,
      seconds: materialReads.seconds,
    })
    .from(learningMaterials)
    .leftJoin(files, eq(files.id, learningMaterials.fileId))
    .leftJoin(materialReads, and(eq(materialReads.materialId, learningMaterials.id), eq(materialReads.personId, personId)))
    .where(eq(learningMaterials.id, id));
  if (!m) throw notFound('学习材料');
  return {
    id: m.id,
    title: m.title,
    kind: m.kind,
    body: m.body,
    source: m.source,
    file: m.fileId !== null ? { id: m.fileId, name: m.fileName!, mime: m.fileMime!, size: m.fileSize! } : null,
    mySeconds: m.seconds ?? 0,
  };
}

