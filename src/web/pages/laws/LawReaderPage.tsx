import { Alert, Button, Card, Empty, Input, Result, Select, Skeleton, Space, Tree, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { LawArticleView, LawNodeView, LawVersionView } from '../../../common/laws';
import { ApiError } from '../../api';
import { showError } from '../../components/feedback';
import { PageContainer } from '../../components/PageContainer';
import { articleNumberFromInput } from './articleNo';
import { buildChunks, chunkOf, type Chunk } from './chunks';
import './laws.css';
import { findArticleByNo, useArticleRange, useLawVersion } from './useLaws';
import { DraftFromArticle } from './DraftFromArticle';
import { useMe } from '../../auth/session';
import { can } from '../../auth/permissions';
import { ArticleTools, ReadingProgressBar, useLawReading } from './reading';

interface TreeItem {
  key: string;
  title: string;
  children?: TreeItem[];
}

function tocTree(nodes: LawNodeView[]): TreeItem[] {
  const byParent = new Map<number | null, LawNodeView[]>();
  for (const n of nodes) byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n]);
  const build = (parent: number | null): TreeItem[] =>
    (byParent.get(parent) ?? []).map((n) => {
      const kids = build(n.id);
      return { key: String(n.id), title: [n.label, n.title].filter(Boolean).join(' '), ...(kids.length ? { children: kids } : {}) };
    });
  return build(null);
}

/** Headings to print above an article: the nodes that start at it, outermost first. */
function headingsAt(nodes: LawNodeView[], ordinal: number) {
  return nodes.filter((n) => n.firstArticle === ordinal);
}

