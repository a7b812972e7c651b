import { describe, expect, it } from 'vitest';
import type { LawNodeView } from '../../../common/laws';
import { articleNumberFromInput } from './articleNo';
import { buildChunks, chunkOf, CHUNK_MAX } from './chunks';

describe('articleNumberFromInput', () => {
  it.each([
    ['260', { no: 260, suffix: 0 }],
    ['第260条', { no: 260, suffix: 0 }],
    ['一千二百六十', { no: 1260, suffix: 0 }],
    ['第一百三十三条之一', { no: 133, suffix: 1 }],
    ['133之一', { no: 133, suffix: 1 }],
    ['133-2', { no: 133, suffix: 2 }],
    ['十', { no: 10, suffix: 0 }],
  ])('%s', (input, expected) => expect(articleNumberFromInput(input)).toEqual(expected));

  it.each(['', 'abc', '0', '10000', '第条'])('rejects %j', (input) => expect(articleNumberFromInput(input)).toBeNull());
});

const node = (id: number, parentId: number | null, firstArticle: number | null, lastArticle: number | null, label = `n${id}`): LawNodeView => ({
  id,
  parentId,
  kind: '章',
  label,
  title: '',
  depth: parentId === null ? 0 : 1,
  firstArticle,
  lastArticle,
});

describe('buildChunks', () => {
  it('a law without headings is cut into ranges of at most CHUNK_MAX', () => {
    const chunks = buildChunks([], 250);
    expect(chunks.map((c) => [c.from, c.to])).toEqual([
      [0, CHUNK_MAX - 1],
      [CHUNK_MAX, 2 * CHUNK_MAX - 1],
      [2 * CHUNK_MAX, 249],
    ]);
  });

  it('short chapters are one chunk each; a long one is split by its sections', () => {
    const nodes = [node(1, null, 0, 9), node(2, null, 10, 209), node(3, 2, 10, 109), node(4, 2, 110, 209), node(5, null, 210, 211)];
    const chunks = buildChunks(nodes, 212);
    expect(chunks.map((c) => [c.nodeId, c.from, c.to])).toEqual([
      [1, 0, 9],
      [3, 10, 109],
      [4, 110, 209],
      [5, 210, 211],
    ]);
    expect(chunks[1].title).toBe('n2 · n3');
    expect(chunkOf(chunks, 150).nodeId).toBe(4);
  });

  it('articles outside every heading still get a chunk', () => {
    const chunks = buildChunks([node(1, null, 2, 4)], 5);
    expect(chunks.map((c) => [c.from, c.to])).toEqual([
      [0, 1],
      [2, 4],
    ]);
  });
});
