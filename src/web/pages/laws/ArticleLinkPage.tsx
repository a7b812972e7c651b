import { Card, Result, Skeleton } from 'antd';
import { Link, Navigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { useDeepLink } from './useLaws';

/**
 * /laws/articles/:articleId — the link questions and learning lists use. It names one article of
 * one exact version; the reader opens that version (with the 历史版本 banner if it is not current)
 * scrolled to the article.
 */
export default function ArticleLinkPage() {
  const articleId = Number(useParams().articleId);
  const q = useDeepLink(articleId);
  if (q.isError) {
    const notFound = q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400);
    return <Result status={notFound ? '404' : 'error'} title={notFound ? '条文不存在' : '条文加载失败'} extra={<Link to="/laws">返回法规库</Link>} />;
  }
  if (!q.data) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  const { law, version, article, isCurrent } = q.data;
  const params = new URLSearchParams({ a: String(article.id), o: String(article.ordinal) });
  if (!isCurrent) params.set('v', String(version.id));
  return <Navigate replace to={`/laws/${law.id}?${params.toString()}`} />;
}
