/**
 * Moodle's IR (../formats/moodle-ir.ts) ⇄ xjkp's question model. Pure: no database.
 *
 * Import (mapMoodleQuestion): the IR question → an unvalidated content input (the caller runs it
 * through canonicalContent) plus per-question errors (the question cannot be imported as is) and
 * warnings (imported, but something Moodle holds is not kept). All messages are Chinese.
 *
 *   multichoice single   → 单选 (the answer with fraction 1; partial-credit answers → warning)
 *   multichoice multiple → 多选 (correct = fraction > 0; unequal weights or partial penalties → warning;
 *                          only one correct answer → 单选 with a warning)
 *   truefalse            → 判断 (解析 = general feedback)
 *   shortanswer          → 填空, one blank: `_____` (3+ underscores) or {{1}} in the text, else {{1}}
 *                          appended; accepted = answers with fraction 1 (others, `*` → warning)
 *   numerical            → 填空, accepted = the exact numbers with fraction 1 (tolerance, units → warning)
 *   essay                → 简答 (参考答案 = graderinfo, else the general feedback — GIFT cannot carry
 *                          graderinfo — with a warning; both empty is an error)
 *   match, description, multianswer → error (no such type here)
 * Common: general feedback → 解析; tags → 知识点; category path → 分类 (without $course$/top etc.);
 * difficulty 3. Per-answer feedback is not kept (xjkp has one 解析 per question) → warning.
 *
 * Text formats → HTML: html as is; moodle (FORMAT_MOODLE, Moodle's auto-format) as HTML with
 * newlines turned into <br />; plain and wiki escaped with line breaks (textToHtml); markdown a
 * minimal subset: HTML escaped, blank lines → paragraphs, single newlines → <br /> (no emphasis,
 * lists or links). Everything is sanitised afterwards by canonicalContent.
 *
 * Export (contentToMoodle): the model → IR for the writers; `name` = the question id. Types a
 * format cannot carry are the writer's business (Aiken: single only); 填空 with more than one
 * blank has no Moodle equivalent in GIFT/XML short answer → null (skipped).
 */
import { OPTION_KEYS, type QuestionContent } from '../../../../common/bank';
import type {
  EssayQuestion,
  FormattedText,
  MoodleAnswer,
  MoodleQuestion,
  MultichoiceQuestion,
  ShortanswerQuestion,
  TextFormat,
  TruefalseQuestion,
} from '../formats/moodle-ir';
import { matchGradeOption } from '../formats/php-compat';
import { textToHtml } from '../sanitize';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Moodle text in one of its formats → HTML (not yet sanitised). */
export function moodleTextToHtml(text: string, format: TextFormat): string {
  const t = text.replace(/\r\n?/g, '\n').trim();
  switch (format) {
    case 'html':
      return t;
    case 'moodle':
      return t.replace(/\n/g, '<br />');
    case 'markdown': {
      const paras = t.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
      if (paras.length <= 1) return escapeHtml(t).replace(/\n/g, '<br />');
      return paras.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br />')}</p>`).join('');
    }
    default:
      return textToHtml(t);
  }
}

const plain = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();

/**
 * "$course$/top/宪法/第一章" → ['宪法', '第一章']. Drops $course$ / $system$ / $module$ / $cat…$
 * contexts and "top"; Moodle writes a "/" inside a name as "//".
 */
