/**
 * Drawing papers (组卷): a pure function of (pool, blueprint, seed, per-examinee context) → a
 * paper, and a separate checker that verifies a paper against every constraint. No database,
 * no clock, no Math.random: the same inputs give the same paper on any machine.
 *
 * The types live here; the code is split: assemble-prepare (per-pool precomputation, memoised),
 * assemble-draw (drawPaper, targetExpectedScore), assemble-check (checkPaper), assemble-blueprint
 * (checkBlueprint), assemble-fixtures (a synthetic pool for tests and bench/assemble.ts).
 */
import type { OptionKey, QuestionType } from '../../../common/bank';
import type { PaperItem } from '../../../common/exam';

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

export { targetExpectedScore, drawPaper, exposureLimit } from './assemble-draw';
export { checkPaper } from './assemble-check';
export { checkBlueprint } from './assemble-blueprint';
export { prepareDraw, facilityAt } from './assemble-prepare';
