/**
 * 学法档案 on paper and in Excel: the printable A4 form (one page per person, as the exam
 * module's 成绩单 is served: a self-contained HTML page, inline styles, no script, every value
 * escaped) and the 组织部's sheet with one row per person.
 */
import ExcelJS from 'exceljs';
import { hoursText, percentText, type ArchiveActivity, type ArchiveExam, type ArchiveRow, type PersonArchive } from '../../../common/archive';
import { CANDIDATE_OUTCOME_ZH } from '../../../common/exam-results';
import { EXAM_KIND_ZH } from '../../../common/exam';
import { CREDIT_SOURCES, CREDIT_SOURCE_ZH, LIST_ITEM_KIND_ZH, STUDY_KIND_FULL, type ListItemKind, type StudyKind } from '../../../common/learning';
import { cnDateTime, esc } from '../exam/report';

const cnDay = (iso: string) =>
  new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

// ---------------------------------------------------------------------------------------------
// Excel

export const ARCHIVE_SHEET_COLUMNS = [
  { header: '序号', key: 'n', width: 6 },
  { header: '姓名', key: 'name', width: 10 },
  { header: '工号', key: 'employeeNo', width: 12 },
  { header: '单位', key: 'unit', width: 32 },
  { header: '职务', key: 'title', width: 14 },
  { header: '职级', key: 'rank', width: 10 },
  { header: '岗位类别', key: 'postCategory', width: 12 },
  { header: '党政主要负责人', key: 'leader', width: 8 },
  { header: '必学完成率', key: 'listPercent', width: 10 },
  { header: '必学完成项', key: 'listDone', width: 10 },
  { header: '学时合计(小时)', key: 'hours', width: 10 },
  ...CREDIT_SOURCES.map((s) => ({ header: `${CREDIT_SOURCE_ZH[s]}(小时)`, key: `h_${s}`, width: 10 })),
  { header: '学时目标(小时)', key: 'targetHours', width: 10 },
  { header: '集体学法(次)', key: 'groupStudy', width: 9 },
  { header: '听讲座(次)', key: 'lecturesAttended', width: 9 },
  { header: '讲法(次)', key: 'lecturesGiven', width: 8 },
  { header: '应讲法(次)', key: 'lecturesRequired', width: 8 },
  { header: '年度考试成绩', key: 'annualScore', width: 10 },
  { header: '年度考试结果', key: 'annualOutcome', width: 10 },
  { header: '任前考试结果', key: 'preOutcome', width: 10 },
  { header: '任前合格有效期至', key: 'preValidUntil', width: 14 },
  { header: '练习题数', key: 'practiceAnswered', width: 9 },
  { header: '练习正确率', key: 'practiceRate', width: 9 },
] as const;

export function archiveRowValues(r: ArchiveRow, n: number): Record<string, string | number> {
  const v: Record<string, string | number> = {
    n,
    name: r.name,
    employeeNo: r.employeeNo ?? '',
    unit: r.unitPath,
    title: r.title ?? '',
    rank: r.rank ?? '',
    postCategory: r.postCategory ?? '',
    leader: r.isPrincipalLeader ? '是' : '否',
    listPercent: r.listPercent === null ? '未分配' : percentText(r.listPercent),
    listDone: r.listRequiredTotal ? `${r.listRequiredDone}/${r.listRequiredTotal}` : '',
    hours: Number(hoursText(r.totalMinutes)),
    targetHours: r.targetHours ?? '',
    groupStudy: r.groupStudyCount,
    lecturesAttended: r.lecturesAttended,
    lecturesGiven: r.lecturesGiven,
    lecturesRequired: r.lecturesRequired ?? '',
    annualScore: r.annualScore ?? '',
    annualOutcome: r.annualOutcome ? CANDIDATE_OUTCOME_ZH[r.annualOutcome] : '未参加',
    preOutcome: r.preOutcome ? CANDIDATE_OUTCOME_ZH[r.preOutcome] : '',
    preValidUntil: r.preValidUntil ? cnDay(r.preValidUntil) : '',
    practiceAnswered: r.practiceAnswered,
    practiceRate: r.practiceCorrectRate === null ? '' : `${Math.round(r.practiceCorrectRate * 1000) / 10}%`,
  };
  for (const s of CREDIT_SOURCES) v[`h_${s}`] = Number(hoursText(r.minutes[s]));
  return v;
}

