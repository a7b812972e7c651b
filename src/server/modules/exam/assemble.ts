/**
 * Drawing papers (组卷): a pure function of (pool, blueprint, seed, per-examinee context) → a
 * paper, and a separate checker that verifies a paper against every constraint. No database,
 * no clock, no Math.random: the same inputs give the same paper on any machine.
 */
import type { OptionKey, QuestionType } from '../../../common/bank';
import type { Blueprint, PaperItem } from '../../../common/exam';

/** One active question version as the draw sees it (frozen into exams.pool at publish). */
export interface PoolItem {
  questionId: number;
  versionId: number;
  type: QuestionType;
  /** the bank's 1–5 */
  difficulty: number;
  /** expected share answering right: DIFFICULTY_FACILITY[difficulty] until measured (issue 7) */
  facility: number;
  /** the question's category and all its ancestors (from the materialised path) */
  categoryIds: number[];
  /** laws cited by the version's legal basis (law ids) */
  lawIds: number[];
  /** 知识点 */
  tags: string[];
  /** suitableRanks; empty = suits every rank */
  ranks: string[];
  /** single/multiple: the option keys, for shuffling */
  optionKeys?: OptionKey[];
}

/** Per-examinee inputs of a draw. */
export interface DrawContext {
  /** the examinee's 职级 (for blueprint.matchRank) */
  rank: string | null;
  /** questions this person saw in their last N exams */
  excludeQuestionIds: ReadonlySet<number>;
  /** how many papers of this exam already contain each question */
  exposure: ReadonlyMap<number, number>;
  /** how many papers the exam will have in all (roster size × attempts drawn), for the exposure cap */
  plannedPapers: number;
  /** the expected score every paper is steered to (targetExpectedScore) */
  target: number;
}

export type DrawResult =
  | { ok: true; items: PaperItem[]; expectedScore: number; meanDifficulty: number }
  | { ok: false; problems: string[] };

/** A constraint the bank cannot meet, for the organiser: which one, and what the bank has. */
export interface BlueprintProblem {
  /** blueprint field path, e.g. "sections.0.count", "quotas.2.min", "difficulty.target" */
  path: string;
  message: string;
}

export function targetExpectedScore(_pool: readonly PoolItem[], _blueprint: Blueprint): number {
  throw new Error('targetExpectedScore: not implemented yet');
}

export function drawPaper(_pool: readonly PoolItem[], _blueprint: Blueprint, _seed: number, _ctx: DrawContext): DrawResult {
  throw new Error('drawPaper: not implemented yet');
}

/** Every violated constraint of a drawn paper (empty = valid). */
export function checkPaper(_pool: readonly PoolItem[], _blueprint: Blueprint, _items: readonly PaperItem[], _ctx: DrawContext): string[] {
  throw new Error('checkPaper: not implemented yet');
}

/**
 * Publishing check: can the bank meet the blueprint for every examinee? `ranks` lists the
 * distinct 职级 on the roster (matchRank); `rosterSize` sizes the exposure cap.
 */
export function checkBlueprint(_pool: readonly PoolItem[], _blueprint: Blueprint, _opts: { ranks: (string | null)[]; rosterSize: number }): BlueprintProblem[] {
  throw new Error('checkBlueprint: not implemented yet');
}
