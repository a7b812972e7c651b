import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIVITY_CATEGORIES, assignmentRuleSchema, learningYearSettingsSchema, MATERIAL_KINDS } from '../../../common/learning';
import { listInputSchema, materialInputSchema } from '../../../common/learning-lists';
import { and, desc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import { actorOf, audit } from '../../platform/audit';
import { forbidden } from '../../platform/errors';
import { principalOf } from '../../platform/http';
import { requireRole } from '../../platform/principal';
import { contentDispositionFor } from '../org/people-export';
import { copyListToNextYear, countRule, createList, deleteList, getList, listLists, myLearning, saveLearningSettings, setListStatus, updateList } from './lists';
import { completionWorkbook, unitListCompletion } from './lists-progress';
import { createMaterial, deleteMaterial, getMaterial, listMaterials, updateMaterial } from './materials';
import { activities } from './schema';
import { getLearningSettings } from './settings';

const tags = ['learning'];
const id = (what: string) => z.coerce.number().int().positive(`无效的${what}编号`).max(2147483647, `无效的${what}编号`);
const yearField = z.coerce.number({ message: '年度应为数字' }).int('年度应为整数').min(2000, '年度无效').max(2100, '年度无效');
const currentYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 学法清单, 学习材料, 年度设置 (考评办/管理员), 学习进度 (also 单位管理员, own subtree), 我的学习 (members). */
export async function learningListRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const manager = (req: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(req);
    requireRole(p, 'admin', 'organiser');
    return p;
  };

  // ----- materials
  r.get(
    '/api/learning/materials',
    { schema: { tags, summary: '学习材料列表', querystring: z.object({ q: z.string().trim().max(100).optional(), kind: z.enum(MATERIAL_KINDS, { message: '未知材料类别' }).optional() }) } },
    async (req) => {
      manager(req);
      return { items: await listMaterials(db, req.query) };
    },
  );
  r.get('/api/learning/materials/:id', { schema: { tags, summary: '学习材料（正文与文件）', params: z.object({ id: id('材料') }) } }, async (req) => {
    principalOf(req);
    return getMaterial(db, req.params.id);
  });
  r.post('/api/learning/materials', { schema: { tags, summary: '新增学习材料', body: materialInputSchema } }, async (req) => {
    manager(req);
    return db.transaction((tx) => createMaterial(tx, actorOf(req), req.body));
  });
  r.put('/api/learning/materials/:id', { schema: { tags, summary: '修改学习材料', params: z.object({ id: id('材料') }), body: materialInputSchema } }, async (req) => {
    manager(req);
    return db.transaction((tx) => updateMaterial(tx, actorOf(req), req.params.id, req.body));
  });
  r.delete('/api/learning/materials/:id', { schema: { tags, summary: '删除学习材料（未被清单引用时）', params: z.object({ id: id('材料') }) } }, async (req) => {
    manager(req);
    return db.transaction((tx) => deleteMaterial(tx, actorOf(req), req.params.id));
  });

  // ----- lists
  r.get('/api/learning/lists', { schema: { tags, summary: '某年度的学法清单', querystring: z.object({ year: yearField.optional() }) } }, async (req) => {
    manager(req);
    return { items: await listLists(db, req.query.year ?? currentYear()) };
  });
  r.get('/api/learning/lists/:id', { schema: { tags, summary: '学法清单（含条目）', params: z.object({ id: id('清单') }) } }, async (req) => {
    manager(req);
    return getList(db, req.params.id);
  });
  r.post('/api/learning/lists', { schema: { tags, summary: '新建学法清单', body: listInputSchema } }, async (req) => {
    manager(req);
    return db.transaction((tx) => createList(tx, actorOf(req), req.body));
  });
  r.put('/api/learning/lists/:id', { schema: { tags, summary: '修改学法清单（整体替换；条目带 id 则保留）', params: z.object({ id: id('清单') }), body: listInputSchema } }, async (req) => {
    manager(req);
    return db.transaction((tx) => updateList(tx, actorOf(req), req.params.id, req.body));
  });
  r.delete('/api/learning/lists/:id', { schema: { tags, summary: '删除学法清单（仅草稿）', params: z.object({ id: id('清单') }) } }, async (req) => {
    manager(req);
    return db.transaction((tx) => deleteList(tx, actorOf(req), req.params.id));
  });
  r.post('/api/learning/lists/:id/publish', { schema: { tags, summary: '发布', params: z.object({ id: id('清单') }) } }, async (req) => {
    manager(req);
    return db.transaction((tx) => setListStatus(tx, actorOf(req), req.params.id, 'published'));
  });
  r.post('/api/learning/lists/:id/unpublish', { schema: { tags, summary: '撤回发布', params: z.object({ id: id('清单') }) } }, async (req) => {
    manager(req);
    return db.transaction((tx) => setListStatus(tx, actorOf(req), req.params.id, 'draft'));
  });
  r.post('/api/learning/lists/:id/copy', { schema: { tags, summary: '复制到下一年度（草稿）', params: z.object({ id: id('清单') }) } }, async (req) => {
    manager(req);
    return db.transaction((tx) => copyListToNextYear(tx, actorOf(req), req.params.id));
  });
  r.post('/api/learning/rule-count', { schema: { tags, summary: '适用人数（在职，按规则；空规则=全体）', body: z.object({ rule: assignmentRuleSchema.nullable().default(null) }) } }, async (req) => {
    manager(req);
    return { count: await countRule(db, req.body.rule) };
  });
  r.get(
    '/api/learning/courses',
    {
      schema: {
        tags,
        summary: '可加入清单的课程/讲座（集体学法与讲法活动）',
        querystring: z.object({ year: yearField.optional(), q: z.string().trim().max(100).optional(), ids: z.string().regex(/^\d+(,\d+)*$/, '编号格式不正确').optional() }),
      },
    },
    async (req) => {
      manager(req);
      const conds: (SQL | undefined)[] = [inArray(activities.category, [...ACTIVITY_CATEGORIES])];
      if (req.query.ids) conds.push(inArray(activities.id, req.query.ids.split(',').map(Number).slice(0, 500)));
      else {
        if (req.query.year) conds.push(eq(activities.year, req.query.year));
        if (req.query.q) conds.push(ilike(activities.title, `%${req.query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      }
      const rows = await db
        .select({ id: activities.id, title: activities.title, category: activities.category, kind: activities.kind, startsAt: activities.startsAt, status: activities.status })
        .from(activities)
        .where(and(...conds))
        .orderBy(desc(activities.startsAt))
        .limit(200);
      return { items: rows.map((a) => ({ ...a, startsAt: a.startsAt.toISOString() })) };
    },
  );

  // ----- year settings
  r.get('/api/learning/settings/:year', { schema: { tags, summary: '年度学法设置（每日学时上限、讲法次数、练习）', params: z.object({ year: yearField }) } }, async (req) => {
    principalOf(req);
    return { year: req.params.year, settings: await getLearningSettings(db, req.params.year) };
  });
  r.put(
    '/api/learning/settings/:year',
    { schema: { tags, summary: '修改年度学法设置', params: z.object({ year: yearField }), body: learningYearSettingsSchema } },
    async (req) => {
      manager(req);
      return { year: req.params.year, settings: await db.transaction((tx) => saveLearningSettings(tx, actorOf(req), req.params.year, req.body)) };
    },
  );

  // ----- progress by unit
  const progressQuery = z.object({ year: yearField.optional(), unitId: id('单位').optional() });
  r.get('/api/learning/progress', { schema: { tags, summary: '学法清单完成情况（按单位，可下钻到人）', querystring: progressQuery } }, async (req) => {
    const p = principalOf(req);
    requireRole(p, 'admin', 'organiser', 'unit_admin');
    return unitListCompletion(db, p, { year: req.query.year ?? currentYear(), unitId: req.query.unitId });
  });
  r.get('/api/learning/progress/export.xlsx', { schema: { tags, summary: '导出学法清单完成情况', querystring: progressQuery } }, async (req, reply) => {
    const p = principalOf(req);
    requireRole(p, 'admin', 'organiser', 'unit_admin');
    const year = req.query.year ?? currentYear();
    const c = await unitListCompletion(db, p, { year, unitId: req.query.unitId, includePeople: true });
    const buf = await completionWorkbook(c);
    await audit(db, actorOf(req), { action: 'learning.progress.export', entityType: 'learning_list', summary: `导出${year}年学法清单完成情况（${c.people.length} 人）`, after: { year, unitId: req.query.unitId ?? null } });
    const name = `学法清单完成情况-${year}${c.unit ? `-${c.unit.name}` : ''}.xlsx`;
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDispositionFor(name)).send(buf);
  });

  // ----- member
  r.get('/api/my/learning', { schema: { tags, summary: '我的学习：学法清单与进度、本年学时', querystring: z.object({ year: yearField.optional() }) } }, async (req) => {
    const p = principalOf(req);
    if (p.personId === null) throw forbidden('只有登记了人员信息的账号才有学法清单');
    return myLearning(db, p.personId, req.query.year ?? currentYear());
  });
}
