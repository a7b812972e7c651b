// Moodle's question exchange formats as pure functions: text in, Moodle's own intermediate
// representation (moodle-ir.ts) and per-question errors out, and back. No database, no I/O.

export type * from './moodle-ir.js';
export { parseGift, writeGift, writeGiftQuestion } from './gift.js';
export { parseAiken, writeAiken, type AikenOptions } from './aiken.js';
export { parseMoodleXml, writeMoodleXml, writeXmlQuestion, writeXmlCategory } from './moodlexml.js';
export { matchGradeOption } from './php-compat.js';