/** The sheet: a title, the unit/year/generated-at lines, then the header row and one row per person. */
export async function archiveWorkbook(rows: ArchiveRow[], meta: { year: number; unitName: string; generatedAt: Date }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xjkp';
  const ws = wb.addWorksheet('学法档案');
  ws.columns = ARCHIVE_SHEET_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const last = ARCHIVE_SHEET_COLUMNS.length;
  ws.addRow([`${meta.year}年度学法档案汇总`]);
  ws.mergeCells(1, 1, 1, last);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.addRow([`单位：${meta.unitName}`]);
  ws.addRow([`年度：${meta.year}年\u3000人数：${rows.length}\u3000生成时间：${cnDateTime(meta.generatedAt)}（北京时间）`]);
  ws.mergeCells(2, 1, 2, last);
  ws.mergeCells(3, 1, 3, last);
  const header = ws.addRow(ARCHIVE_SHEET_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.height = 32;
  ws.views = [{ state: 'frozen', ySplit: 4, xSplit: 2 }];
  rows.forEach((r, i) => ws.addRow(archiveRowValues(r, i + 1)));
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf);
}

// ---------------------------------------------------------------------------------------------
// Printable A4

const STYLE = `
  @page { size: A4 portrait; margin: 12mm 14mm; }
  * { box-sizing: border-box; }
  body { font-family: "SimSun", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", "FangSong", serif; font-size: 10pt; line-height: 1.35; color: #000; margin: 0; background: #eee; }
  .sheet { width: 210mm; min-height: 297mm; padding: 12mm 14mm; margin: 8px auto; background: #fff; }
  .sheet:not(:last-child) { page-break-after: always; break-after: page; }
  h1 { text-align: center; font-size: 18pt; margin: 0; letter-spacing: 8px; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
  .year { text-align: center; font-size: 11pt; margin-bottom: 2.5mm; }
  h2 { font-size: 10.5pt; margin: 2.5mm 0 1mm; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 1px solid #000; padding: 0.5mm 1.5mm; text-align: left; vertical-align: middle; }
  th { font-weight: bold; white-space: nowrap; background: #f3f3f3; }
  td.c, th.c { text-align: center; }
  .kv th { width: 22mm; }
  .line { margin: 0.8mm 0; }
  .none { color: #333; }
  .conclusion { border: 1px solid #000; padding: 1.5mm 3mm; margin-top: 2.5mm; }
  .sign { margin-top: 4mm; display: flex; justify-content: space-between; }
  .sign div { width: 48%; }
  .blank { display: inline-block; border-bottom: 1px solid #000; min-width: 40mm; }
  .foot { margin-top: 3mm; font-size: 8.5pt; color: #333; text-align: right; }
  tr { break-inside: avoid; }
  .noprint { max-width: 210mm; margin: 8px auto; background: #fffbe6; border: 1px solid #ffe58f; padding: 8px 12px; font-family: sans-serif; font-size: 10pt; }
  @media print {
    body { background: none; }
    .noprint { display: none; }
    .sheet { width: auto; min-height: 0; padding: 0; margin: 0; }
    th { background: none; }
  }
`;

const dash = (s: string | number | null | undefined) => (s === null || s === undefined || s === '' ? '—' : esc(s));
const studyKindText = (k: string) => esc(STUDY_KIND_FULL[k as StudyKind] ?? k);

