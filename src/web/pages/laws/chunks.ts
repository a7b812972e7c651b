/**
 * The reader shows one "chunk" of a law at a time — a 章 (or a 节 inside a long 章, or the whole
 * of a short law) — so even 民法典's 1,260 articles never render at once.
 */
import type { LawNodeView } from '../../../common/laws';

export const CHUNK_MAX = 120;

export interface Chunk {
  key: string;
  /** TOC node the chunk belongs to (null: a law without headings) */
  nodeId: number | null;
  title: string;
  from: number;
  to: number;
}

const nodeName = (n: LawNodeView) => [n.label, n.title].filter(Boolean).join(' ');

export function buildChunks(nodes: LawNodeView[], articleCount: number): Chunk[] {
  const children = new Map<number | null, LawNodeView[]>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const chunks: Chunk[] = [];
  const walk = (n: LawNodeView, trail: string[]) => {
    if (n.firstArticle === null || n.lastArticle === null) return;
    const kids = (children.get(n.id) ?? []).filter((k) => k.firstArticle !== null);
    const name = [...trail, nodeName(n)].join(' · ');
    if (n.lastArticle - n.firstArticle + 1 <= CHUNK_MAX || kids.length === 0) {
      chunks.push({ key: `n${n.id}`, nodeId: n.id, title: name, from: n.firstArticle, to: n.lastArticle });
      return;
    }
    // articles before the first child heading (rare) get a chunk of their own
    if (kids[0].firstArticle! > n.firstArticle) chunks.push({ key: `n${n.id}-head`, nodeId: n.id, title: name, from: n.firstArticle, to: kids[0].firstArticle! - 1 });
    for (const k of kids) walk(k, [...trail, nodeName(n)]);
  };
  for (const root of children.get(null) ?? []) walk(root, []);
  // articles outside every heading, or a law without headings: plain ranges
  const covered = new Array<boolean>(articleCount).fill(false);
  for (const c of chunks) for (let i = c.from; i <= c.to; i++) covered[i] = true;
  for (let i = 0; i < articleCount; ) {
    if (covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < articleCount && !covered[j + 1] && j + 1 - i < CHUNK_MAX) j++;
    chunks.push({ key: `r${i}`, nodeId: null, title: chunks.length ? '其他条文' : '全文', from: i, to: j });
    i = j + 1;
  }
  return chunks.sort((a, b) => a.from - b.from);
}

export const chunkOf = (chunks: Chunk[], ordinal: number) => chunks.find((c) => ordinal >= c.from && ordinal <= c.to) ?? chunks[0];

