// The intermediate representation: what Moodle itself holds for a question after importing a
// GIFT, Aiken or Moodle XML file (the object `readquestion()` builds and `save_question_options()`
// stores). Field names are Moodle's own (question/format/*/format.php and the qtype tables), so the
// integrator can read Moodle's code and documentation against it. Nothing here is xjkp-specific.

/** Moodle's text formats: FORMAT_MOODLE (0), FORMAT_HTML (1), FORMAT_PLAIN (2), FORMAT_WIKI (3), FORMAT_MARKDOWN (4). */
export type TextFormat = 'moodle' | 'html' | 'plain' | 'wiki' | 'markdown';

export interface FormattedText {
  text: string;
  format: TextFormat;
}

/** A file embedded in Moodle XML (`<file name path encoding="base64">`), referenced from text as @@PLUGINFILE@@/name. */
export interface MoodleFile {
  /** Which text the file belongs to. */
  area: 'questiontext' | 'generalfeedback';
  name: string;
  path: string;
  /** base64, as in the file. */
  content: string;
}

/** One row of question_answers. */
export interface MoodleAnswer {
  /** multichoice: the choice (may be HTML); shortanswer/numerical: the accepted response ('*' = anything). */
  text: string;
  /** multichoice: the choice's format. shortanswer/numerical: always 'plain' (Moodle ignores it). */
  format: TextFormat;
  /** Moodle's fraction, one of its grade options (1, 0.9, 0.8333333 … 0.05, 0 and the negatives). */
  fraction: number;
  feedback: string;
  feedbackformat: TextFormat;
  /** numerical only: accepted error (absolute). */
  tolerance?: number;
}

interface QuestionBase {
  name: string;
  questiontext: string;
  questiontextformat: TextFormat;
  generalfeedback: string;
  generalfeedbackformat: TextFormat;
  /** Default mark (question.defaultmark; `<defaultgrade>` in XML). 1, or 0 for a description. */
  defaultmark: number;
  /** Penalty per wrong try in interactive modes: 0.3333333 by default, 1 for true/false. */
  penalty: number;
  /** question.idnumber; absent when empty. */
  idnumber?: string;
  tags: string[];
  /**
   * Category path in force when the question was read ($CATEGORY: in GIFT, `<question type="category">`
   * in XML), exactly as written, e.g. '$course$/top/Default for 宪法/第一章'. Absent = the import's target category.
   */
  category?: string;
  /** Files embedded in questiontext/generalfeedback (Moodle XML only). */
  files?: MoodleFile[];
  /** 1-based line of the source where the question starts (for previews and messages). Not part of the question. */
  line?: number;
}

export interface CombinedFeedback {
  correctfeedback: FormattedText;
  partiallycorrectfeedback: FormattedText;
  incorrectfeedback: FormattedText;
  /** "Show the number of correct responses" (`<shownumcorrect/>`). */
  shownumcorrect: boolean;
}

export interface MultichoiceQuestion extends QuestionBase, CombinedFeedback {
  qtype: 'multichoice';
  /** true: one answer (radio buttons); false: multiple responses (checkboxes). */
  single: boolean;
  shuffleanswers: boolean;
  /** 'abc' | 'ABCD' | '123' | 'iii' | 'IIII' | 'none'. */
  answernumbering: string;
  showstandardinstruction: boolean;
  answers: MoodleAnswer[];
}

export interface TruefalseQuestion extends QuestionBase {
  qtype: 'truefalse';
  correctanswer: boolean;
  /** Feedback shown to someone who answered "true". */
  feedbacktrue: FormattedText;
  /** Feedback shown to someone who answered "false". */
  feedbackfalse: FormattedText;
}

export interface ShortanswerQuestion extends QuestionBase {
  qtype: 'shortanswer';
  /** Case sensitive matching. */
  usecase: boolean;
  answers: MoodleAnswer[];
}

export interface NumericalUnit {
  unit: string;
  multiplier: number;
}

export interface NumericalQuestion extends QuestionBase {
  qtype: 'numerical';
  answers: MoodleAnswer[];
  units: NumericalUnit[];
  /** Unit handling, only when the XML gave them (GIFT never does; Moodle then uses its defaults). */
  unitgradingtype?: number;
  unitpenalty?: number;
  showunits?: number;
  unitsleft?: number;
}

export interface MatchSubquestion {
  questiontext: string;
  questiontextformat: TextFormat;
  answertext: string;
}

export interface MatchQuestion extends QuestionBase, CombinedFeedback {
  qtype: 'match';
  shuffleanswers: boolean;
  subquestions: MatchSubquestion[];
}

export interface EssayQuestion extends QuestionBase {
  qtype: 'essay';
  /** 'editor' | 'editorfilepicker' | 'plain' | 'monospaced' | 'noinline'. */
  responseformat: string;
  responserequired: boolean;
  responsefieldlines: number;
  minwordlimit?: number;
  maxwordlimit?: number;
  attachments: number;
  attachmentsrequired: number;
  maxbytes?: number;
  filetypeslist?: string;
  /** Information for graders (a reference answer / rubric). */
  graderinfo: FormattedText;
  responsetemplate: FormattedText;
}

export interface DescriptionQuestion extends QuestionBase {
  qtype: 'description';
}

/** Cloze (embedded answers). Kept as Moodle's question text with the {1:MULTICHOICE:…} markup unparsed. */
export interface MultianswerQuestion extends QuestionBase {
  qtype: 'multianswer';
}

export type MoodleQuestion =
  | MultichoiceQuestion
  | TruefalseQuestion
  | ShortanswerQuestion
  | NumericalQuestion
  | MatchQuestion
  | EssayQuestion
  | DescriptionQuestion
  | MultianswerQuestion;

export type MoodleQtype = MoodleQuestion['qtype'];

/** A category switch as read from the file ($CATEGORY: / `<question type="category">`). */
export interface MoodleCategory {
  category: string;
  info: string;
  infoformat: TextFormat;
  idnumber?: string;
  line?: number;
}

export interface FormatError {
  /** 1-based line where the offending question (or line) starts. */
  line: number;
  /** The question's text (or name) as far as it could be read. */
  questionText?: string;
  /** Chinese, for the person importing. */
  message: string;
  /** Moodle's language-string identifier where Moodle has one, e.g. 'giftnoanswers', 'questionnotstarted'. */
  code?: string;
  /** The English message Moodle itself prints for this error (its lang string, filled in). */
  moodleMessage?: string;
}

export interface ParseResult {
  questions: MoodleQuestion[];
  categories: MoodleCategory[];
  errors: FormatError[];
  /** Non-fatal notes (Moodle's notifications that do not stop an import). */
  warnings: FormatError[];
}

export interface ParseOptions {
  /**
   * What to do with a weight that is not one of Moodle's grade options (importprocess' "matchgrades"):
   * 'error' (Moodle's default: the question is skipped and reported) or 'nearest'.
   */
  matchgrades?: 'error' | 'nearest';
}
