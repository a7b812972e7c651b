import { Card, Empty, Input, Pagination, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { PageContainer } from '../../components/PageContainer';
import { Highlighted } from './Highlighted';
import './laws.css';
import { useLawList, useLawSearch } from './useLaws';

/** 全文检索: results show law, article and a highlighted snippet; each links to the article. */
export default function LawSearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const lawId = params.get('lawId') ? Number(params.get('lawId')) : undefined;
  const laws = useLawList();
  const search = useLawSearch({ q, page, lawId });
  const r = search.data;
  const set = (next: Record<string, string | number | undefined>) => {
    const merged: Record<string, string> = {};
    for (const [k, v] of Object.entries({ q, lawId, page, ...next })) if (v !== undefined && v !== '') merged[k] = String(v);
    setParams(merged);
  };

  return (
    <PageContainer title="法规检索" subtitle="在全部现行法规中检索；多个词用空格分开，须同时出现" extra={<Link to="/laws">返回法规库</Link>}>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search
            key={q}
            size="large"
            allowClear
            enterButton="搜索"
            defaultValue={q}
            aria-label="全文检索"
            placeholder="如：个人信息 处理者"
            style={{ width: 520 }}
            onSearch={(v) => set({ q: v.trim(), page: undefined })}
          />
          <Select
            size="large"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部法规"
            aria-label="限定法规"
            style={{ width: 220 }}
            value={lawId}
            options={(laws.data ?? []).map((l) => ({ value: l.id, label: l.shortTitle }))}
            onChange={(v) => set({ lawId: v, page: undefined })}
          />
        </Space>
      </Card>
      <Card>
        {!q ? (
          <Empty description="请输入要检索的词语" />
        ) : search.isLoading ? (
          <Skeleton active />
        ) : !r || (r.total === 0 && r.laws.length === 0) ? (
          <Empty description={`没有找到同时包含“${q}”的条文`} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">
              找到 {r.total} 条（用时 {r.tookMs} 毫秒）
            </Typography.Paragraph>
            {r.laws.length > 0 && (
              <div style={{ marginBottom: 12 }}>
                <Typography.Text strong>名称相符的法规：</Typography.Text>
                {r.laws.map((l) => (
                  <Link key={l.id} to={`/laws/${l.id}`}>
                    <Tag color="blue" style={{ fontSize: 14, padding: '2px 8px', marginBottom: 4 }}>
                      {l.title}
                    </Tag>
                  </Link>
                ))}
              </div>
            )}
            {r.hits.map((h) => (
              <div key={h.articleId} className="law-hit">
                <div className="law-hit__head">
                  <Tag>{h.lawShortTitle}</Tag>
                  <Link to={`/laws/articles/${h.articleId}`}>
                    <Typography.Text strong>{h.label}</Typography.Text>
                  </Link>
                  {h.termsInText < r.terms.length && <Typography.Text type="secondary">（部分词语见于法规名称）</Typography.Text>}
                </div>
                <div className="law-hit__snippet">
                  <Highlighted text={h.snippet} ranges={h.highlights} />
                </div>
              </div>
            ))}
            {r.total > r.pageSize && (
              <Pagination style={{ marginTop: 16 }} current={page} pageSize={r.pageSize} total={r.total} showSizeChanger={false} onChange={(p) => set({ page: p })} />
            )}
          </>
        )}
      </Card>
    </PageContainer>
  );
}
