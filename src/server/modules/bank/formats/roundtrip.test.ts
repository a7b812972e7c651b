// For every question of Moodle's fixtures: GIFT → GIFT, GIFT → XML → XML, and GIFT → XML → GIFT
// give back exactly what the first parse gave.
import { describe, expect, it } from 'vitest';
import { parseGift, writeGift } from './gift.js';
import { parseMoodleXml, writeMoodleXml } from './moodlexml.js';
import { parseAiken } from './aiken.js';
import { readMoodleFixture, withoutLine } from './fixtures.js';

for (const file of ['gift/questions.gift.txt', 'gift/examples.txt']) {
  describe(`round trip: ${file}`, () => {
    const first = parseGift(readMoodleFixture(file));
    const viaGift = parseGift(writeGift(first.questions).text);
    const xml = parseMoodleXml(writeMoodleXml(first.questions));
    const xml2 = parseMoodleXml(writeMoodleXml(xml.questions));
    const back = parseGift(writeGift(xml.questions).text);

    it('no errors on the way', () => {
      expect([viaGift.errors, xml.errors, xml2.errors, back.errors]).toEqual([[], [], [], []]);
    });

    it.each(first.questions.map((q, i) => [i, q.name] as const))('question %i (%s)', (i) => {
      const q = withoutLine(first.questions)[i];
      expect(withoutLine(viaGift.questions)[i]).toEqual(q);
      expect(withoutLine(xml2.questions)[i]).toEqual(withoutLine(xml.questions)[i]);
      expect(withoutLine(back.questions)[i]).toEqual(q);
      // The XML import keeps type, text, answers and weights (it adds only Moodle's XML defaults).
      const x = withoutLine(xml.questions)[i];
      expect([x.qtype, x.name, x.questiontext, x.questiontextformat, x.generalfeedback]).toEqual([q.qtype, q.name, q.questiontext, q.questiontextformat, q.generalfeedback]);
      if ('answers' in q && 'answers' in x) expect(x.answers).toEqual(q.answers);
    });
  });
}

describe('round trip: Aiken → XML → XML', () => {
  it('keeps both questions of questions.aiken.txt', () => {
    const a = parseAiken(readMoodleFixture('aiken/questions.aiken.txt'));
    const x = parseMoodleXml(writeMoodleXml(a.questions));
    expect(withoutLine(x.questions).map((q) => ({ ...q, showstandardinstruction: false }))).toEqual(withoutLine(a.questions));
  });
});
