import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GENDERS, MAX_PAGE_SIZE, PERSON_STATUSES } from '../../../common/org';
import { personCreateSchema, personUpdateSchema } from '../../../common/person';
import { actorOf } from '../../platform/audit';
import { principalOf } from '../../platform/http';
import { requireRole } from '../../platform/principal';
import { createPerson, getPerson, listPeople, resetPassword, revealIdNumber, setRoles, updatePerson } from './people';
import { exportPeopleXlsx } from './people-export';
import { createUnit, deleteUnit, listUnits, updateUnit } from './units';

const idParams = z.object({ id: z.coerce.number().int().positive('无效的编号') });
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const personFilterQuery = z.object({
  q: z.string().max(64).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  subtree: boolQuery.optional(),
  rank: z.string().max(20).optional(),
  postCategory: z.string().max(30).optional(),
  status: z.enum(PERSON_STATUSES).optional(),
  gender: z.enum(GENDERS).optional(),
  isPrincipalLeader: boolQuery.optional(),
  isLawEnforcement: boolQuery.optional(),
});

export async function orgRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  // ---- units (单位/部门) ----
  r.get('/api/units', { schema: { tags: ['org'], summary: '单位树（按权限范围）' } }, async (req) => {
    const p = principalOf(req);
    requireRole(p, 'admin', 'organiser', 'unit_admin');
    return { units: await listUnits(ctx, p) };
  });

  r.post(
    '/api/units',
    {
      schema: {
        tags: ['org'],
        summary: '新增单位',
        body: z.object({
          name: z.string().trim().min(1, '请填写单位名称').max(60, '单位名称不能超过60个字符'),
          parentId: z.number().int().positive().nullable(),
          sortOrder: z.number().int().min(0).max(100000).optional(),
        }),
      },
    },
    async (req) => {
      const p = principalOf(req);
      requireRole(p, 'admin', 'unit_admin');
      return createUnit(ctx, p, actorOf(req), req.body);
    },
  );

  r.patch(
    '/api/units/:id',
    {
      schema: {
        tags: ['org'],
        summary: '修改、移动、停用单位',
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1, '请填写单位名称').max(60, '单位名称不能超过60个字符').optional(),
          parentId: z.number().int().positive().nullable().optional(),
          disabled: z.boolean().optional(),
          sortOrder: z.number().int().min(0).max(100000).optional(),
        }),
      },
    },
    async (req) => {
      const p = principalOf(req);
      requireRole(p, 'admin', 'unit_admin');
      return updateUnit(ctx, p, actorOf(req), req.params.id, req.body);
    },
  );

  r.delete('/api/units/:id', { schema: { tags: ['org'], summary: '删除空单位', params: idParams } }, async (req) => {
    const p = principalOf(req);
    requireRole(p, 'admin', 'unit_admin');
    await deleteUnit(ctx, p, actorOf(req), req.params.id);
    return { ok: true };
  });

  // ---- people (人员) ----
  r.get(
    '/api/people',
    {
      schema: {
        tags: ['org'],
        summary: '人员列表（检索、筛选、分页）',
        querystring: personFilterQuery.extend({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
        }),
      },
    },
    async (req) => {
      const p = principalOf(req);
      requireRole(p, 'admin', 'organiser', 'unit_admin');
      const { page, pageSize, ...filters } = req.query;
      return listPeople(ctx, p, filters, page, pageSize);
    },
  );

  r.get('/api/people/export.xlsx', { schema: { tags: ['org'], summary: '导出人员 Excel', querystring: personFilterQuery } }, async (req, reply) => {
    const p = principalOf(req);
    requireRole(p, 'admin', 'organiser', 'unit_admin');
    return exportPeopleXlsx(ctx, p, actorOf(req), req.query, reply);
  });

  r.get('/api/people/:id', { schema: { tags: ['org'], summary: '人员详情', params: idParams } }, async (req) =>
    getPerson(ctx, principalOf(req), req.params.id),
  );

  r.post('/api/people', { schema: { tags: ['org'], summary: '新增人员', body: personCreateSchema } }, async (req) => {
    const p = principalOf(req);
    requireRole(p, 'admin', 'unit_admin');
    return createPerson(ctx, p, actorOf(req), req.body);
  });

  r.patch('/api/people/:id', { schema: { tags: ['org'], summary: '修改人员', params: idParams, body: personUpdateSchema } }, async (req) => {
    const p = principalOf(req);
    requireRole(p, 'admin', 'unit_admin');
    return updatePerson(ctx, p, actorOf(req), req.params.id, req.body);
  });

  r.post('/api/people/:id/reveal-id', { schema: { tags: ['org'], summary: '查看完整身份证号（记入审计）', params: idParams } }, async (req) => ({
    idNumber: await revealIdNumber(ctx, principalOf(req), actorOf(req), req.params.id),
  }));

  r.post('/api/people/:id/reset-password', { schema: { tags: ['org'], summary: '重置密码（一次性密码）', params: idParams } }, async (req) => ({
    oneTimePassword: await resetPassword(ctx, principalOf(req), actorOf(req), req.params.id),
  }));

  r.put(
    '/api/people/:id/roles',
    {
      schema: {
        tags: ['org'],
        summary: '设置角色（系统管理员）',
        params: idParams,
        body: z.object({
          roles: z
            .array(z.object({ role: z.enum(['admin', 'organiser', 'unit_admin', 'reviewer'], { message: '未知角色' }), unitId: z.number().int().positive().nullable().optional() }))
            .max(20),
        }),
      },
    },
    async (req) => setRoles(ctx, principalOf(req), actorOf(req), req.params.id, req.body.roles),
  );
}
