import { idNumberCheckChar, maskIdNumber } from '../../../common/idcard';
import { RANKS } from '../../../common/org';
import type { AppContext } from '../../context';
import { and, count, eq, isNull } from 'drizzle-orm';
import { audit } from '../../platform/audit';
import { accounts } from '../../platform/schema';
import { people, units } from './schema';
import { seedDemoLearning, type DemoLearningResult } from '../learning/demo';
import { insertUnit, type UnitRow } from './units';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁婷雪琳晨阳瑶欣怡佳文博';
const DEPARTMENTS = ['办公室', '法制科', '政工科', '执法大队', '综合科', '业务科'];
const BUREAUS = ['司法局', '公安分局', '市场监管局', '生态环境局', '住建局', '人社局', '教育局', '卫健委', '应急管理局', '城管执法局'];
const STREETS = ['城关街道', '东湖街道', '西山镇', '南岭镇', '北塘街道'];

/** Deterministic pseudo-random numbers so a seeded demo is the same every time. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A realistic district: 区 → 委办局/街镇 → 科室, and `count` people with valid 身份证号.
 * Used by `xjkp demo` and by the benchmarks. With `learning`, the new district also gets this
 * year's 学/讲 setup (lists, materials, lecturers, activities with attendance, quotas; see
 * ../learning/demo.ts) in the same transaction.
 */
export async function seedDemoOrg(
  ctx: AppContext,
  opts: { count: number; rootName?: string; seed?: number; learning?: boolean; now?: Date },
): Promise<{ rootId: number; rootName: string; units: number; people: number; learning: DemoLearningResult | null }> {
  const rand = rng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  return ctx.db.transaction(async (tx) => {
    // 示范区, 示范区2, … so running the command twice adds a second district instead of failing.
    const base = opts.rootName ?? '示范区';
    let rootName = base;
    for (let n = 2; (await tx.select({ id: units.id }).from(units).where(and(isNull(units.parentId), eq(units.name, rootName)))).length; n++) {
      rootName = `${base}${n}`;
    }
    const root = await insertUnit(tx, null, rootName);
    // Numbers continue after any earlier demo run, so 工号, 身份证号 and 手机 stay unique.
    const [{ n: already }] = await tx.select({ n: count() }).from(people);
    const offset = Number(already);
    const leaves: UnitRow[] = [];
    const mids = new Map<string, UnitRow>();
    // with the learning data (its "N" list for 司法), people of these bureaus who are not 行政执法
    // work in the 司法 post category; without it the benchmarks' population stays as it was
    const judicial = new Set<number>();
    for (const name of [...BUREAUS, ...STREETS]) {
      const mid = await insertUnit(tx, root, name);
      mids.set(name, mid);
      for (const d of DEPARTMENTS.slice(0, 3 + Math.floor(rand() * 3))) {
        const leaf = await insertUnit(tx, mid, d);
        leaves.push(leaf);
        if (opts.learning && (name === '司法局' || name === '公安分局')) judicial.add(leaf.id);
      }
    }
    let created = 0;
    for (let start = 0; start < opts.count; start += 1000) {
      const batch: (typeof people.$inferInsert)[] = [];
      for (let k = start; k < Math.min(start + 1000, opts.count); k++) {
        const i = k + offset;
        const year = 1965 + Math.floor(rand() * 35);
        const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
        const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
        // region code × sequence keeps every number unique by construction
        const body = `${110101 + Math.floor(i / 1000)}${year}${month}${day}${String(i % 1000).padStart(3, '0')}`;
        const id = body + idNumberCheckChar(body);
        const female = Number(id[16]) % 2 === 0;
        const leaderish = rand() < 0.05;
        batch.push({
          name: pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.6 ? pick([...GIVEN]) : ''),
          gender: female ? '女' : '男',
          idNumberEnc: ctx.cipher.encrypt(id),
          idNumberHash: ctx.cipher.blindIndex(id),
          idNumberMasked: maskIdNumber(id),
          employeeNo: `D${String(i + 1).padStart(6, '0')}`,
          phone: `139${String(10_000_000 + i).padStart(8, '0')}`,
          unitId: pick(leaves).id,
          title: leaderish ? '局长' : pick(['科员', '副科长', '科长', '四级主任科员', '一级科员']),
          rank: leaderish ? '县处级' : pick(RANKS.slice(3, 5)),
          postCategory: pick(['综合管理', '行政执法', '专业技术']),
          isPrincipalLeader: leaderish,
          isLawEnforcement: rand() < 0.4,
          status: rand() < 0.95 ? '在职' : pick(['调离', '退休']),
        });
        const last = batch[batch.length - 1];
        if (judicial.has(last.unitId) && last.postCategory !== '行政执法') last.postCategory = '司法';
      }
      const rows = await tx.insert(people).values(batch).returning({ id: people.id, name: people.name });
      await tx.insert(accounts).values(rows.map((r) => ({ personId: r.id, displayName: r.name })));
      created += rows.length;
    }
    const unitCount = leaves.length + BUREAUS.length + STREETS.length + 1;
    await audit(tx, { accountId: null, name: '系统', ip: null }, {
      action: 'system.demo_data',
      entityType: 'unit',
      entityId: root.id,
      summary: `生成演示数据“${rootName}”：${unitCount}个单位、${created}名人员`,
    });
    const learning = opts.learning ? await seedDemoLearning(tx, { root, rootName, units: mids, rand, now: opts.now ?? new Date() }) : null;
    return { rootId: root.id, rootName, units: unitCount, people: created, learning };
  });
}
