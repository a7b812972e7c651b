// A small non-validating XML reader, enough for Moodle XML: elements, attributes, text, CDATA,
// comments, processing instructions and a DOCTYPE (skipped), the five named entities and numeric
// references. It keeps line numbers (for messages that point at a question) and refuses
// mismatched tags. No external entities, no DTD processing — nothing in a file can reach outside it.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** All text and CDATA directly inside this element, concatenated, whitespace kept. */
  text: string;
  line: number;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, line: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]*);?/g, (m, e: string) => {
    if (!m.endsWith(';')) throw new XmlError(`Unterminated entity reference "${m}"`, line);
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!Number.isFinite(cp) || cp < 0 || cp > 0x10ffff) throw new XmlError(`Invalid character reference "${m}"`, line);
      return String.fromCodePoint(cp);
    }
    const v = NAMED[e];
    if (v === undefined) throw new XmlError(`Undefined entity "${m}"`, line);
    return v;
  });
}

export function parseXml(input: string): XmlElement {
  const src = (input.startsWith('\ufeff') ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  let pos = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let k = pos; k < to; k++) if (src.charCodeAt(k) === 10) line++;
    pos = to;
  };
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '', line: 1 };
  const stack: XmlElement[] = [root];
  const top = () => stack[stack.length - 1];

  while (pos < src.length) {
    const lt = src.indexOf('<', pos);
    if (lt < 0) {
      const rest = src.slice(pos);
      if (stack.length > 1) top().text += decode(rest, line);
      else if (rest.trim() !== '') throw new XmlError('Text outside the root element', line);
      advance(src.length);
      break;
    }
    if (lt > pos) {
      const t = src.slice(pos, lt);
      if (stack.length > 1) top().text += decode(t, line);
      else if (t.trim() !== '') throw new XmlError('Text outside the root element', line);
      advance(lt);
    }
    if (src.startsWith('<!--', pos)) {
      const end = src.indexOf('-->', pos + 4);
      if (end < 0) throw new XmlError('Unterminated comment', line);
      advance(end + 3);
    } else if (src.startsWith('<![CDATA[', pos)) {
      const end = src.indexOf(']]>', pos + 9);
      if (end < 0) throw new XmlError('Unterminated CDATA section', line);
      if (stack.length === 1) throw new XmlError('CDATA outside the root element', line);
      top().text += src.slice(pos + 9, end);
      advance(end + 3);
    } else if (src.startsWith('<?', pos)) {
      const end = src.indexOf('?>', pos + 2);
      if (end < 0) throw new XmlError('Unterminated processing instruction', line);
      advance(end + 2);
    } else if (src.startsWith('<!DOCTYPE', pos)) {
      // Skip, including an internal subset; entities declared there are not honoured.
      let depth = 0;
      let k = pos;
      for (; k < src.length; k++) {
        const c = src[k];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      advance(k + 1);
    } else if (src.startsWith('</', pos)) {
      const m = /^<\/([^\s>]+)\s*>/.exec(src.slice(pos, pos + 300));
      if (!m) throw new XmlError('Malformed end tag', line);
      const el = top();
      if (stack.length === 1 || el.name !== m[1]) throw new XmlError(`End tag </${m[1]}> does not match <${el.name}>`, line);
      stack.pop();
      advance(pos + m[0].length);
    } else {
      const startLine = line;
      const nm = /^<([A-Za-z_:][-A-Za-z0-9_:.]*)/.exec(src.slice(pos, pos + 200));
      if (!nm) throw new XmlError('Malformed start tag', line);
      let k = pos + nm[0].length;
      const attrs: Record<string, string> = {};
      for (;;) {
        while (k < src.length && /\s/.test(src[k])) k++;
        if (src[k] === '>' || src.startsWith('/>', k)) break;
        const am = /^([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(src.slice(k, k + 100000));
        if (!am) throw new XmlError(`Malformed attribute in <${nm[1]}>`, line);
        attrs[am[1]] = decode(am[3] ?? am[4] ?? '', line);
        k += am[0].length;
      }
      const selfClosing = src.startsWith('/>', k);
      const el: XmlElement = { name: nm[1], attrs, children: [], text: '', line: startLine };
      if (stack.length === 1 && root.children.length > 0) throw new XmlError('More than one root element', line);
      top().children.push(el);
      if (!selfClosing) stack.push(el);
      advance(k + (selfClosing ? 2 : 1));
    }
  }
  if (stack.length > 1) throw new XmlError(`Element <${top().name}> is not closed`, line);
  if (root.children.length === 0) throw new XmlError('No root element', line);
  return root.children[0];
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}
