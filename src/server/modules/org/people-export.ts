import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context';
import { audit, type AuditActor } from '../../platform/audit';
import type { Principal } from '../../platform/principal';
import { iteratePeople, type PersonFilters } from './people';

/** Columns of the people export; the import template uses the same headers so an export re-imports. */
export const PEOPLE_EXPORT_COLUMNS = [
  { header: '姓名', key: 'name', width: 12 },
  { header: '性别', key: 'gender', width: 6 },
  { header: '身份证号', key: 'idNumberMasked', width: 22 },
  { header: '工号', key: 'employeeNo', width: 14 },
  { header: '手机', key: 'phone', width: 14 },
  { header: '单位', key: 'unit', width: 36 },
  { header: '职务', key: 'title', width: 16 },
  { header: '职级', key: 'rank', width: 10 },
  { header: '岗位类别', key: 'postCategory', width: 12 },
  { header: '是否党政主要负责人', key: 'isPrincipalLeader', width: 10 },
  { header: '是否行政执法人员', key: 'isLawEnforcement', width: 10 },
  { header: '状态', key: 'status', width: 8 },
] as const;

export const contentDispositionFor = (filename: string) =>
  `attachment; filename="${encodeURIComponent(filename).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

/** Streams the filtered people list as .xlsx. 身份证号 stays masked in exports; the export itself is audited. */
export async function exportPeopleXlsx(ctx: AppContext, p: Principal, actor: AuditActor, filters: PersonFilters, reply: FastifyReply) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xjkp';
  const ws = wb.addWorksheet('人员');
  ws.columns = PEOPLE_EXPORT_COLUMNS.map((c) => ({ ...c }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  let n = 0;
  for await (const batch of iteratePeople(ctx, p, filters)) {
    for (const x of batch) {
      ws.addRow({
        ...x,
        unit: x.unitPathNames.join('/'),
        isPrincipalLeader: x.isPrincipalLeader ? '是' : '否',
        isLawEnforcement: x.isLawEnforcement ? '是' : '否',
      });
      n++;
    }
  }
  await audit(ctx.db, actor, { action: 'person.export', entityType: 'person', summary: `导出人员 ${n} 条`, after: { filters } });
  const buf = await wb.xlsx.writeBuffer();
  const stamp = new Date().toISOString().slice(0, 10);
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', contentDispositionFor(`人员名单-${stamp}.xlsx`))
    .send(Buffer.from(buf));
}
