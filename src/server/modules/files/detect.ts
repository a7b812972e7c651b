/**
 * Content sniffing for uploads. The type is decided from the leading bytes (and, for Office
 * Open XML, from the zip's entry names); the file name only tells apart the legacy Office
 * formats, which share one container. Anything a browser could execute or render as a page
 * (HTML, SVG, XML, scripts) and native executables are refused.
 */

export type Detected = { ok: true; mime: string; ext: string } | { ok: false; message: string };

const startsWith = (buf: Buffer, sig: number[] | string, at = 0) => {
  const bytes = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
  return buf.length >= at + bytes.length && buf.subarray(at, at + bytes.length).equals(bytes);
};

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const OLE_TYPES: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};
const OOXML: { dir: string; ext: string; mime: string }[] = [
  { dir: 'word/', ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { dir: 'xl/', ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  { dir: 'ppt/', ext: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
];

export const extensionOf = (name: string) => {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1].toLowerCase() : '';
};

const REFUSED_EXT = new Set(['html', 'htm', 'xhtml', 'svg', 'svgz', 'xml', 'js', 'mjs', 'exe', 'dll', 'bat', 'cmd', 'sh', 'ps1', 'vbs', 'msi', 'jar', 'apk', 'com', 'scr']);

/** Text that a browser would treat as markup or script if it were ever served as such. */
function looksLikeMarkup(text: string): boolean {
  const head = text.slice(0, 1024).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return /^<(!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|meta|style)\b/.test(head) || /<script\b|<svg\b|<iframe\b/.test(text.slice(0, 64 * 1024).toLowerCase());
}

function isUtf8Text(buf: Buffer): boolean {
  if (buf.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** A zip's local-file / central-directory entries carry their names in clear: look for the Office part folder. */
function ooxmlKind(buf: Buffer) {
  const text = buf.toString('latin1');
  if (!text.includes('[Content_Types].xml')) return undefined;
  return OOXML.find((k) => text.includes(k.dir));
}

export function detectFileType(buf: Buffer, name: string): Detected {
  const ext = extensionOf(name);
  if (buf.length === 0) return { ok: false, message: '文件为空' };
  if (REFUSED_EXT.has(ext)) return { ok: false, message: `不允许上传 .${ext} 文件（可执行文件、网页或 SVG 可能含有恶意代码）` };
  // native executables and scripts, whatever their name says
  if (startsWith(buf, 'MZ') || startsWith(buf, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(buf, '#!')) return { ok: false, message: '不允许上传可执行文件' };
  if ([[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xcf, 0xfa, 0xed, 0xfe], [0xce, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((s) => startsWith(buf, s)))
    return { ok: false, message: '不允许上传可执行文件' };

  if (startsWith(buf, '%PDF-')) return { ok: true, mime: 'application/pdf', ext: 'pdf' };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, mime: 'image/png', ext: 'png' };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { ok: true, mime: 'image/jpeg', ext: 'jpg' };
  if (startsWith(buf, 'GIF87a') || startsWith(buf, 'GIF89a')) return { ok: true, mime: 'image/gif', ext: 'gif' };
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const k = ooxmlKind(buf);
    if (k) return { ok: true, mime: k.mime, ext: k.ext };
    return { ok: false, message: '不支持的压缩文件：只接受 Word（.docx）、Excel（.xlsx）、PowerPoint（.pptx）文档' };
  }
  if (startsWith(buf, OLE)) {
    const mime = OLE_TYPES[ext];
    if (mime) return { ok: true, mime, ext };
    return { ok: false, message: '旧版 Office 文档请使用 .doc、.xls 或 .ppt 扩展名' };
  }
  if (isUtf8Text(buf)) {
    const text = buf.toString('utf8');
    if (looksLikeMarkup(text)) return { ok: false, message: '不允许上传网页（HTML）、SVG 或含脚本的文件' };
    if (ext === 'md') return { ok: true, mime: 'text/markdown; charset=utf-8', ext: 'md' };
    return { ok: true, mime: 'text/plain; charset=utf-8', ext: 'txt' };
  }
  return { ok: false, message: '不支持的文件类型：请上传 PDF、图片（PNG/JPG/GIF）、Word、Excel、PowerPoint 或 UTF-8 纯文本' };
}

/** Keeps the base name only, no control or path characters, at most 120 characters. */
export function cleanFileName(name: string, ext: string): string {
  let base = (name.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .trim();
  if (!base || base === '.' || base === '..') base = `文件.${ext}`;
  if (base.length > 120) {
    const e = extensionOf(base);
    base = base.slice(0, 120 - (e ? e.length + 1 : 0)) + (e ? `.${e}` : '');
  }
  return base;
}