function activityTable(list: ArchiveActivity[], kindHeader: string, withPresenter: boolean, kindFull = false): string {
  if (!list.length) return '<p class="line none">无</p>';
  const head = `<tr><th class="c">日期</th><th>${kindHeader}</th><th>主题</th><th>主办单位</th>${withPresenter ? '<th>主讲</th>' : ''}<th class="c">时长(小时)</th></tr>`;
  const body = list
    .map(
      (a) =>
        `<tr><td class="c">${esc(cnDay(a.startsAt))}</td><td>${kindFull ? studyKindText(a.kind) : esc(a.kind)}${a.status === 'scheduled' ? '（已安排）' : ''}</td><td>${esc(a.title)}</td><td>${esc(a.hostUnitName)}</td>${withPresenter ? `<td>${dash(a.presenter)}</td>` : ''}<td class="c">${hoursText(a.durationMinutes)}</td></tr>`,
    )
    .join('');
  return `<table>${head}${body}</table>`;
}

/** Lectures given and heard in one table, by date, with the person's role. */
function lectureTable(a: PersonArchive): string {
  const rows = [...a.lecturesGiven.map((l) => ({ l, role: '主讲' })), ...a.lecturesAttended.map((l) => ({ l, role: '听讲' }))].sort((x, y) => x.l.startsAt.localeCompare(y.l.startsAt));
  if (!rows.length) return '<p class="line none">无</p>';
  const head = '<tr><th class="c">日期</th><th class="c">角色</th><th>形式</th><th>主题</th><th>主办单位</th><th>主讲</th><th class="c">时长(小时)</th></tr>';
  const body = rows
    .map(
      ({ l, role }) =>
        `<tr><td class="c">${esc(cnDay(l.startsAt))}</td><td class="c">${role}</td><td>${esc(l.kind)}${l.status === 'scheduled' ? '（已安排）' : ''}</td><td>${esc(l.title)}</td><td>${esc(l.hostUnitName)}</td><td>${role === '主讲' ? '本人' : dash(l.presenter)}</td><td class="c">${hoursText(l.durationMinutes)}</td></tr>`,
    )
    .join('');
  return `<table>${head}${body}</table>`;
}

function examTable(list: ArchiveExam[], withValidity: boolean): string {
  if (!list.length) return '<p class="line none">无</p>';
  const head = `<tr><th>考试</th><th class="c">类型</th><th class="c">考试日期</th><th class="c">成绩</th><th class="c">结论</th>${withValidity ? '<th class="c">合格有效期至</th>' : ''}</tr>`;
  const body = list
    .map(
      (e) =>
        `<tr><td>${esc(e.title)}</td><td class="c">${esc(e.kind === 'makeup' ? '补考' : (EXAM_KIND_ZH[e.kind] ?? e.kind).replace(/（.*）/, ''))}</td><td class="c">${esc(cnDay(e.opensAt))}</td><td class="c">${e.withheld ? '未公布' : dash(e.score)}${!e.withheld && e.score !== null ? `/${esc(e.totalPoints)}` : ''}</td><td class="c">${esc(e.withheld ? '成绩未公布' : CANDIDATE_OUTCOME_ZH[e.outcome])}</td>${withValidity ? `<td class="c">${e.validUntil ? esc(cnDay(e.validUntil)) : '—'}</td>` : ''}</tr>`,
    )
    .join('');
  return `<table>${head}${body}</table>`;
}

