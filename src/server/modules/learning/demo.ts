/**
 * The 学/讲 part of `xjkp demo`: for the current Beijing year, a new demo district gets learning
 * materials, a "1+3" list and two "N" lists, lecturers, group study and lectures spread over the
 * past months with attendance, and quotas — all through the module's own services, so validation,
 * audit and credits (from attendance) are the same as in the app.
 *
 * Everything applies to the demo district only (list and quota rules name its root unit), so
 * running the demo twice gives the second district its own setup and real units are untouched.
 * Materials are shared: an existing material of the same title is reused.
 */
import { and, asc, eq, inArray, isNull, like } from 'drizzle-orm';
import { activityInputSchema, type ActivityInputRaw } from '../../../common/activities';
import { lecturerInputSchema, type LecturerInputRaw } from '../../../common/duty';
import { beijingDay, quotaInputSchema, type LectureKind, type StudyKind } from '../../../common/learning';
import { listInputSchema, materialInputSchema, type ListInput, type MaterialInput } from '../../../common/learning-lists';
import type { Db } from '../../db/client';
import type { AuditActor } from '../../platform/audit';
import type { Principal } from '../../platform/principal';
import { accounts } from '../../platform/schema';
import { lawNodes, laws } from '../laws/schema';
import { people, units } from '../org/schema';
import type { UnitRow } from '../org/units';
import { createActivity } from './activities';
import { setRosterAttendance } from './attendance';
import { createLecturer } from './lecturers';
import { createList, setListStatus } from './lists';
import { createMaterial } from './materials';
import { createQuota } from './quotas';
import { learningMaterials } from './schema';

export interface DemoLearningResult {
  year: number;
  materials: number;
  lists: number;
  lecturers: number;
  activities: number;
  attendances: number;
  quotas: number;
}

const SYSTEM: AuditActor = { accountId: null, name: '系统', ip: null };
/** Leader lectures are capped so a demo of many thousands of people stays quick. */
const MAX_LEADER_LECTURES = 30;

const THOUGHT_BODY = [
  '习近平法治思想是顺应实现中华民族伟大复兴时代要求应运而生的重大理论创新成果，是马克思主义法治理论中国化的最新成果，是全面依法治国的根本遵循和行动指南。',
  '学习要点（“十一个坚持”）：坚持党对全面依法治国的领导；坚持以人民为中心；坚持中国特色社会主义法治道路；坚持依宪治国、依宪执政；坚持在法治轨道上推进国家治理体系和治理能力现代化；坚持建设中国特色社会主义法治体系。',
  '坚持依法治国、依法执政、依法行政共同推进，法治国家、法治政府、法治社会一体建设；坚持全面推进科学立法、严格执法、公正司法、全民守法；坚持统筹推进国内法治和涉外法治；坚持建设德才兼备的高素质法治工作队伍；坚持抓住领导干部这个“关键少数”。',
  '学习提示：领导干部要做尊法学法守法用法的模范，把法治思维和法治方式贯穿于决策、执行、监督各环节；结合本单位职责，对照行政执法、行政复议和行政诉讼中暴露出的问题，查找依法行政的薄弱环节。',
].join('\n\n');

const CHARTER_BODY = [
  '总纲（节选）：中国共产党是中国工人阶级的先锋队，同时是中国人民和中华民族的先锋队，是中国特色社会主义事业的领导核心，代表中国先进生产力的发展要求，代表中国先进文化的前进方向，代表中国最广大人民的根本利益。党的最高理想和最终目标是实现共产主义。',
  '中国共产党以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想作为自己的行动指南。',
  '党必须在宪法和法律的范围内活动。',
  '学习提示：对照党章，把遵守党内法规与遵守国家法律结合起来，在工作中自觉做到守纪律、讲规矩。',
].join('\n\n');

const MATERIALS: (MaterialInput & { role: 'thought' | 'charter' })[] = [
  { role: 'thought', title: '习近平法治思想学习纲要（节选）', kind: '习近平法治思想', body: THOUGHT_BODY, source: '中央宣传部、中央全面依法治国委员会办公室编（学习要点摘编）' },
  { role: 'charter', title: '中国共产党章程（总纲节选）', kind: '党内法规', body: CHARTER_BODY, source: '中国共产党第二十次全国代表大会部分修改，2022年10月22日通过' },
];

