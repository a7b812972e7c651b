/**
 * Between the exam form's values and the API's ExamInput (src/common/exam.ts), and from the
 * server's issue paths ("paper.blueprint.sections.0.count") to the form's field names. Pure: no
 * React, unit-tested beside it.
 *
 * The form differs from ExamInput only where a person thinks in other units: the window is one
 * RangePicker, shares (exposure cap, partial credit) are percentages, the difficulty target and
 * the switch limit have an on/off switch, and the paper's two modes keep their own values so
 * switching back and forth loses nothing.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { QuestionType } from '../../../../common/bank';
import {
  type BlueprintQuota,
  type ExamInput,
  type ExamInputRaw,
  type ExamKind,
  type PaperSpec,
  type ReleaseMode,
  type RosterRule,
} from '../../../../common/exam';
import type { Rank } from '../../../../common/org';

export interface SectionValues {
  type: QuestionType;
  count: number | null;
  points: number | null;
}

export interface QuotaValues {
  kind: BlueprintQuota['kind'];
  /** category id, law id, or tag text */
  ref: number | string | null;
  label: string;
  type: QuestionType | null;
  min: number | null;
  max: number | null;
}

export interface BlueprintValues {
  sections: SectionValues[];
  quotas: QuotaValues[];
  difficultyOn: boolean;
  difficulty: { target: number | null; tolerance: number | null; min: number; max: number };
  fairnessTolerancePct: number | null;
  matchRank: boolean;
  excludeSeenInLastExams: number | null;
  enemies: { ids: number[] }[];
  /** percent of the exam's papers; null = no cap */
  exposureCapPct: number | null;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
}

export interface FixedValues {
  items: { questionId: number; points: number | null }[];
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
}

export interface ExamFormValues {
  title: string;
  kind: ExamKind;
  makeupOfExamId: number | null;
  year: number | null;
  instructions: string;
  window: [Dayjs, Dayjs] | null;
  durationMinutes: number | null;
  passMark: number | null;
  maxAttempts: number | null;
  attemptScoring: 'best' | 'last';
  resultsRelease: ReleaseMode;
  answersRelease: ReleaseMode;
  displayMode: 'one_per_page' | 'all_on_one_page';
  grading: { multiple: 'all_or_nothing' | 'partial'; partialCreditPct: number | null; fill: 'per_blank' | 'all_or_nothing'; gradersPerEssay: 1 | 2 };
  switchLimitOn: boolean;
  switchLimit: number | null;
  passValidMonths: number | null;
  rosterRuleOn: boolean;
  rosterRule: { unitIds: number[]; ranks: Rank[]; postCategories: string[]; principalLeadersOnly: boolean };
  paperMode: PaperSpec['mode'];
  blueprint: BlueprintValues;
  fixed: FixedValues;
}

/** 25 单选 × 2 + 10 多选 × 3 + 10 判断 × 2 = 100 points: the usual annual paper. */
export function defaultSections(): SectionValues[] {
  return [
    { type: 'single', count: 25, points: 2 },
    { type: 'multiple', count: 10, points: 3 },
    { type: 'truefalse', count: 10, points: 2 },
  ];
}

export function emptyBlueprint(): BlueprintValues {
  return {
    sections: defaultSections(),
    quotas: [],
    difficultyOn: false,
    difficulty: { target: 3, tolerance: 0.3, min: 1, max: 5 },
    fairnessTolerancePct: 1,
    matchRank: false,
    excludeSeenInLastExams: 0,
    enemies: [],
    exposureCapPct: null,
    shuffleQuestions: true,
    shuffleOptions: true,
  };
}

export function emptyExamValues(now: Dayjs = dayjs()): ExamFormValues {
  const opens = now.add(1, 'day').hour(9).minute(0).second(0).millisecond(0);
  return {
    title: '',
    kind: 'annual',
    makeupOfExamId: null,
    year: now.year(),
    instructions: '',
    window: [opens, opens.add(7, 'day').hour(18)],
    durationMinutes: 90,
    passMark: 60,
    maxAttempts: 1,
    attemptScoring: 'best',
    resultsRelease: 'after_close',
    answersRelease: 'never',
    displayMode: 'one_per_page',
    grading: { multiple: 'all_or_nothing', partialCreditPct: 50, fill: 'per_blank', gradersPerEssay: 1 },
    switchLimitOn: false,
    switchLimit: 3,
    passValidMonths: null,
    rosterRuleOn: true,
    rosterRule: { unitIds: [], ranks: [], postCategories: [], principalLeadersOnly: false },
    paperMode: 'blueprint',
    blueprint: emptyBlueprint(),
    fixed: { items: [], shuffleQuestions: false, shuffleOptions: true },
  };
}