/** One person's A4 form (a `.sheet`). */
export function archiveSheet(a: PersonArchive): string {
  const p = a.person;
  const lists = a.lists.items.length
    ? `<p class="line">必学 ${a.lists.requiredDone}/${a.lists.requiredTotal} 项完成，完成率 ${percentText(a.lists.percent)}；选学 ${a.lists.optionalDone}/${a.lists.optionalTotal} 项完成。</p>
<table><tr><th class="c">类别</th><th>学习内容</th><th class="c">形式</th><th class="c">要求</th><th>完成情况</th><th class="c">进度</th></tr>${a.lists.items
        .map(
          (i) =>
            `<tr><td class="c">“${esc(i.segment)}”</td><td>${esc(i.title)}</td><td class="c">${esc(LIST_ITEM_KIND_ZH[i.kind as ListItemKind] ?? i.kind)}</td><td class="c">${i.required ? '必学' : '选学'}</td><td>${esc(i.detail)}</td><td class="c">${i.done ? '已完成' : `${Math.round(i.percent)}%`}</td></tr>`,
        )
        .join('')}</table>`
    : '<p class="line none">本年度未分配学法清单。</p>';
  const hours = `<table><tr>${CREDIT_SOURCES.map((s) => `<th class="c">${esc(CREDIT_SOURCE_ZH[s])}</th>`).join('')}<th class="c">合计</th>${a.hours.targetHours !== null ? '<th class="c">目标</th>' : ''}</tr><tr>${CREDIT_SOURCES.map((s) => `<td class="c">${hoursText(a.hours.minutes[s])}</td>`).join('')}<td class="c"><b>${hoursText(a.hours.totalMinutes)}</b></td>${a.hours.targetHours !== null ? `<td class="c">${esc(a.hours.targetHours)}</td>` : ''}</tr></table>`;
  const d = a.lectureDuty;
  const duty = d.applies
    ? `<p class="line">党政主要负责人年度讲法任务 ${d.required} 次，已讲 ${d.given} 次${d.scheduled ? `，已安排 ${d.scheduled} 次` : ''}，<b>${d.met ? '已完成' : '未完成'}</b>。</p>`
    : '';
  const pre = a.preAppointment.exams.length
    ? `<h2>六、任前法律知识考试</h2>${examTable(a.preAppointment.exams, true)}`
    : '';
  const pr = a.practice;
  return `<section class="sheet">
<h1>学法档案</h1>
<div class="year">（${a.year}年度）</div>
<table class="kv">
<tr><th>姓\u3000\u3000名</th><td>${esc(p.name)}</td><th>性\u3000\u3000别</th><td>${dash(p.gender)}</td><th>工\u3000\u3000号</th><td>${dash(p.employeeNo)}</td></tr>
<tr><th>单\u3000\u3000位</th><td colspan="5">${esc(p.unitPath)}</td></tr>
<tr><th>职\u3000\u3000务</th><td>${dash(p.title)}</td><th>职\u3000\u3000级</th><td>${dash(p.rank)}</td><th>岗位类别</th><td>${dash(p.postCategory)}</td></tr>
<tr><th>主要负责人</th><td>${p.isPrincipalLeader ? '是' : '否'}</td><th>人员状态</th><td colspan="3">${esc(p.status)}</td></tr>
</table>
<h2>一、学法清单完成情况</h2>${lists}
<h2>二、学时情况（小时）</h2>${hours}
<h2>三、参加集体学法</h2>${activityTable(a.groupStudy, '形式', true, true)}
<h2>四、讲法与听讲座</h2>${duty}${lectureTable(a)}
<h2>五、年度学法考试</h2>${examTable(a.annualExams, false)}
${pre}
<h2>${pre ? '七' : '六'}、日常练习</h2><p class="line">全年练习 ${pr.answered} 题，答对 ${pr.correct} 题${pr.correctRate !== null ? `，正确率 ${Math.round(pr.correctRate * 1000) / 10}%` : ''}，练习 ${pr.days} 天；错题本未掌握 ${pr.wrongOpen} 题，已掌握 ${pr.wrongMastered} 题。</p>
<div class="conclusion"><b>结论：</b>${esc(a.conclusion)}</div>
<div class="sign"><div>单位审核意见：<span class="blank"></span><br><br>审核人（签字）：<span class="blank"></span></div><div>单位（盖章）<br><br>日期：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></div>
<div class="foot">生成于 ${esc(cnDateTime(new Date(a.generatedAt)))}（北京时间）</div>
</section>`;
}

/** The whole printable page: one A4 sheet per archive, each starting on a new page. */
export function archivePrintPage(title: string, archives: PersonArchive[], note?: string): string {
  const body = archives.length ? archives.map(archiveSheet).join('\n') : '<section class="sheet"><h1>学法档案</h1><p class="line">所选范围内没有人员。</p></section>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>${STYLE}</style></head>
<body>
<div class="noprint">打印：按 Ctrl+P（Mac 为 ⌘+P），纸张 A4 纵向，每人一页。${note ? esc(note) : ''}</div>
${body}
</body></html>`;
}

