import { describe, expect, it } from 'vitest';
import { checkQuestionContent } from '../../../../common/bank';
import { groupShippedFiles, parseShipped, shippedLawsFolder } from '../../laws/load-shipped';
import { shortTitleOf } from '../../laws/parse';
import { htmlToText } from '../sanitize';
import { draftQuestions, excerptAround, institutionVariants, numberVariants, weakTrueStatement, type DraftArticle } from './generate';

const laws = new Map<string, DraftArticle[]>();
let nextId = 1;
for (const g of groupShippedFiles(shippedLawsFolder())) {
  const law = parseShipped(g);
  laws.set(
    g.shortTitle,
    law.articles.map((a) => ({ id: nextId++, lawTitle: law.title, shortTitle: shortTitleOf(law.title), label: a.label, text: a.text })),
  );
}
const article = (law: string, label: string) => {
  const a = laws.get(law)!.find((x) => x.label === label);
  if (!a) throw new Error(`${law}${label} not found`);
  return a;
};
const relatedOf = (law: string, a: DraftArticle) => {
  const all = laws.get(law)!;
  const i = all.indexOf(a);
  return all.slice(Math.max(0, i - 30), i + 30).filter((r) => r !== a);
};
const drafts = (law: string, label: string, opts: Parameters<typeof draftQuestions>[2] = {}) => {
  const a = article(law, label);
  return draftQuestions(a, relatedOf(law, a), opts);
};

describe('numeral variants', () => {
  it('gives the Arabic and Chinese form of a quantity', () => {
    expect(numberVariants('三十日')).toEqual(['三十日', '30日']);
    expect(numberVariants('十八周岁')).toEqual(['十八周岁', '18周岁']);
    expect(numberVariants('百分之五')).toEqual(['百分之五', '5%']);
    expect(numberVariants('五十万元')).toEqual(['五十万元', '50万元']);
    expect(numberVariants('30日')).toEqual(['30日', '三十日']);
    expect(numberVariants('六个月')).toEqual(['六个月', '6个月']);
  });
});

describe('answer variants and weak statements', () => {
  it('accepts the usual short form of an institution', () => {
    expect(institutionVariants('全国人民代表大会常务委员会')).toEqual(['全国人民代表大会常务委员会', '全国人大常委会']);
    expect(institutionVariants('人民法院')).toEqual(['人民法院']);
  });
  it('recognises programmatic sentences and bare referrals', () => {
    expect(weakTrueStatement('拍卖的当事人的权利和义务以及拍卖程序等，依照有关法律、行政法规的规定。')).toBe(true);
    expect(weakTrueStatement('国家加大中小投资者权益保护力度，完善中小投资者权益保护机制，保障中小投资者的知情权、参与权，提升中小投资者维护合法权益的便利度。')).toBe(true);
    expect(weakTrueStatement('十八周岁以上的自然人为成年人。')).toBe(false);
  });
});

describe('excerpts', () => {
  it('keeps a short sentence whole and cuts a long one at clause boundaries around the key', () => {
    expect(excerptAround('短句，键在此。', 3, 1)).toBe('短句，键在此。');
    const long = `${'甲'.repeat(60)}，${'乙'.repeat(30)}，键在此处，${'丙'.repeat(60)}。`;
    const e = excerptAround(long, long.indexOf('键'), 1, 120);
    expect(e.length).toBeLessThanOrEqual(122);
    expect(e).toContain('键在此处');
    expect(e).toMatch(/…/);
  });
});