/** Laws the demo uses, by title (shipped with the product; see resources/laws). */
const LAW_TITLES = {
  constitution: '中华人民共和国宪法',
  civilCode: '中华人民共和国民法典',
  penalty: '中华人民共和国行政处罚法',
  licensing: '中华人民共和国行政许可法',
  criminalProcedure: '中华人民共和国刑事诉讼法',
  civilProcedure: '中华人民共和国民事诉讼法',
  reconsideration: '中华人民共和国行政复议法',
  business: '优化营商环境条例',
  petitions: '信访工作条例',
} as const;
type LawKey = keyof typeof LAW_TITLES;

const LECTURERS: (LecturerInputRaw & { key: string; org: (root: string) => string })[] = [
  { key: 'judge', name: '周明远', level: '区级', org: (r) => `${r}人民法院`, title: '行政审判庭审判员', specialities: ['行政诉讼', '民事审判', '以案释法'], phone: '010-68001201' },
  { key: 'justice', name: '林雪', level: '区级', org: (r) => `${r}司法局`, title: '普法与依法治理科科长', specialities: ['宪法', '习近平法治思想', '普法宣传'], phone: '010-68001202' },
  { key: 'lawyer', name: '高志诚', level: '区级', org: (r) => `${r}律师协会`, title: '律师', specialities: ['民法典', '合同纠纷', '劳动争议'], phone: '010-68001203' },
  { key: 'mediator', name: '陈立', level: '街乡级', org: () => '城关街道司法所', title: '所长', specialities: ['人民调解', '婚姻家庭', '信访工作条例'], phone: '010-68001204' },
  { key: 'enforcer', name: '韩冬梅', level: '街乡级', org: () => '东湖街道综合行政执法队', title: '队长', specialities: ['行政处罚法', '行政执法程序'], phone: '010-68001205' },
];

const LEADER_LECTURES: { kind: LectureKind; title: string; law: LawKey }[] = [
  { kind: '会前讲法', title: '讲《行政复议法》：行政机关应诉与复议要点', law: 'reconsideration' },
  { kind: '法治大讲堂', title: '依法行政与法治政府建设', law: 'constitution' },
  { kind: '以案释法', title: '以案释法：行政处罚中的程序问题', law: 'penalty' },
  { kind: '会前讲法', title: '讲《优化营商环境条例》：让审批更规范', law: 'business' },
  { kind: '法治大讲堂', title: '民法典与群众身边事', law: 'civilCode' },
  { kind: '以案释法', title: '以案释法：行政许可的撤销与变更', law: 'licensing' },
];

/** A Beijing wall-clock time on the day `fraction` of the way from 1 January to now, before now. */
function pastTime(year: number, now: Date, fraction: number, hour: number, minute = 0): Date {
  const yearStart = Date.UTC(year, 0, 1) - 8 * 3600_000;
  const day = beijingDay(new Date(yearStart + fraction * (now.getTime() - yearStart)));
  let t = new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
  if (t.getTime() >= now.getTime()) t = new Date(t.getTime() - 24 * 3600_000);
  if (t.getTime() < yearStart) t = new Date(yearStart + 60_000);
  return t;
}

/** Two weeks ahead at 15:00 Beijing, kept in the same year when possible. */
function futureTime(year: number, now: Date): Date {
  const ahead = beijingDay(new Date(now.getTime() + 14 * 24 * 3600_000));
  const day = ahead.startsWith(String(year)) ? ahead : `${year}-12-31`;
  const t = new Date(`${day}T15:00:00+08:00`);
  return t.getTime() > now.getTime() ? t : new Date(now.getTime() + 2 * 3600_000);
}

