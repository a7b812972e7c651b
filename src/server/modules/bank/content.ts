import crypto from 'node:crypto';
import { checkQuestionContent, type QuestionContent } from '../../../common/bank';
import { AppError } from '../../platform/errors';
import { htmlToText, sanitizeQuestionHtml } from './sanitize';

/**
 * Validates and canonicalises content before it becomes a version: every HTML field sanitised,
 * the category taken out (it lives on the question), answers sorted. Returns what is stored.
 */
export function canonicalContent(input: unknown): { content: QuestionContent; hash: string; searchText: string } {
  const checked = checkQuestionContent(input);
  if (!checked.ok) throw new AppError('VALIDATION', undefined, { issues: checked.issues.map((i) => ({ ...i, path: `content.${i.path}` })) });
  const c = checked.content;
  const clean: QuestionContent = {
    ...c,
    stem: sanitizeQuestionHtml(c.stem),
    explanationHtml: sanitizeQuestionHtml(c.explanationHtml),
    categoryPath: [],
    ...(c.options ? { options: c.options.map((o) => ({ ...o, html: sanitizeQuestionHtml(o.html) })) } : {}),
    ...(c.type === 'essay' ? { answer: { ...c.answer, referenceHtml: sanitizeQuestionHtml(c.answer.referenceHtml) } } : {}),
  } as QuestionContent;
  // Sanitising can empty a field that only held a script: check again.
  const again = checkQuestionContent(clean);
  if (!again.ok) throw new AppError('VALIDATION', '内容含有不允许的代码，清除后为空', { issues: again.issues.map((i) => ({ ...i, path: `content.${i.path}` })) });
  const searchText = [htmlToText(clean.stem), ...(clean.options ?? []).map((o) => `${o.key}. ${htmlToText(o.html)}`)].join(' ');
  return { content: again.content, hash: contentHash(again.content), searchText };
}

/** Stable hash: object keys sorted, so the same content always hashes the same. */
export function contentHash(content: QuestionContent): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return crypto.createHash('sha256').update(JSON.stringify(canonical(content))).digest('hex');
}