/** Percent ↔ share without float noise (30 → 0.3, 0.3 → 30). */
const pctToShare = (p: number) => Math.round(p * 100) / 10_000;
const shareToPct = (s: number) => Math.round(s * 10_000) / 100;

/** The stored settings as form values. */
export function examToValues(e: ExamInput): ExamFormValues {
  const v = emptyExamValues();
  const paper = e.paper;
  return {
    ...v,
    title: e.title,
    kind: e.kind,
    makeupOfExamId: e.makeupOfExamId,
    year: e.year,
    instructions: e.instructions,
    window: [dayjs(e.opensAt), dayjs(e.closesAt)],
    durationMinutes: e.durationMinutes,
    passMark: e.passMark,
    maxAttempts: e.maxAttempts,
    attemptScoring: e.attemptScoring,
    resultsRelease: e.resultsRelease,
    answersRelease: e.answersRelease,
    displayMode: e.displayMode,
    grading: { multiple: e.grading.multiple, partialCreditPct: shareToPct(e.grading.partialCredit), fill: e.grading.fill, gradersPerEssay: e.grading.gradersPerEssay },
    switchLimitOn: e.switchLimit !== null,
    switchLimit: e.switchLimit ?? 3,
    passValidMonths: e.passValidMonths,
    rosterRuleOn: e.rosterRule !== null,
    rosterRule: e.rosterRule
      ? { unitIds: [...e.rosterRule.unitIds], ranks: [...e.rosterRule.ranks], postCategories: [...e.rosterRule.postCategories], principalLeadersOnly: e.rosterRule.principalLeadersOnly }
      : v.rosterRule,
    paperMode: paper.mode,
    blueprint:
      paper.mode === 'blueprint'
        ? {
            sections: paper.blueprint.sections.map((s) => ({ ...s })),
            quotas: paper.blueprint.quotas.map((q) => ({ kind: q.kind, ref: q.ref, label: q.label, type: q.type ?? null, min: q.min, max: q.max })),
            difficultyOn: paper.blueprint.difficulty !== null,
            difficulty: paper.blueprint.difficulty ? { ...paper.blueprint.difficulty } : v.blueprint.difficulty,
            fairnessTolerancePct: paper.blueprint.fairnessTolerancePct,
            matchRank: paper.blueprint.matchRank,
            excludeSeenInLastExams: paper.blueprint.excludeSeenInLastExams,
            enemies: paper.blueprint.enemies.map((ids) => ({ ids: [...ids] })),
            exposureCapPct: paper.blueprint.exposureCap === null ? null : shareToPct(paper.blueprint.exposureCap),
            shuffleQuestions: paper.blueprint.shuffleQuestions,
            shuffleOptions: paper.blueprint.shuffleOptions,
          }
        : v.blueprint,
    fixed: paper.mode === 'fixed' ? { items: paper.fixed.items.map((i) => ({ ...i })), shuffleQuestions: paper.fixed.shuffleQuestions, shuffleOptions: paper.fixed.shuffleOptions } : v.fixed,
  };
}

// A blank number field is sent as NaN-free `undefined`, so the server names the field it misses
// ("应为数字") instead of the form guessing a value.
const num = (n: number | null | undefined): number => (n === null || n === undefined ? (undefined as unknown as number) : n);

function quotaToInput(q: QuotaValues) {
  return {
    kind: q.kind,
    ref: (typeof q.ref === 'string' ? q.ref.trim() : q.ref) ?? (undefined as unknown as number),
    label: q.label,
    ...(q.type ? { type: q.type } : {}),
    min: q.min ?? 0,
    max: q.max,
  };
}

export function blueprintToInput(b: BlueprintValues) {
  return {
    sections: b.sections.map((s) => ({ type: s.type, count: num(s.count), points: num(s.points) })),
    quotas: b.quotas.map(quotaToInput),
    difficulty: b.difficultyOn ? { target: num(b.difficulty.target), tolerance: num(b.difficulty.tolerance), min: b.difficulty.min, max: b.difficulty.max } : null,
    fairnessTolerancePct: num(b.fairnessTolerancePct),
    matchRank: b.matchRank,
    excludeSeenInLastExams: b.excludeSeenInLastExams ?? 0,
    enemies: b.enemies.map((g) => [...g.ids]),
    exposureCap: b.exposureCapPct === null || b.exposureCapPct === undefined ? null : pctToShare(b.exposureCapPct),
    shuffleQuestions: b.shuffleQuestions,
    shuffleOptions: b.shuffleOptions,
  };
}

