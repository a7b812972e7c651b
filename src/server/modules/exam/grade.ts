/**
 * Grading a submitted paper: pure functions, no database. Objective questions are graded by
 * gradeObjective (bank/answers.ts) under the exam's grading rules; 简答 by people (essay_grades):
 * an essay's score is the mean of its grades once there are gradersPerEssay of them, pending before.
 * An essay left blank scores 0 at once (nothing for a grader to read).
 */
import type { QuestionContent, QuestionResponse } from '../../../common/bank';
import type { GradingRulesSetting, PaperItem } from '../../../common/exam';
import { gradeObjective } from '../bank/answers';

export interface ItemGrade {
  /** share of the points, 0..1; null while pending */
  credit: number | null;
  /** points earned; null while pending */
  score: number | null;
  /** a 简答 waiting for (more) graders */
  pending: boolean;
}

/** Scores are kept to 2 decimals (partial credit and per-blank shares give fractions). */
export function roundScore(x: number): number {
  return Math.round(x * 100 + Number.EPSILON) / 100;
}

/** Whether an essay response has anything a grader could read. */
export function essayAnswered(response: QuestionResponse | null | undefined): boolean {
  return !!response && response.type === 'essay' && response.text.trim() !== '';
}

/**
 * Share of the points for an objective response (original keys), or null for 简答 (graded by
 * people). A missing or mismatched response earns 0.
 */
export function gradeItem(content: QuestionContent, response: QuestionResponse | null | undefined, rules: Partial<GradingRulesSetting> = {}): number | null {
  if (content.type === 'essay') return null;
  return gradeObjective(content, response, rules).credit;
}

/**
 * Grades every item of a paper.
 *  - contentsByVersion: the content to grade each item with, keyed by the item's versionId
 *    (the caller substitutes a re-grade's key version before calling);
 *  - responsesByPosition: saved responses (original keys); missing = unanswered;
 *  - essayScores: per position, the graders' scores so far.
 * Returns one grade per position, in paper order.
 */
export function gradePaper(
  items: readonly PaperItem[],
  contentsByVersion: ReadonlyMap<number, QuestionContent>,
  responsesByPosition: ReadonlyMap<number, QuestionResponse | null>,
  rules: Partial<GradingRulesSetting>,
  essayScores: ReadonlyMap<number, readonly number[]> = new Map(),
): ItemGrade[] {
  const needed = rules.gradersPerEssay ?? 1;
  return items.map((item, position) => {
    const content = contentsByVersion.get(item.versionId);
    if (!content) throw new Error(`gradePaper: no content for version ${item.versionId} (position ${position})`);
    const response = responsesByPosition.get(position) ?? null;
    if (content.type === 'essay') {
      if (!essayAnswered(response)) return { credit: 0, score: 0, pending: false };
      const grades = essayScores.get(position) ?? [];
      if (grades.length < needed) return { credit: null, score: null, pending: true };
      const mean = grades.reduce((s, x) => s + x, 0) / grades.length;
      const score = roundScore(Math.min(Math.max(mean, 0), item.points));
      return { credit: item.points > 0 ? score / item.points : 0, score, pending: false };
    }
    const credit = gradeItem(content, response, rules) ?? 0;
    return { credit, score: roundScore(credit * item.points), pending: false };
  });
}

/** Sum of the graded items' scores and whether any is pending. */
export function totalOf(grades: readonly ItemGrade[]): { score: number; pending: boolean } {
  return {
    score: roundScore(grades.reduce((s, g) => s + (g.score ?? 0), 0)),
    pending: grades.some((g) => g.pending),
  };
}
