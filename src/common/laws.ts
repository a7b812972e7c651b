/** 法规库: shapes shared by the API and the web reader. */

/** Reading order of categories: the branches of the socialist legal system, then regulations. */
export const LAW_CATEGORY_ORDER = ['宪法', '宪法相关法', '民法典', '民法商法', '行政法', '行政法规', '经济法', '社会法', '刑法', '诉讼与非诉讼程序法'];

export const categoryRank = (c: string) => {
  const i = LAW_CATEGORY_ORDER.indexOf(c);
  return i < 0 ? LAW_CATEGORY_ORDER.length : i;
};

/** Articles per reading request: a 章 rarely has more; the reader pages by node beyond that. */
export const MAX_ARTICLE_RANGE = 300;
export const SEARCH_PAGE_SIZE = 20;
export const MAX_SEARCH_TERMS = 5;

export interface LawSummary {
  id: number;
  title: string;
  shortTitle: string;
  category: string;
  currentVersionId: number;
  versionDate: string | null;
  articleCount: number;
  versionCount: number;
}

export interface LawNodeView {
  id: number;
  parentId: number | null;
  kind: string;
  label: string;
  title: string;
  depth: number;
  /** article ordinals the node spans */
  firstArticle: number | null;
  lastArticle: number | null;
}

export interface LawVersionSummary {
  id: number;
  versionDate: string | null;
  source: 'shipped' | 'upload';
  sourceName: string | null;
  articleCount: number;
  createdAt: string;
  isCurrent: boolean;
}

export interface LawVersionView {
  law: LawSummary;
  version: LawVersionSummary & { history: string[]; preamble: string | null; appendix: string | null };
  nodes: LawNodeView[];
  versions: LawVersionSummary[];
}

export interface LawArticleView {
  id: number;
  versionId: number;
  nodeId: number | null;
  no: number;
  suffix: number;
  label: string;
  /** paragraphs separated by \n */
  text: string;
  ordinal: number;
}

export interface LawArticleDeepLink {
  article: LawArticleView;
  law: { id: number; title: string; shortTitle: string; category: string };
  version: { id: number; versionDate: string | null };
  isCurrent: boolean;
  /** the current version's date when this article's version is not current */
  newerVersion: { id: number; versionDate: string | null } | null;
  /** the same article (by number) in the current version, if there is one */
  currentArticleId: number | null;
}

export interface HighlightRange {
  /** UTF-16 offsets into `snippet` */
  start: number;
  end: number;
}

export interface LawSearchHit {
  articleId: number;
  lawId: number;
  lawShortTitle: string;
  label: string;
  snippet: string;
  highlights: HighlightRange[];
  /** how many of the query's terms the article text itself contains */
  termsInText: number;
}

export interface LawSearchResult {
  terms: string[];
  /** laws whose title contains every term (shown first) */
  laws: { id: number; title: string; shortTitle: string; category: string }[];
  hits: LawSearchHit[];
  total: number;
  page: number;
  pageSize: number;
  tookMs: number;
}

export interface LawUploadSummary {
  dryRun: boolean;
  title: string;
  shortTitle: string;
  category: string;
  versionDate: string | null;
  lawId: number | null;
  versionId: number | null;
  articleCount: number;
  nodeCount: number;
  nodes: { label: string; title: string; depth: number }[];
  firstArticles: { label: string; text: string }[];
  warnings: { line: number; message: string }[];
}