export function moodleCategoryPath(category: string | undefined): string[] {
  if (!category) return [];
  const parts = category
    .replace(/\/\//g, '\u0000')
    .split('/')
    .map((s) => s.split('\u0000').join('/').trim())
    .filter(Boolean);
  while (parts.length && (/^\$[a-z0-9]*\$$/i.test(parts[0]) || parts[0].toLowerCase() === 'top')) parts.shift();
  return parts.map((p) => p.slice(0, 50));
}

export const UNSUPPORTED_QTYPE_ZH: Record<string, string> = {
  match: '不支持的题型：匹配题（本系统没有匹配题，请改为单选题等其他题型，或从文件中删除后再导入）',
  description: '不支持的题型：说明文字（Moodle的“描述”不是题目，请从文件中删除后再导入）',
  multianswer: '不支持的题型：完形填空/嵌入式答案（Cloze）题，请拆成填空题或选择题后再导入',
};

export interface MappedMoodle {
  /** content input for canonicalContent; absent when errors is non-empty */
  input?: Record<string, unknown>;
  categoryPath: string[];
  errors: string[];
  warnings: string[];
}

const pct = (f: number) => `${Math.round(f * 10000) / 100}%`;

/** Blank markers a Moodle stem may carry: {{n}} or 3+ underscores (GIFT's missing-word `_____`). */
const MOODLE_BLANK_RE = /\{\{\d+\}\}|_{3,}/g;

function fillStem(html: string): string {
  let n = 0;
  const marked = html.replace(MOODLE_BLANK_RE, () => `{{${++n}}}`);
  return n === 0 ? `${html} {{1}}` : marked;
}

export function mapMoodleQuestion(q: MoodleQuestion): MappedMoodle {
  const errors: string[] = [];
  const warnings: string[] = [];
  const categoryPath = moodleCategoryPath(q.category);
  const unsupported = UNSUPPORTED_QTYPE_ZH[q.qtype];
  if (unsupported) return { categoryPath, errors: [unsupported], warnings };

  const stem = moodleTextToHtml(q.questiontext, q.questiontextformat);
  const base: Record<string, unknown> = {
    stem,
    explanationHtml: moodleTextToHtml(q.generalfeedback, q.generalfeedbackformat),
    difficulty: 3,
    knowledgePoints: [...new Set(q.tags.map((t) => t.trim().slice(0, 50)).filter(Boolean))].slice(0, 20),
    categoryPath,
  };
  if (q.files?.length) warnings.push(`题目中嵌入的${q.files.length}个文件（图片等）未导入`);
  const answerFeedbackDropped = (answers: MoodleAnswer[]) => {
    if (answers.some((a) => a.feedback.trim() !== '')) warnings.push('各答案的单独反馈未导入（本系统每道题只有一个“解析”）');
  };

  switch (q.qtype) {
    case 'multichoice': {
      const mc = q as MultichoiceQuestion;
      answerFeedbackDropped(mc.answers);
      if (mc.answers.length > OPTION_KEYS.length) {
        errors.push(`有${mc.answers.length}个选项，本系统最多${OPTION_KEYS.length}个`);
        return { categoryPath, errors, warnings };
      }
      const options = mc.answers.map((a, i) => ({ key: OPTION_KEYS[i], html: moodleTextToHtml(a.text, a.format) }));
      const positive = mc.answers.map((a, i) => ({ a, key: OPTION_KEYS[i] })).filter((x) => x.a.fraction > 0);
      if (positive.length === 0) {
        errors.push('没有得分的选项（至少要有一个正确答案）');
        return { categoryPath, errors, warnings };
      }
      if (mc.single) {
        const best = Math.max(...positive.map((x) => x.a.fraction));
        const full = positive.filter((x) => x.a.fraction === best);
        if (full.length > 1) {
          errors.push(`单选题有${full.length}个同为最高分的答案（${full.map((x) => x.key).join('、')}），无法确定正确答案`);
          return { categoryPath, errors, warnings };
        }
        if (best < 1) warnings.push(`最高分答案只得${pct(best)}，导入后按正确答案计满分`);
        const partial = positive.filter((x) => x.a.fraction < best);
        if (partial.length) warnings.push(`部分得分的答案（${partial.map((x) => `${x.key} ${pct(x.a.fraction)}`).join('、')}）导入后按错误答案处理`);
        return { input: { ...base, type: 'single', options, answer: { key: full[0].key } }, categoryPath, errors, warnings };
      }
      if (positive.length === 1) {
        warnings.push('Moodle中为多选（复选框）题，但只有一个得分选项，已导入为单选题');
        return { input: { ...base, type: 'single', options, answer: { key: positive[0].key } }, categoryPath, errors, warnings };
      }
      const fr = positive.map((x) => x.a.fraction);
      const equal = fr.every((f) => Math.abs(f - fr[0]) < 0.001) && Math.abs(fr.reduce((s, f) => s + f, 0) - 1) < 0.01;
      const negatives = mc.answers.filter((a) => a.fraction < 0);
      const partialPenalty = negatives.some((a) => a.fraction > -1);
      if (!equal || partialPenalty) {
        warnings.push(
          `Moodle中各选项的权重（${mc.answers.map((a, i) => `${OPTION_KEYS[i]} ${pct(a.fraction)}`).join('、')}）不保留：导入后正确选项为${positive.map((x) => x.key).join('')}，按考试设置的多选题评分规则判分`,
        );
      }
      return { input: { ...base, type: 'multiple', options, answer: { keys: positive.map((x) => x.key) } }, categoryPath, errors, warnings };
    }
    case 'truefalse': {
      const tf = q as TruefalseQuestion;
      if (tf.feedbacktrue.text.trim() || tf.feedbackfalse.text.trim()) warnings.push('“正确”“错误”两个答案的单独反馈未导入（本系统每道题只有一个“解析”）');
      return { input: { ...base, type: 'truefalse', answer: { value: tf.correctanswer } }, categoryPath, errors, warnings };
    }
    case 'shortanswer':
    case 'numerical': {
      answerFeedbackDropped(q.answers);
      const any = q.answers.filter((a) => a.text.trim() === '*');
      if (any.length) warnings.push('“*”（任意答案都算对）的答案未导入');
      const real = q.answers.filter((a) => a.text.trim() !== '*' && a.text.trim() !== '');
      const accepted = [...new Set(real.filter((a) => a.fraction === 1).map((a) => plain(a.text)))].filter(Boolean);
      const dropped = real.filter((a) => a.fraction !== 1);
      if (dropped.length) warnings.push(`非满分的答案未导入：${dropped.map((a) => `${plain(a.text)}（${pct(a.fraction)}）`).join('、')}`);
      if (q.qtype === 'numerical') {
        const tol = real.filter((a) => a.fraction === 1 && (a.tolerance ?? 0) !== 0);
        if (tol.length) warnings.push(`数值题的误差范围（${tol.map((a) => `${a.text}±${a.tolerance}`).join('、')}）不保留，导入后只接受准确的数值`);
        if (q.units.length) warnings.push(`数值题的单位（${q.units.map((u) => u.unit).join('、')}）未导入`);
      }
      if (accepted.length === 0) {
        errors.push('没有满分（100%）的答案，无法导入为填空题');
        return { categoryPath, errors, warnings };
      }
      const caseSensitive = q.qtype === 'shortanswer' && (q as ShortanswerQuestion).usecase;
      return {
        input: { ...base, type: 'fill', stem: fillStem(stem), answer: { blanks: [{ accepted: accepted.slice(0, 20), ...(caseSensitive ? { caseSensitive: true } : {}) }] } },
        categoryPath,
        errors,
        warnings,
      };
    }
    case 'essay': {
      const es = q as EssayQuestion;
      const empty = (h: string) => plain(h.replace(/<br\s*\/?>/gi, '')) === '' && !/<img\b/i.test(h);
      const reference = moodleTextToHtml(es.graderinfo.text, es.graderinfo.format);
      if (!empty(reference)) return { input: { ...base, type: 'essay', answer: { referenceHtml: reference, rubric: [] } }, categoryPath, errors, warnings };
      // GIFT has no place for graderinfo: authors put the reference answer in the general feedback.
      const general = base.explanationHtml as string;
      if (!empty(general)) {
        warnings.push('简答题没有“评分者信息”，参考答案取自整体反馈（####后的文字）');
        return { input: { ...base, explanationHtml: '', type: 'essay', answer: { referenceHtml: general, rubric: [] } }, categoryPath, errors, warnings };
      }
      errors.push('简答题缺少参考答案（Moodle中的“评分者信息”和整体反馈都为空），请补充后再导入');
      return { categoryPath, errors, warnings };
    }
    default:
      return { categoryPath, errors: [`不支持的题型：${(q as { qtype: string }).qtype}`], warnings };
  }
}

// ---------------------------------------------------------------------------------------------
// Export: the model → IR

const html = (text: string): FormattedText => ({ text, format: 'html' });
const emptyHtml = html('');
const answer = (text: string, fraction: number, format: TextFormat = 'html'): MoodleAnswer => ({ text, format, fraction, feedback: '', feedbackformat: 'html' });

/** The Moodle category path written for a question: `$course$/top/<names>`. */
export const moodleCategoryOf = (path: string[]) => ['$course$', 'top', ...path.map((p) => p.replace(/\//g, '//'))].join('/');

/**
 * A stored question → the IR. 多选: each correct option 1/n, each wrong option −100% (so any wrong
 * choice scores 0 in Moodle, like this system's rules). 填空 with one blank → short answer (the
 * blank becomes `_____`); more blanks → null. Legal basis, difficulty, ranks, year and source have
 * no Moodle field and are not exported; the rubric of an essay is not exported.
 */
export function contentToMoodle(id: number, c: QuestionContent, categoryPath: string[]): MoodleQuestion | null {
  const base = {
    name: String(id),
    questiontext: c.stem,
    questiontextformat: 'html' as const,
    generalfeedback: c.explanationHtml,
    generalfeedbackformat: 'html' as const,
    defaultmark: 1,
    penalty: 0.3333333,
    tags: c.knowledgePoints,
    category: moodleCategoryOf(categoryPath),
  };
  const combined = { correctfeedback: emptyHtml, partiallycorrectfeedback: emptyHtml, incorrectfeedback: emptyHtml, shownumcorrect: false };
  const mc = { ...base, ...combined, qtype: 'multichoice' as const, shuffleanswers: true, answernumbering: 'ABCD', showstandardinstruction: false };
  switch (c.type) {
    case 'single':
      return { ...mc, single: true, answers: (c.options ?? []).map((o) => answer(o.html, o.key === c.answer.key ? 1 : 0)) };
    case 'multiple': {
      const share = matchGradeOption(1 / c.answer.keys.length, 'nearest') ?? 1 / c.answer.keys.length;
      return { ...mc, single: false, answers: (c.options ?? []).map((o) => answer(o.html, c.answer.keys.includes(o.key) ? share : -1)) };
    }
    case 'truefalse':
      return { ...base, qtype: 'truefalse', penalty: 1, correctanswer: c.answer.value, feedbacktrue: emptyHtml, feedbackfalse: emptyHtml };
    case 'fill': {
      if (c.answer.blanks.length !== 1) return null;
      const b = c.answer.blanks[0];
      return {
        ...base,
        qtype: 'shortanswer',
        questiontext: c.stem.replace(/\{\{1\}\}/, '_____'),
        usecase: b.caseSensitive === true,
        answers: b.accepted.map((a) => answer(a, 1, 'plain')),
      };
    }
    case 'essay':
      return {
        ...base,
        qtype: 'essay',
        responseformat: 'editor',
        responserequired: true,
        responsefieldlines: 15,
        attachments: 0,
        attachmentsrequired: 0,
        graderinfo: html(c.answer.referenceHtml),
        responsetemplate: emptyHtml,
      };
  }
}
