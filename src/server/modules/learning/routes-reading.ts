import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noteCreateSchema, noteUpdateSchema, readingBeatSchema } from '../../../common/reading';
import { notFound } from '../../platform/errors';
import { principalOf } from '../../platform/http';
import { readFile } from '../files/service';
import { contentDispositionFor } from '../org/people-export';
import {
  addBookmark,
  createNote,
  deleteNote,
  lawProgress,
  listBookmarks,
  listNotes,
  materialForReading,
  myReading,
  readingBeat,
  removeBookmark,
  updateNote,
} from './reading';

const id = (msg = '无效的编号') => z.coerce.number({ message: msg }).int(msg).positive(msg).max(2_147_483_647, msg);
const lawFilter = z.object({ lawId: id('无效的法规编号').optional() });

/** 学: reading heartbeats and progress, notes and bookmarks, the material reader (own data only). */
export async function readingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.ctx.db;

  r.post('/api/reading/beat', { schema: { tags: ['learning'], summary: '阅读心跳（按服务器时间计学时，每日封顶）', body: readingBeatSchema } }, async (req) =>
    readingBeat(db, principalOf(req), req.body),
  );

  r.get(
    '/api/reading/laws/:lawId',
    {
      schema: {
        tags: ['learning'],
        summary: '本人在某法规的阅读进度（已读条文、收藏、笔记数、今日学时）',
        params: z.object({ lawId: id('无效的法规编号') }),
        querystring: z.object({ versionId: id('无效的版本编号').optional() }),
      },
    },
    async (req) => lawProgress(db, principalOf(req), req.params.lawId, req.query.versionId),
  );

  r.get(
    '/api/my/reading',
    {
      schema: {
        tags: ['learning'],
        summary: '我的自学：每日学时、各法规进度、笔记数',
        querystring: z.object({ year: z.coerce.number({ message: '年份无效' }).int('年份无效').min(2000, '年份无效').max(2100, '年份无效').optional() }),
      },
    },
    async (req) => myReading(db, principalOf(req), req.query.year ?? Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4))),
  );

  r.get('/api/reading/notes', { schema: { tags: ['learning'], summary: '我的笔记（可按法规）', querystring: lawFilter } }, async (req) => ({
    items: await listNotes(db, principalOf(req), req.query.lawId),
  }));
  r.post('/api/reading/notes', { schema: { tags: ['learning'], summary: '新建笔记', body: noteCreateSchema } }, async (req) => createNote(db, principalOf(req), req.body));
  r.put(
    '/api/reading/notes/:id',
    { schema: { tags: ['learning'], summary: '修改笔记', params: z.object({ id: id() }), body: noteUpdateSchema } },
    async (req) => updateNote(db, principalOf(req), req.params.id, req.body.text),
  );
  r.delete('/api/reading/notes/:id', { schema: { tags: ['learning'], summary: '删除笔记', params: z.object({ id: id() }) } }, async (req) => {
    await deleteNote(db, principalOf(req), req.params.id);
    return { ok: true };
  });

  r.get('/api/reading/bookmarks', { schema: { tags: ['learning'], summary: '我的收藏（可按法规）', querystring: lawFilter } }, async (req) => ({
    items: await listBookmarks(db, principalOf(req), req.query.lawId),
  }));
  const articleParams = z.object({ articleId: id('无效的条文编号') });
  r.put('/api/reading/bookmarks/:articleId', { schema: { tags: ['learning'], summary: '收藏条文', params: articleParams } }, async (req) =>
    addBookmark(db, principalOf(req), req.params.articleId),
  );
  r.delete('/api/reading/bookmarks/:articleId', { schema: { tags: ['learning'], summary: '取消收藏', params: articleParams } }, async (req) => {
    await removeBookmark(db, principalOf(req), req.params.articleId);
    return { ok: true };
  });

  r.get(
    '/api/learning/materials/:id/read',
    { schema: { tags: ['learning'], summary: '阅读学习材料（正文、附件、本人已学时长）', params: z.object({ id: id('无效的材料编号') }) } },
    async (req) => materialForReading(db, principalOf(req), req.params.id),
  );

  /**
   * The material's document for the reader. A PDF is served inline with `frame-ancestors 'self'`
   * (the app-wide policy says 'none'), so the reader can show it in an <iframe>; nothing else of
   * ours may frame it and it runs no script of its own.
   */
  r.get(
    '/api/learning/materials/:id/file',
    { schema: { tags: ['learning'], summary: '学习材料的附件（PDF 可嵌入阅读页）', params: z.object({ id: id('无效的材料编号') }) } },
    async (req, reply) => {
      const view = await materialForReading(db, principalOf(req), req.params.id);
      if (!view.file) throw notFound('附件');
      const f = await readFile(db, view.file.id);
      const pdf = f.mime === 'application/pdf';
      const disposition = contentDispositionFor(f.name);
      return reply
        .header('content-type', f.mime)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', pdf ? disposition.replace(/^attachment/, 'inline') : disposition)
        .header('content-security-policy', pdf ? "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'" : "default-src 'none'; frame-ancestors 'none'")
        .header('x-frame-options', 'SAMEORIGIN')
        .header('cache-control', 'private, max-age=3600')
        .send(f.data);
    },
  );
}