function ArticleBlock({
  a,
  target,
  onDraft,
  tools,
  trackRef,
}: {
  a: LawArticleView;
  target: boolean;
  onDraft?: (a: LawArticleView) => void;
  /** the member's ✓ / 收藏 / 笔记 */
  tools?: ReactNode;
  /** the reading tracker watches this element */
  trackRef?: (el: HTMLElement | null) => void;
}) {
  const [first, ...rest] = a.text.split('\n');
  return (
    <div id={`article-${a.id}`} ref={trackRef} data-ordinal={a.ordinal} className={`law-article${target ? ' law-article--target' : ''}`}>
      {tools}
      {onDraft && (
        <Button className="law-article__draft" type="link" size="small" onClick={() => onDraft(a)}>
          由此条出题
        </Button>
      )}
      <p>
        <span className="law-article__label">{a.label}</span>
        {first}
      </p>
      {rest.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}

function VersionBanner({ view }: { view: LawVersionView }) {
  if (view.version.isCurrent) return null;
  const current = view.versions.find((v) => v.isCurrent);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={
        <span>
          此为历史版本（{view.version.versionDate ?? '日期不详'}），现行版本为 {current?.versionDate ?? '—'} 版。{' '}
          <Link to={`/laws/${view.law.id}`}>查看现行版本</Link>
        </span>
      }
    />
  );
}

/** One law: TOC on the left, a chapter of articles on the right, jump to 第N条, versions. */
export default function LawReaderPage() {
  const lawId = Number(useParams().lawId);
  const [params, setParams] = useSearchParams();
  const versionParam = params.get('v') ? Number(params.get('v')) : undefined;
  const targetId = params.get('a') ? Number(params.get('a')) : null;
  const targetOrdinal = params.get('o') ? Number(params.get('o')) : null;
  const view = useLawVersion(lawId, versionParam);
  const data = view.data;
  const chunks = useMemo(() => (data ? buildChunks(data.nodes, data.version.articleCount) : []), [data]);
  const [chunkKey, setChunkKey] = useState<string | null>(null);
  const chunk: Chunk | undefined = chunks.find((c) => c.key === chunkKey) ?? (targetOrdinal !== null ? chunkOf(chunks, targetOrdinal) : chunks[0]);
  const articles = useArticleRange(lawId, data?.version.id, chunk ? { from: chunk.from, to: chunk.to } : null);
  const [jump, setJump] = useState('');
  const [jumpError, setJumpError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const { me } = useMe();
  // Drafting writes to the bank, so only bank keepers see it, and only on the current version.
  const canDraft = can(me, 'bank.manage') && !!data?.version.isCurrent;
  const [drafting, setDrafting] = useState<LawArticleView | null>(null);
  // Members' reading is measured (✓, progress, 学时); notes and bookmarks are theirs alone.
  const learner = can(me, 'learn');
  const reading = useLawReading(lawId, data?.version.id, learner);

  // Scroll the target article into view once its chunk has rendered.
  const shownTarget = articles.data?.articles.some((a) => a.id === targetId);
  useEffect(() => {
    if (shownTarget && targetId) document.getElementById(`article-${targetId}`)?.scrollIntoView({ block: 'center' });
  }, [shownTarget, targetId]);
  // A chapter chosen in the TOC may sit inside a larger chunk (宪法's 序言 + 第一章): land on its heading.
  const tocNode = useRef<number | null>(null);
  const scrollToNode = (id: number) => document.getElementById(`law-node-${id}`)?.scrollIntoView({ block: 'start' });
  useEffect(() => {
    // (the previous chunk's articles may still be shown for a moment: wait for the heading itself)
    if (tocNode.current === null || !document.getElementById(`law-node-${tocNode.current}`)) return;
    scrollToNode(tocNode.current);
    tocNode.current = null;
  }, [articles.data]);

  if (view.isError) {
    const notFound = view.error instanceof ApiError && view.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={notFound ? '法规不存在' : '法规加载失败'} extra={<Link to="/laws">返回法规库</Link>} />;
  }
  if (!data || !chunk) {
    return (
      <PageContainer title="法规库">
        <Card>
          <Skeleton active paragraph={{ rows: 12 }} />
        </Card>
      </PageContainer>
    );
  }

  const openChunk = (c: Chunk) => {
    setChunkKey(c.key);
    const next = new URLSearchParams(params);
    next.delete('a');
    next.delete('o');
    setParams(next, { replace: true });
    bodyRef.current?.scrollIntoView({ block: 'start' });
  };

  const doJump = async () => {
    const parsed = articleNumberFromInput(jump);
    if (!parsed) {
      setJumpError('请输入条号，如 260、一百三十三 或 133之一');
      return;
    }
    try {
      const link = await findArticleByNo(lawId, parsed.no, parsed.suffix, data.version.id);
      setJumpError(null);
      setChunkKey(null);
      const next = new URLSearchParams(params);
      next.set('a', String(link.article.id));
      next.set('o', String(link.article.ordinal));
      setParams(next, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setJumpError(`本版本没有第${jump.replace(/^第|条$/g, '')}条`);
      else showError(e);
    }
  };

  const index = chunks.indexOf(chunk);
  const prev = chunks[index - 1];
  const next = chunks[index + 1];
  const isFirst = index === 0;

  return (
    <PageContainer
      title={data.law.shortTitle}
      subtitle={
        <span>
          {data.law.title} · {data.law.category} · {data.version.versionDate ?? '日期不详'} 版 · 共 {data.version.articleCount} 条
        </span>
      }
      extra={<Link to="/laws">返回法规库</Link>}
    >
      <VersionBanner view={data} />
      <div className="law-reader">
        <Card size="small" className="law-reader__toc" title="目录">
          {data.nodes.length || data.version.preamble ? (
            <Tree
              blockNode
              defaultExpandAll={data.nodes.length <= 60}
              defaultExpandedKeys={data.nodes.filter((n) => n.parentId === null).map((n) => String(n.id))}
              selectedKeys={chunk.nodeId ? [String(chunk.nodeId)] : []}
              treeData={[...(data.version.preamble ? [{ key: 'preamble', title: '序言' }] : []), ...tocTree(data.nodes)]}
              onSelect={(_keys, info) => {
                // the clicked node (clicking the selected one again would deselect it and give no keys)
                const key = String(info.node.key);
                if (key === 'preamble') return openChunk(chunks[0]);
                const node = data.nodes.find((n) => String(n.id) === key);
                if (node?.firstArticle != null) {
                  const c = chunks.find((x) => x.nodeId === node.id) ?? chunkOf(chunks, node.firstArticle);
                  openChunk(c);
                  // the chunk already on screen scrolls now; another one when its articles arrive
                  if (c.key === chunk.key) scrollToNode(node.id);
                  else tocNode.current = node.id;
                }
              }}
            />
          ) : (
            <Typography.Text type="secondary">本法规未分章节</Typography.Text>
          )}
        </Card>
        <div className="law-reader__body" ref={bodyRef}>
          <Card size="small" style={{ marginBottom: 12 }}>
            {learner && <ReadingProgressBar reading={reading} lawId={lawId} />}
            <div className="law-reader__toolbar">
              <Space.Compact>
                <Space.Addon>跳转到第</Space.Addon>
                <Input
                  aria-label="跳转到条号"
                  placeholder="如 260 或 133之一"
                  style={{ width: 150 }}
                  value={jump}
                  status={jumpError ? 'error' : undefined}
                  onChange={(e) => setJump(e.target.value)}
                  onPressEnter={() => void doJump()}
                />
                <Space.Addon>条</Space.Addon>
                <Button type="primary" onClick={() => void doJump()}>
                  跳转
                </Button>
              </Space.Compact>
              <Space>
                <Typography.Text type="secondary">版本</Typography.Text>
                <Select
                  aria-label="版本"
                  style={{ width: 220 }}
                  value={data.version.id}
                  options={data.versions.map((v) => ({ value: v.id, label: `${v.versionDate ?? '日期不详'}${v.isCurrent ? '（现行）' : '（历史）'}` }))}
                  onChange={(v) => {
                    setChunkKey(null);
                    const current = data.versions.find((x) => x.id === v)?.isCurrent;
                    setParams(current ? {} : { v: String(v) });
                  }}
                />
              </Space>
            </div>
            {jumpError && <Typography.Text type="danger">{jumpError}</Typography.Text>}
          </Card>
          <Card>
            <div className="law-text">
              {isFirst && data.version.preamble && (
                <div className="law-preamble">
                  <div className="law-text__heading">序言</div>
                  {data.version.preamble.split('\n').map((p, i) => (
                    <p key={i}>{p}</p>
                  ))}
                </div>
              )}
              {articles.isLoading ? (
                <Skeleton active paragraph={{ rows: 10 }} />
              ) : !articles.data?.articles.length ? (
                <Empty description="没有条文" />
              ) : (
                articles.data.articles.map((a) => (
                  <div key={a.id}>
                    {headingsAt(data.nodes, a.ordinal).map((n) => (
                      <div key={n.id} id={`law-node-${n.id}`} className={`law-text__heading${n.depth > 0 ? ' law-text__heading--sub' : ''}`}>
                        {[n.label, n.title].filter(Boolean).join('　')}
                      </div>
                    ))}
                    <ArticleBlock
                      a={a}
                      target={a.id === targetId}
                      onDraft={canDraft ? setDrafting : undefined}
                      tools={learner ? <ArticleTools article={a} reading={reading} /> : undefined}
                      trackRef={learner ? reading.register(a.id, a.text.length) : undefined}
                    />
                  </div>
                ))
              )}
              {!next && data.version.appendix && (
                <div className="law-preamble">
                  {data.version.appendix.split('\n').map((p, i) => (
                    <p key={i}>{p}</p>
                  ))}
                </div>
              )}
            </div>
            <div className="law-chunk-nav">
              {prev ? <Button onClick={() => openChunk(prev)}>上一部分：{prev.title}</Button> : <span />}
              {next ? <Button onClick={() => openChunk(next)}>下一部分：{next.title}</Button> : <span />}
            </div>
          </Card>
          {data.version.history.length > 0 && (
            <Card size="small" title="制定和修改" style={{ marginTop: 12 }}>
              {data.version.history.map((h, i) => (
                <div key={i}>
                  <Typography.Text type="secondary">{h}</Typography.Text>
                </div>
              ))}
            </Card>
          )}
        </div>
      </div>
      <DraftFromArticle article={drafting} onClose={() => setDrafting(null)} />
    </PageContainer>
  );
}
