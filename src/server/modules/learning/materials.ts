/** 学习材料: readings that are not laws in the library (a text body, an uploaded file, or both). */
import { and, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { materialHasContent, materialInputSchema, type MaterialView } from '../../../common/learning-lists';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { audit, type AuditActor } from '../../platform/audit';
import { AppError, invalid, notFound } from '../../platform/errors';
import { fileMeta } from '../files/service';
import { files } from '../files/schema';
import { learningListItems, learningMaterials } from './schema';

export type MaterialData = z.output<typeof materialInputSchema>;

type Row = typeof learningMaterials.$inferSelect;

async function views(db: Db, rows: Row[], withBody: boolean): Promise<MaterialView[]> {
  if (rows.length === 0) return [];
  const metas = new Map((await fileMeta(db, rows.map((r) => r.fileId).filter((x): x is number => x !== null))).map((f) => [f.id, f]));
  const used = new Map(
    (
      await db
        .select({ id: learningListItems.materialId, n: count() })
        .from(learningListItems)
        .where(inArray(learningListItems.materialId, rows.map((r) => r.id)))
        .groupBy(learningListItems.materialId)
    ).map((u) => [u.id!, Number(u.n)]),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    body: withBody ? r.body : null,
    fileId: r.fileId,
    file: r.fileId === null ? null : (metas.get(r.fileId) ?? null),
    source: r.source,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    usedBy: used.get(r.id) ?? 0,
  }));
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listMaterials(db: Db, f: { q?: string; kind?: string }): Promise<MaterialView[]> {
  const conds: (SQL | undefined)[] = [];
  if (f.q) conds.push(or(ilike(learningMaterials.title, `%${escapeLike(f.q)}%`), ilike(learningMaterials.source, `%${escapeLike(f.q)}%`)));
  if (f.kind) conds.push(eq(learningMaterials.kind, f.kind));
  const rows = await db
    .select()
    .from(learningMaterials)
    .where(and(...conds))
    .orderBy(desc(learningMaterials.updatedAt), desc(learningMaterials.id))
    .limit(1000);
  return views(db, rows, false);
}

export async function getMaterial(db: Db, id: number): Promise<MaterialView> {
  const [row] = await db.select().from(learningMaterials).where(eq(learningMaterials.id, id));
  if (!row) throw notFound('学习材料');
  return (await views(db, [row], true))[0];
}

async function checkFile(db: Db, fileId: number | null, input: MaterialData) {
  // checked here, not in the zod schema: the error mapping drops a body field literally named "body"
  if (!materialHasContent(input)) throw invalid([{ path: 'body', message: '请填写正文或上传文件（至少其一）' }]);
  if (fileId === null) return;
  const [f] = await db.select({ id: files.id }).from(files).where(eq(files.id, fileId));
  if (!f) throw invalid([{ path: 'fileId', message: '文件不存在，请重新上传' }]);
}

const clean = (m: MaterialData) => ({ ...m, body: m.body && m.body.trim() ? m.body : null, source: m.source || null });

export async function createMaterial(db: Db, actor: AuditActor, input: MaterialData): Promise<MaterialView> {
  await checkFile(db, input.fileId, input);
  const values = clean(input);
  const [row] = await db
    .insert(learningMaterials)
    .values({ ...values, createdBy: actor.accountId })
    .returning();
  await audit(db, actor, { action: 'learning.material.create', entityType: 'learning_material', entityId: row.id, summary: `新增学习材料「${row.title}」`, after: { ...values, body: values.body ? `${values.body.length} 字` : null } });
  return getMaterial(db, row.id);
}

export async function updateMaterial(db: Db, actor: AuditActor, id: number, input: MaterialData): Promise<MaterialView> {
  const [before] = await db.select().from(learningMaterials).where(eq(learningMaterials.id, id));
  if (!before) throw notFound('学习材料');
  await checkFile(db, input.fileId, input);
  const values = clean(input);
  await db
    .update(learningMaterials)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(learningMaterials.id, id));
  await audit(db, actor, {
    action: 'learning.material.update',
    entityType: 'learning_material',
    entityId: id,
    summary: `修改学习材料「${values.title}」`,
    before: { title: before.title, kind: before.kind, fileId: before.fileId, source: before.source, body: before.body ? `${before.body.length} 字` : null },
    after: { title: values.title, kind: values.kind, fileId: values.fileId, source: values.source, body: values.body ? `${values.body.length} 字` : null },
  });
  return getMaterial(db, id);
}

export async function deleteMaterial(db: Db, actor: AuditActor, id: number): Promise<{ ok: true }> {
  const [row] = await db.select().from(learningMaterials).where(eq(learningMaterials.id, id));
  if (!row) throw notFound('学习材料');
  const [used] = await db.select({ n: count() }).from(learningListItems).where(eq(learningListItems.materialId, id));
  if (Number(used.n) > 0) throw new AppError('CONFLICT', `该材料已被 ${used.n} 个清单条目引用，不能删除`);
  await db.delete(learningMaterials).where(eq(learningMaterials.id, id));
  await audit(db, actor, { action: 'learning.material.delete', entityType: 'learning_material', entityId: id, summary: `删除学习材料「${row.title}」`, before: { title: row.title, kind: row.kind } });
  return { ok: true };
}
