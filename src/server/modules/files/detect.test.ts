import { describe, expect, it } from 'vitest';
import { cleanFileName, detectFileType } from './detect';

describe('detectFileType', () => {
  it('recognises types by their bytes, whatever the name', () => {
    expect(detectFileType(Buffer.from('GIF89a....'), 'x.jpg')).toEqual({ ok: true, mime: 'image/gif', ext: 'gif' });
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]), 'x')).toMatchObject({ ok: true, mime: 'image/jpeg' });
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('[Content_Types].xml....word/document.xml')]);
    expect(detectFileType(docx, 'a.docx')).toMatchObject({ ok: true, ext: 'docx' });
    const pptx = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('[Content_Types].xml....ppt/slides/slide1.xml')]);
    expect(detectFileType(pptx, 'a.zip')).toMatchObject({ ok: true, ext: 'pptx' });
    expect(detectFileType(Buffer.from('# 标题\n正文'), 'a.md')).toMatchObject({ ok: true, mime: 'text/markdown; charset=utf-8' });
  });

  it('refuses markup even with a leading BOM or blank lines, and scripts', () => {
    expect(detectFileType(Buffer.from('\uFEFF\n  <HTML><body>x</body></HTML>'), 'a.txt').ok).toBe(false);
    expect(detectFileType(Buffer.from('<?xml version="1.0"?><svg/>'), 'a.txt').ok).toBe(false);
    expect(detectFileType(Buffer.from('#!/bin/sh\nrm -rf /'), 'a.txt').ok).toBe(false);
    expect(detectFileType(Buffer.from('纯文本'), 'a.html').ok).toBe(false);
    // GBK text is not UTF-8: refused with a message rather than stored as garbage
    expect(detectFileType(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), 'a.txt').ok).toBe(false);
  });
});

describe('cleanFileName', () => {
  it('keeps the base name, drops control and path characters, caps the length keeping the extension', () => {
    expect(cleanFileName('C:\\Users\\a\\材料.pdf', 'pdf')).toBe('材料.pdf');
    expect(cleanFileName('a\u0000b<>.txt', 'txt')).toBe('ab.txt');
    expect(cleanFileName('', 'png')).toBe('文件.png');
    const long = cleanFileName('长'.repeat(300) + '.docx', 'docx');
    expect(long.length).toBe(120);
    expect(long.endsWith('.docx')).toBe(true);
  });
});