export async function seedDemoLearning(
  tx: Db,
  opts: { root: UnitRow; rootName: string; units: Map<string, UnitRow>; rand: () => number; now: Date },
): Promise<DemoLearningResult> {
  const { root, rootName, rand, now } = opts;
  const year = Number(beijingDay(now).slice(0, 4));
  const unit = (name: string) => opts.units.get(name)!;
  const sample = <T>(xs: T[], share: number, max: number) => xs.filter(() => rand() < share).slice(0, max);

  // The services record their author as an account; the bootstrap administrator stands in.
  const [admin] = await tx.select({ id: accounts.id }).from(accounts).where(and(isNull(accounts.personId), eq(accounts.loginName, 'admin')));
  const p: Principal = { accountId: admin?.id ?? 0, personId: null, displayName: '系统', roles: ['admin'], adminUnits: [], mustChangePassword: false, sessionId: 'demo', csrfToken: 'demo' };
  const result: DemoLearningResult = { year, materials: 0, lists: 0, lecturers: 0, activities: 0, attendances: 0, quotas: 0 };

  // --- materials (shared between demo districts) ---
  const materialIds = new Map<string, number>();
  for (const { role, ...m } of MATERIALS) {
    const [existing] = await tx.select({ id: learningMaterials.id }).from(learningMaterials).where(eq(learningMaterials.title, m.title)).limit(1);
    if (existing) materialIds.set(role, existing.id);
    else {
      materialIds.set(role, (await createMaterial(tx, SYSTEM, materialInputSchema.parse(m))).id);
      result.materials++;
    }
  }

  // --- laws ---
  const lawRows = await tx
    .select({ id: laws.id, title: laws.title, versionId: laws.currentVersionId })
    .from(laws)
    .where(inArray(laws.title, Object.values(LAW_TITLES)));
  const law = new Map(lawRows.map((l) => [l.title, l]));
  const lawOf = (k: LawKey) => law.get(LAW_TITLES[k]) ?? null;
  // 民法典 总则编: the chapters of its first 编
  let generalPart: number[] = [];
  const civil = lawOf('civilCode');
  if (civil?.versionId) {
    const [first] = await tx
      .select({ id: lawNodes.id })
      .from(lawNodes)
      .where(and(eq(lawNodes.versionId, civil.versionId), isNull(lawNodes.parentId)))
      .orderBy(asc(lawNodes.ordinal))
      .limit(1);
    if (first) {
      const chapters = await tx.select({ id: lawNodes.id }).from(lawNodes).where(eq(lawNodes.parentId, first.id)).orderBy(asc(lawNodes.ordinal));
      generalPart = chapters.length ? chapters.map((c) => c.id) : [first.id];
    }
  }

  // --- lists: "1+3" for the whole district, "N" by 岗位类别 ---
  type Item = NonNullable<ListInput['items']>[number];
  const lawItem = (k: LawKey, segment: '3' | 'N', minutes: number, nodeIds?: number[]): Item[] => {
    const l = lawOf(k);
    return l ? [{ segment, kind: 'law', lawId: l.id, nodeIds: nodeIds ?? null, expectedMinutes: minutes }] : [];
  };
  const prefix = rootName === '示范区' ? '' : `${rootName} `;
  const lists: ListInput[] = [
    {
      year,
      name: `${prefix}${year}年度“1+3”学法清单`,
      description: '全体干部职工必学：习近平法治思想，宪法、民法典和党内法规。',
      rule: { unitIds: [root.id] },
      items: [
        { segment: '1', kind: 'material', materialId: materialIds.get('thought')!, expectedMinutes: 60 },
        ...lawItem('constitution', '3', 240),
        ...(generalPart.length ? lawItem('civilCode', '3', 300, generalPart).map((i) => ({ ...i, title: '中华人民共和国民法典（总则编）' })) : []),
        { segment: '3', kind: 'material', materialId: materialIds.get('charter')!, expectedMinutes: 30 },
      ],
    },
    {
      year,
      name: `${prefix}${year}年度“N”学法清单（行政执法岗位）`,
      description: '行政执法岗位人员结合岗位职责必学的法律。',
      rule: { unitIds: [root.id], postCategories: ['行政执法'] },
      items: [...lawItem('penalty', 'N', 180), ...lawItem('licensing', 'N', 150)],
    },
    {
      year,
      name: `${prefix}${year}年度“N”学法清单（司法岗位）`,
      description: '司法岗位人员结合岗位职责必学的法律。',
      rule: { unitIds: [root.id], postCategories: ['司法'] },
      items: [...lawItem('criminalProcedure', 'N', 240), ...lawItem('civilProcedure', 'N', 240)],
    },
  ];
  for (const l of lists) {
    if (!l.items?.length) continue; // laws not loaded: nothing to publish
    const created = await createList(tx, SYSTEM, listInputSchema.parse(l));
    await setListStatus(tx, SYSTEM, created.id, 'published');
    result.lists++;
  }

  // --- people of the district ---
  const staff = await tx
    .select({ id: people.id, name: people.name, unitPath: units.path, unitParent: units.parentId, leader: people.isPrincipalLeader, post: people.postCategory })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.status, '在职'), like(units.path, `${root.path}%`)))
    .orderBy(asc(people.id));
  const leaders = staff.filter((s) => s.leader);
  const inUnit = (u: UnitRow) => staff.filter((s) => s.unitPath.startsWith(u.path));
  const ids = (xs: { id: number }[]) => [...new Set(xs.map((x) => x.id))];

  // --- 师资库 ---
  const lecturerIds = new Map<string, number>();
  const justiceStaff = inUnit(unit('司法局')).find((s) => !s.leader);
  for (const { key, org, ...l } of LECTURERS) {
    // the 司法局 lecturer is one of our own people when the bureau has someone
    const own = key === 'justice' && justiceStaff ? { name: justiceStaff.name, personId: justiceStaff.id } : {};
    const created = await createLecturer(tx, p, SYSTEM, lecturerInputSchema.parse({ ...l, organisation: org(rootName), ...own }));
    lecturerIds.set(key, created.id);
    result.lecturers++;
  }

  // --- activities ---
  const record = async (input: ActivityInputRaw, attendees: number[]) => {
    const a = await createActivity(tx, p, SYSTEM, activityInputSchema.parse(input));
    result.activities++;
    if (attendees.length && a.status !== 'scheduled') {
      const r = await setRosterAttendance(tx, p, SYSTEM, a.id, { personIds: attendees });
      result.attendances += r.added;
    }
  };
  const lawRef = (k: LawKey, articles: string | null = null) => {
    const l = lawOf(k);
    return [{ lawId: l?.id ?? null, title: LAW_TITLES[k], articles }];
  };
  const study = (kind: StudyKind, title: string, host: UnitRow, fraction: number, hour: number, minutes: number, extra: Partial<ActivityInputRaw> = {}): ActivityInputRaw => ({
    category: 'study',
    kind,
    title,
    startsAt: pastTime(year, now, fraction, hour, hour < 12 ? 0 : 30).toISOString(),
    durationMinutes: minutes,
    hostUnitId: host.id,
    ...extra,
  });
  const presenterName = justiceStaff?.name ?? '林雪';
  const leaderIds = ids(leaders);
  const meeting = () => [...leaderIds, ...ids(sample(staff.filter((s) => !s.leader), 0.05, 12))];

  await record(study('会前学法', '常务会议会前学法：学习《中华人民共和国宪法》', root, 0.1, 9, 30, { presenter: presenterName, laws: lawRef('constitution', '第一章 总纲'), location: '区政府第一会议室' }), meeting());
  await record(study('中心组专题学法', '区委理论学习中心组专题学习习近平法治思想', root, 0.22, 14, 120, { presenter: '区委书记', laws: [], location: '区委常委会议室', summary: '围绕“十一个坚持”开展专题学习研讨，5名同志作交流发言。' }), leaderIds);
  await record(study('会前学法', '常务会议会前学法：学习《优化营商环境条例》', root, 0.38, 9, 30, { presenter: presenterName, laws: lawRef('business'), location: '区政府第一会议室' }), meeting());
  await record(study('集中学法', '司法局《行政处罚法》集中学法', unit('司法局'), 0.47, 14, 120, { presenter: presenterName, laws: lawRef('penalty'), location: '司法局三楼会议室' }), ids(sample(inUnit(unit('司法局')), 0.9, 200)));
  await record(study('会前学法', '街道工委会会前学法：学习《信访工作条例》', unit('城关街道'), 0.55, 9, 30, { laws: lawRef('petitions'), location: '城关街道办事处会议室' }), ids(sample(inUnit(unit('城关街道')), 0.5, 30)));
  await record(
    study('旁听庭审', '组织旁听行政诉讼案件庭审', unit('城管执法局'), 0.63, 9, 180, { laws: lawRef('reconsideration'), location: `${rootName}人民法院第三法庭`, summary: '旁听一起城管行政处罚引发的行政诉讼案件，庭后由审判员点评。' }),
    ids(sample(inUnit(unit('城管执法局')).filter((s) => s.post === '行政执法' || s.leader), 0.8, 40)),
  );
  await record(study('会前学法', '常务会议会前学法：学习《中华人民共和国行政许可法》', root, 0.72, 9, 40, { presenter: presenterName, laws: lawRef('licensing'), location: '区政府第一会议室' }), meeting());
  await record(study('中心组专题学法', '区委理论学习中心组专题学习民法典', root, 0.81, 14, 90, { presenter: '区委书记', laws: lawRef('civilCode', '总则编'), location: '区委常委会议室' }), leaderIds);

  // lectures by lecturers of the 师资库
  const lecture = (kind: LectureKind, title: string, host: UnitRow, when: Date, minutes: number, extra: Partial<ActivityInputRaw>): ActivityInputRaw => ({
    category: 'lecture',
    kind,
    title,
    startsAt: when.toISOString(),
    durationMinutes: minutes,
    hostUnitId: host.id,
    ...extra,
  });
  await record(
    lecture('法治大讲堂', '法治大讲堂：民法典与百姓生活', root, pastTime(year, now, 0.3, 14, 30), 90, { lecturerId: lecturerIds.get('lawyer')!, presenter: '高志诚', laws: lawRef('civilCode'), location: '区政务服务中心报告厅' }),
    ids(sample(staff, 0.3, 300)),
  );
  await record(
    lecture('以案释法', '以案释法：行政执法中的程序瑕疵', unit('公安分局'), pastTime(year, now, 0.6, 14, 30), 60, { lecturerId: lecturerIds.get('judge')!, presenter: '周明远', laws: lawRef('penalty'), location: '公安分局会议室' }),
    ids(sample(inUnit(unit('公安分局')), 0.7, 120)),
  );

  // lectures by about 60 % of the principal leaders (讲法责任); the last one is still ahead
  const speakers = leaders.filter(() => rand() < 0.6).slice(0, MAX_LEADER_LECTURES);
  const unitById = new Map([...opts.units.values()].map((u) => [u.id, u]));
  for (const [i, s] of speakers.entries()) {
    const t = LEADER_LECTURES[i % LEADER_LECTURES.length];
    const host = (s.unitParent !== null ? unitById.get(s.unitParent) : undefined) ?? root;
    const future = i === speakers.length - 1;
    const when = future ? futureTime(year, now) : pastTime(year, now, 0.15 + (0.8 * i) / Math.max(1, speakers.length), 15);
    await record(
      lecture(t.kind, t.title, host, when, t.kind === '会前讲法' ? 30 : 60 + 30 * (i % 2), { speakerPersonId: s.id, presenter: s.name, laws: lawRef(t.law), location: `${host.name}会议室` }),
      future ? [] : ids(sample(inUnit(host), 0.7, 80)),
    );
  }

  // --- quotas ---
  const streets = ['城关街道', '东湖街道', '西山镇', '南岭镇', '北塘街道'].flatMap((n) => (opts.units.has(n) ? [unit(n).id] : []));
  const quotas = [
    { name: `${prefix}政府常务会议会前学法`, metric: 'activity_count', activityKind: '会前学法', unitIds: [root.id, ...streets], target: 4 },
    { name: `${prefix}中心组专题学法`, metric: 'activity_count', activityKind: '中心组专题学法', unitIds: [root.id, unit('司法局').id, unit('公安分局').id], target: 2 },
    { name: `${prefix}个人年度学法学时`, metric: 'personal_hours', rule: { unitIds: [root.id] }, target: 40 },
  ];
  for (const q of quotas) {
    await createQuota(tx, p, SYSTEM, quotaInputSchema.parse({ year, ...q }));
    result.quotas++;
  }
  return result;
}
