/**
 * Every HTML field of a question (stem, options, 解析, reference answer) passes through
 * sanitizeQuestionHtml before it is stored, so nothing executable can be saved and later shown.
 *
 * Allow-list (everything else is removed; the text inside a removed tag is kept, except inside
 * script/style/textarea/option/noscript/iframe/object, which go entirely):
 *  - formatting: p, br, b, strong, i, em, u, s, sub, sup, span, ul, ol, li, blockquote
 *  - tables: table, caption, thead, tbody, tfoot, tr, th, td (colspan/rowspan)
 *  - img: src, alt, width, height — src only a data: URI of png/jpeg/gif/webp (base64) or a
 *    relative /api/files/… URL. The intranet has no external hosts, so http(s) images would
 *    only ever be broken or a tracking beacon; SVG is refused because it can carry script.
 *  - style: only text-align (left/center/right/justify) on p, th, td — enough for centred
 *    headings and tables. Colours, fonts, sizes and positions are dropped: they add nothing an
 *    exam question needs, and white-on-white text or absolutely positioned boxes could hide or
 *    overlay content (including a planted "answer") on the exam page.
 *  - no links at all (no a tag): an exam has nowhere to send anyone; no class/id (they could
 *    borrow the app's own CSS to hide or overlay content).
 */
import sanitizeHtml from 'sanitize-html';

const DATA_IMAGE_RE = /^data:image\/(?:png|jpeg|jpg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/i;
const FILE_URL_RE = /^\/api\/files\/[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*(?:\?[A-Za-z0-9=&._-]*)?$/;

/** An img src we allow: inline raster data or our own file store. */
export function isAllowedImageSrc(src: string): boolean {
  const s = src.trim();
  if (DATA_IMAGE_RE.test(s.replace(/\s+/g, ''))) return true;
  return FILE_URL_RE.test(s) && !s.split('/').includes('..');
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'sub', 'sup', 'span', 'ul', 'ol', 'li', 'blockquote',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'img',
  ],
  allowedAttributes: {
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan', 'style'],
    th: ['colspan', 'rowspan', 'style'],
    p: ['style'],
  },
  allowedStyles: {
    '*': { 'text-align': [/^(?:left|center|right|justify)$/] },
  },
  // img src is checked by isAllowedImageSrc below; no other attribute carries a URL.
  allowedSchemes: [],
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemesAppliedToAttributes: ['src', 'href', 'cite', 'action', 'formaction', 'background'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'xmp', 'noembed', 'noframes'],
  enforceHtmlBoundary: false,
  parseStyleAttributes: true,
  transformTags: {
    img: (tagName, attribs) => {
      const out: Record<string, string> = {};
      if (attribs.src && isAllowedImageSrc(attribs.src)) out.src = attribs.src.trim().replace(/\s+/g, '');
      if (attribs.alt) out.alt = attribs.alt;
      for (const dim of ['width', 'height'] as const) {
        if (attribs[dim] && /^\d{1,4}$/.test(attribs[dim])) out[dim] = attribs[dim];
      }
      return { tagName, attribs: out };
    },
  },
  // An img whose source was refused is dropped entirely rather than left as a broken image.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Sanitised HTML safe to store and show. Plain text comes back with &, <, > escaped. */
export function sanitizeQuestionHtml(dirty: string): string {
  return sanitizeHtml(dirty, OPTIONS).trim();
}

const TEXT_ONLY: sanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  nonTextTags: OPTIONS.nonTextTags,
};

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/**
 * The text a reader sees, for search and similarity: block ends and <br> become a space,
 * images become "[图片]", entities are decoded, runs of whitespace collapse to one space.
 */
export function htmlToText(html: string): string {
  const spaced = html
    .replace(/<img\b[^>]*>/gi, ' [图片] ')
    .replace(/<br\s*\/?>|<\/(?:p|li|tr|td|th|div|blockquote|caption|h[1-6])\s*>/gi, (m) => `${m} `);
  return sanitizeHtml(spaced, TEXT_ONLY)
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e])
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

/** Plain text (an Excel cell, a GIFT line) → HTML: escaped, line breaks as <br />. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n/g, '<br />');
}