/** Form values → the request body of POST/PUT /api/exams. */
export function valuesToInput(v: ExamFormValues): ExamInputRaw {
  const rule: RosterRule | null = v.rosterRuleOn
    ? { unitIds: v.rosterRule.unitIds, ranks: v.rosterRule.ranks, postCategories: v.rosterRule.postCategories, principalLeadersOnly: v.rosterRule.principalLeadersOnly }
    : null;
  return {
    title: v.title,
    kind: v.kind,
    makeupOfExamId: v.kind === 'makeup' ? v.makeupOfExamId : null,
    year: num(v.year),
    instructions: v.instructions ?? '',
    opensAt: v.window ? v.window[0].toISOString() : '',
    closesAt: v.window ? v.window[1].toISOString() : '',
    durationMinutes: num(v.durationMinutes),
    passMark: num(v.passMark),
    maxAttempts: num(v.maxAttempts),
    attemptScoring: v.attemptScoring,
    resultsRelease: v.resultsRelease,
    answersRelease: v.answersRelease,
    displayMode: v.displayMode,
    grading: {
      multiple: v.grading.multiple,
      partialCredit: v.grading.partialCreditPct === null ? 0.5 : pctToShare(v.grading.partialCreditPct),
      fill: v.grading.fill,
      gradersPerEssay: v.grading.gradersPerEssay,
    },
    switchLimit: v.switchLimitOn ? num(v.switchLimit) : null,
    passValidMonths: v.kind === 'pre_appointment' ? v.passValidMonths : null,
    rosterRule: rule,
    paper:
      v.paperMode === 'blueprint'
        ? { mode: 'blueprint', blueprint: blueprintToInput(v.blueprint) }
        : { mode: 'fixed', fixed: { items: v.fixed.items.map((i) => ({ questionId: i.questionId, points: num(i.points) })), shuffleQuestions: v.fixed.shuffleQuestions, shuffleOptions: v.fixed.shuffleOptions } },
  };
}

/** Full marks of what the form holds now (blank counts/points count as 0). */
export function formTotalPoints(v: Pick<ExamFormValues, 'paperMode' | 'blueprint' | 'fixed'>): number {
  if (v.paperMode === 'blueprint') return (v.blueprint?.sections ?? []).reduce((s, x) => s + (x?.count ?? 0) * (x?.points ?? 0), 0);
  return (v.fixed?.items ?? []).reduce((s, x) => s + (x?.points ?? 0), 0);
}

export function formQuestionCount(v: Pick<ExamFormValues, 'paperMode' | 'blueprint' | 'fixed'>): number {
  if (v.paperMode === 'blueprint') return (v.blueprint?.sections ?? []).reduce((s, x) => s + (x?.count ?? 0), 0);
  return v.fixed?.items?.length ?? 0;
}


type FieldPath = (string | number)[];

const toPath = (dotted: string): FieldPath => dotted.split('.').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/**
 * The form field an issue belongs to. `path` is the server's (ExamInput) path; `base` prefixes a
 * blueprint check problem's path ("sections.0.count" → paper.blueprint.sections.0.count).
 */
export function issueFieldPath(path: string, base = ''): FieldPath {
  const full = base ? (path ? `${base}.${path}` : base) : path;
  let p = toPath(full);
  if (p[0] === 'opensAt' || p[0] === 'closesAt') return ['window'];
  if (p[0] === 'paper') {
    p = p.slice(1);
    if (p.length === 0) return ['paperMode'];
    if (p[0] === 'mode') return ['paperMode'];
  }
  if (p[0] === 'blueprint') {
    const rest = p.slice(1);
    if (rest[0] === 'exposureCap') return ['blueprint', 'exposureCapPct'];
    if (rest[0] === 'enemies' && typeof rest[1] === 'number') return ['blueprint', 'enemies', rest[1], 'ids'];
    if (rest[0] === 'quotas' && typeof rest[1] === 'number' && rest[2] === 'ref') return ['blueprint', 'quotas', rest[1], 'ref'];
    if (rest[0] === 'difficulty' && rest.length === 1) return ['blueprint', 'difficulty', 'target'];
    return ['blueprint', ...rest];
  }
  if (p[0] === 'grading' && p[1] === 'partialCredit') return ['grading', 'partialCreditPct'];
  if (p[0] === 'switchLimit') return ['switchLimit'];
  return p;
}

/**
 * The longest registered field that is a prefix of `path` (an issue on "sections.0" lands on the
 * section's first registered input), or null when the form shows no such field.
 */
export function nearestRegistered(path: FieldPath, registered: FieldPath[]): FieldPath | null {
  const key = (p: FieldPath) => p.join('.');
  const known = new Set(registered.map(key));
  for (let n = path.length; n > 0; n--) {
    const prefix = path.slice(0, n);
    if (known.has(key(prefix))) return prefix;
    // an issue on a list item ("sections.0") goes to the item's first field
    const child = registered.find((r) => r.length > n && key(r.slice(0, n)) === key(prefix));
    if (child && n === path.length) return child;
  }
  return null;
}