describe('drafting from real articles', () => {
  it('民法典 第十七条: fill blank 十八周岁, accepted 十八周岁 / 18周岁', () => {
    const [d] = drafts('民法典', '第十七条', { kinds: ['fill'] });
    expect(d.kind).toBe('fill');
    expect(d.content.type).toBe('fill');
    if (d.content.type !== 'fill') return;
    expect(htmlToText(d.content.stem)).toBe('根据《民法典》规定，{{1}}以上的自然人为成年人。');
    expect(d.content.answer.blanks).toEqual([{ accepted: ['十八周岁', '18周岁'] }]);
    expect(d.content.legalBasis).toEqual([{ articleId: d.articleId, lawTitle: '中华人民共和国民法典', articleLabel: '第十七条' }]);
    expect(d.content.knowledgePoints).toEqual(['民法典']);
    expect(htmlToText(d.content.explanationHtml)).toContain('依据《民法典》第十七条：“十八周岁以上的自然人为成年人。');
    expect(checkQuestionContent(d.content).ok).toBe(true);
  });

  it('行政处罚法 deadlines: 九十日 in 第六十条 is blanked', () => {
    const [d] = drafts('行政处罚法', '第六十条', { kinds: ['fill'] });
    expect(d.key).toMatchObject({ kind: 'number', text: '九十日' });
    expect(htmlToText(d.content.stem)).toBe('根据《行政处罚法》规定，行政机关应当自行政处罚案件立案之日起{{1}}内作出行政处罚决定。');
    if (d.content.type === 'fill') expect(d.content.answer.blanks[0].accepted).toEqual(['九十日', '90日']);
  });

  it('a false 判断 differs from the article only in the swapped key', () => {
    const a = article('行政处罚法', '第六十条');
    const all = draftQuestions(a, relatedOf('行政处罚法', a), { kinds: ['truefalse'], perArticle: 5 });
    const f = all.find((d) => d.content.type === 'truefalse' && d.content.answer.value === false)!;
    expect(f).toBeDefined();
    const stem = htmlToText(f.content.stem).replace('根据《行政处罚法》规定，', '');
    expect(f.key.replacement).toBeTruthy();
    expect(f.key.replacement).not.toBe(f.key.text);
    expect(stem.replace(f.key.replacement!, f.key.text)).toBe(a.text.split('。')[0] + '。');
    expect(htmlToText(f.content.explanationHtml)).toContain(`法条规定的是“${f.key.text}”`);
    expect(checkQuestionContent(f.content).ok).toBe(true);
  });

  it('every draft of a whole law is valid content citing its article, and stems never hold a key twice', () => {
    for (const a of laws.get('行政许可法')!) {
      for (const d of draftQuestions(a, relatedOf('行政许可法', a), { perArticle: 3 })) {
        expect(checkQuestionContent(d.content).ok).toBe(true);
        expect(d.content.legalBasis[0].articleId).toBe(a.id);
        const stem = htmlToText(d.content.stem);
        if (d.key.text) expect(stem.split(d.key.replacement ?? (d.kind === 'fill' ? '{{1}}' : d.key.text)).length - 1).toBe(1);
        expect(stem.length).toBeLessThanOrEqual(140);
      }
    }
  });

  it('附则-type articles (施行日期) and short or list-only articles give no drafts', () => {
    const closing = laws.get('行政处罚法')!.at(-1)!;
    expect(closing.text).toMatch(/施行/);
    expect(draftQuestions(closing, [])).toEqual([]);
    expect(drafts('民法典', '第一千二百六十条')).toEqual([]);
    expect(draftQuestions({ ...closing, text: '本法所称日。' }, [])).toEqual([]);
    const list = { ...closing, text: '有下列情形之一的，劳动合同终止：\n（一）劳动合同期满的；\n（二）劳动者死亡的。' };
    expect(draftQuestions(list, [])).toEqual([]);
  });

  it('sentences that lean on their context (本章, 上述, 前款) give no drafts', () => {
    expect(drafts('民法典', '第三百七十一条')).toEqual([]);
    for (const d of drafts('数据安全法', '第二十七条', { perArticle: 5 })) expect(htmlToText(d.content.stem)).not.toMatch(/上述|本章|前款/);
  });

  it('a defined term in 所称X，是指 is blanked', () => {
    const a: DraftArticle = { id: 9, lawTitle: '中华人民共和国测试法', shortTitle: '测试法', label: '第九条', text: '本法所称个人信息，是指以电子或者其他方式记录的与已识别或者可识别的自然人有关的各种信息。' };
    const [d] = draftQuestions(a, [], { kinds: ['fill'] });
    expect(d.key).toMatchObject({ kind: 'defined', text: '个人信息' });
    expect(htmlToText(d.content.stem)).toContain('本法所称{{1}}，是指');
  });

  it('is deterministic for a seed, and returns at most perArticle, best first', () => {
    const a = drafts('刑法', '第三百零七条', { perArticle: 5, seed: 7 });
    const b = drafts('刑法', '第三百零七条', { perArticle: 5, seed: 7 });
    expect(a).toEqual(b);
    expect(a.length).toBeLessThanOrEqual(5);
    expect(a.map((d) => d.score)).toEqual([...a.map((d) => d.score)].sort((x, y) => y - x));
    expect(drafts('刑法', '第三百零七条', { perArticle: 2 })).toHaveLength(2);
  });
});
