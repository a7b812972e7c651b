import ExcelJS from 'exceljs';
import { EXAM_KIND_ZH, ROSTER_STATUS_ZH, ROSTER_STATUSES, SUBMIT_REASON_ZH, type ExamKind, type SubmitReason } from '../../../common/exam';
import type { AppContext } from '../../context';
import { audit, type AuditActor } from '../../platform/audit';
import type { Principal } from '../../platform/principal';
import { unitPathNames } from '../org/units';
import { attemptScoringOf, byUnitOf, filterRows, loadExam, requireResultsReader, scopedOutcomes, summaryOf, type ResultsFilters } from './results';

const pct = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(1)}%`);
const cnTime = (d: Date | null | undefined) =>
  d ? d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }) : '';

export const RESULT_SHEET_COLUMNS = [
  { header: '序号', key: 'n', width: 6 },
  { header: '姓名', key: 'name', width: 12 },
  { header: '工号', key: 'employeeNo', width: 14 },
  { header: '单位', key: 'unit', width: 36 },
  { header: '职务', key: 'title', width: 16 },
  { header: '职级', key: 'rank', width: 10 },
  { header: '状态', key: 'status', width: 8 },
  { header: '成绩', key: 'score', width: 8 },
  { header: '作答次数', key: 'attempts', width: 8 },
  { header: '交卷时间', key: 'submittedAt', width: 18 },
  { header: '交卷方式', key: 'submitReason', width: 16 },
  { header: '切屏次数', key: 'switchCount', width: 8 },
] as const;

/**
 * 成绩 Excel: 成绩名单 (the filtered roster), 单位统计 (per unit) and 汇总 (summary and
 * distribution), in the reader's scope. The export is audited.
 */
export async function resultsXlsx(ctx: AppContext, p: Principal, actor: AuditActor, examId: number, f: ResultsFilters): Promise<{ body: Buffer; filename: string }> {
  requireResultsReader(p);
  const exam = await loadExam(ctx.db, examId);
  const all = await scopedOutcomes(ctx.db, p, exam, f.unitId);
  const rows = filterRows(all, f);
  const summary = summaryOf(all, exam.totalPoints);
  const byUnit = await byUnitOf(ctx.db, all);
  const paths = await unitPathNames(ctx.db, [...new Set(rows.map((r) => r.unitPath))]);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'xjkp';
  const ws = wb.addWorksheet('成绩名单');
  ws.columns = RESULT_SHEET_COLUMNS.map((c) => ({ ...c }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  rows.forEach((r, i) =>
    ws.addRow({
      n: i + 1,
      name: r.name,
      employeeNo: r.employeeNo ?? '',
      unit: (paths.get(r.unitPath) ?? [r.unitName]).join('/'),
      title: r.title ?? '',
      rank: r.rank ?? '',
      status: ROSTER_STATUS_ZH[r.status],
      score: r.score ?? '',
      attempts: r.attempts,
      submittedAt: cnTime(r.attempt?.submittedAt),
      submitReason: r.attempt?.submitReason ? (SUBMIT_REASON_ZH[r.attempt.submitReason as SubmitReason] ?? r.attempt.submitReason) : '',
      switchCount: r.attempt?.switchCount ?? '',
    }),
  );

  const us = wb.addWorksheet('单位统计');
  us.columns = [
    { header: '单位', key: 'unit', width: 36 },
    { header: '应考人数', key: 'rosterSize', width: 10 },
    { header: '参考人数', key: 'participated', width: 10 },
    { header: '参考率', key: 'participationRate', width: 10 },
    { header: '通过人数', key: 'passed', width: 10 },
    { header: '通过率', key: 'passRate', width: 10 },
    { header: '平均分', key: 'mean', width: 10 },
  ];
  us.getRow(1).font = { bold: true };
  for (const u of byUnit)
    us.addRow({ ...u, unit: u.unitPath, participationRate: pct(u.participationRate), passRate: pct(u.passRate), mean: u.mean ?? '' });

  const ss = wb.addWorksheet('汇总');
  ss.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '数值', key: 'v', width: 40 },
  ];
  ss.getRow(1).font = { bold: true };
  const add = (k: string, v: string | number | null) => ss.addRow({ k, v: v ?? '' });
  add('考试', exam.title);
  add('类型', EXAM_KIND_ZH[exam.kind as ExamKind] ?? exam.kind);
  add('考试时间', `${cnTime(exam.opensAt)} 至 ${cnTime(exam.closesAt)}`);
  add('总分', exam.totalPoints);
  add('及格分', exam.passMark);
  add('计分方式', attemptScoringOf(exam) === 'best' ? '取最高分' : '取最后一次');
  add('应考人数', summary.rosterSize);
  for (const s of ROSTER_STATUSES) add(ROSTER_STATUS_ZH[s], summary.counts[s]);
  add('参考人数', summary.participated);
  add('参考率', pct(summary.participationRate));
  add('通过率', pct(summary.passRate));
  add('平均分', summary.mean);
  add('中位数', summary.median);
  add('最高分', summary.max);
  add('最低分', summary.min);
  add('标准差', summary.stdev);
  for (const b of summary.distribution) add(`${b.from}–${b.to}分`, b.count);

  await audit(ctx.db, actor, { action: 'exam.results_export', entityType: 'exam', entityId: examId, summary: `导出考试“${exam.title}”成绩 ${rows.length} 人`, after: { filters: f } });
  const buf = await wb.xlsx.writeBuffer();
  return { body: Buffer.from(buf), filename: `${exam.title}-成绩.xlsx` };
}
