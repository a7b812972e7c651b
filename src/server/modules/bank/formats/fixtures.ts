// Where the tests find Moodle's own fixtures: the shared/ directory beside the repository (present
// locally and in CI). A missing directory is a failure with a clear message, never a skip.
import fs from 'node:fs';
import path from 'node:path';

export const MOODLE_FIXTURES = path.resolve(import.meta.dirname, '../../../../../../shared/data/reference/moodle');
export const LOCAL_FIXTURES = path.resolve(import.meta.dirname, '../../../../../test/fixtures/moodle');

export function readMoodleFixture(rel: string): string {
  const file = path.join(MOODLE_FIXTURES, rel);
  if (!fs.existsSync(file)) {
    throw new Error(
      `Moodle fixture missing: ${file}. The tests read Moodle's own fixtures from shared/data/reference/moodle ` +
        'beside the repository (clone shared/ next to it); they are not skipped when absent.',
    );
  }
  return fs.readFileSync(file, 'utf8');
}

export function readLocalFixture(rel: string): string {
  return fs.readFileSync(path.join(LOCAL_FIXTURES, rel), 'utf8');
}

/** A question without its source line, for comparing parses of different texts. */
export function withoutLine<T extends { line?: number }>(qs: T[]): Array<Omit<T, 'line'>> {
  return qs.map(({ line: _line, ...q }) => q);
}
