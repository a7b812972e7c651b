import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { BLANK_MARKER_RE } from '../../../../common/bank';

/**
 * The one place the exam pages render question HTML. Stems and options come from the server
 * already sanitised (sanitize-html on save, allow-listed by toPublicQuestion), so setting them as
 * HTML is safe; nothing the examinee typed ever goes through here.
 *
 * For 填空, each {{n}} marker becomes an empty slot and `blank(n)` is rendered into it through a
 * portal, so the input sits exactly where the blank is in the sentence (even inside a table cell).
 */
export function ExamHtml({ html, className, blank }: { html: string; className?: string; blank?: (n: number) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const hasBlanks = !!blank;
  const withSlots = useMemo(() => (hasBlanks ? html.replace(BLANK_MARKER_RE, (_m, n: string) => `<span class="exam-blank-slot" data-blank="${Number(n)}"></span>`) : html), [html, hasBlanks]);
  const [slots, setSlots] = useState<{ n: number; el: Element }[]>([]);
  // Depends on the HTML string only: the slots are new elements exactly when the HTML changes.
  useLayoutEffect(() => {
    const root = ref.current;
    setSlots(hasBlanks && root ? [...root.querySelectorAll('[data-blank]')].map((el) => ({ n: Number(el.getAttribute('data-blank')), el })) : []);
  }, [withSlots, hasBlanks]);
  return (
    <>
      <div ref={ref} className={className} dangerouslySetInnerHTML={{ __html: withSlots }} />
      {blank && slots.map((s) => createPortal(blank(s.n), s.el, `blank-${s.n}`))}
    </>
  );
}

/** Blank numbers the stem really shows (a blank the stem lacks still needs an input somewhere). */
export function markersIn(stem: string): number[] {
  return [...stem.matchAll(BLANK_MARKER_RE)].map((m) => Number(m[1]));
}
