/** Pure helpers for 法规库 full-text search: query terms, highlight ranges, snippets. */
import { MAX_SEARCH_TERMS, type HighlightRange } from '../../../common/laws';

const MAX_TERM_LENGTH = 50;

/** Space-separated terms (ASCII or full-width spaces), lower-cased, deduplicated, at most five. */
export function splitTerms(q: string): string[] {
  const terms = q
    .toLowerCase()
    .split(/[\s\u3000]+/)
    .map((t) => t.slice(0, MAX_TERM_LENGTH))
    .filter(Boolean);
  // a term contained in another one adds nothing to an AND query
  const unique = [...new Set(terms)];
  return unique.filter((t) => !unique.some((o) => o !== t && o.includes(t))).slice(0, MAX_SEARCH_TERMS);
}

/** Every occurrence of every term, merged into sorted, non-overlapping ranges. */
export function highlightRanges(text: string, terms: string[]): HighlightRange[] {
  const hay = text.toLowerCase();
  if (hay.length !== text.length) return []; // offsets would not line up
  const raw: HighlightRange[] = [];
  for (const t of terms) {
    if (!t) continue;
    for (let at = hay.indexOf(t); at >= 0; at = hay.indexOf(t, at + t.length)) raw.push({ start: at, end: at + t.length });
  }
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: HighlightRange[] = [];
  for (const r of raw) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/**
 * A window of about `width` characters around the place where the most distinct terms occur
 * together (earliest on a tie), with '…' where text was cut, and the highlight ranges inside it.
 */
export function makeSnippet(text: string, terms: string[], width = 120): { snippet: string; highlights: HighlightRange[] } {
  const flat = text.replace(/\n/g, ' ');
  const ranges = highlightRanges(flat, terms);
  if (flat.length <= width) return { snippet: flat, highlights: ranges };
  const lead = Math.floor(width / 5);
  let bestStart = 0;
  let bestScore = -1;
  const hay = flat.toLowerCase();
  for (const r of ranges) {
    const start = Math.max(0, Math.min(r.start - lead, flat.length - width));
    const window = hay.slice(start, start + width);
    const score = terms.filter((t) => window.includes(t)).length;
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }
  const end = Math.min(flat.length, bestStart + width);
  const prefix = bestStart > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const shift = prefix.length - bestStart;
  const highlights = ranges
    .filter((r) => r.end > bestStart && r.start < end)
    .map((r) => ({ start: Math.max(r.start, bestStart) + shift, end: Math.min(r.end, end) + shift }));
  return { snippet: prefix + flat.slice(bestStart, end) + suffix, highlights };
}
