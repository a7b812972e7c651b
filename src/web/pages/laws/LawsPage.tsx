import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Input, Row, Skeleton, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { LawSummary } from '../../../common/laws';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/session';
import { PageContainer } from '../../components/PageContainer';
import './laws.css';
import { useLawList } from './useLaws';

function groupByCategory(laws: LawSummary[]): [string, LawSummary[]][] {
  const groups = new Map<string, LawSummary[]>();
  for (const l of laws) groups.set(l.category, [...(groups.get(l.category) ?? []), l]);
  return [...groups.entries()];
}

/** 法规库: every law grouped by category, with the search box on top. */
export default function LawsPage() {
  const navigate = useNavigate();
  const { me } = useMe();
  const list = useLawList();
  const total = list.data?.reduce((s, l) => s + l.articleCount, 0) ?? 0;
  return (
    <PageContainer
      title="法规库"
      subtitle={list.data ? `共 ${list.data.length} 部法律法规、${total.toLocaleString('zh-CN')} 条条文，均为现行有效版本` : undefined}
      extra={
        can(me, 'laws.upload') && (
          <Link to="/laws/upload">
            <Button icon={<UploadOutlined aria-hidden />}>上传法规</Button>
          </Link>
        )
      }
    >
      <Card style={{ marginBottom: 16 }}>
        <Input.Search
          size="large"
          allowClear
          enterButton="搜索"
          placeholder="全文检索，多个词用空格分开，如：个人信息 处理者"
          aria-label="全文检索"
          onSearch={(q) => q.trim() && navigate(`/laws/search?q=${encodeURIComponent(q.trim())}`)}
          style={{ maxWidth: 720 }}
        />
      </Card>
      {list.isLoading ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : !list.data?.length ? (
        <Card>
          <Empty description="法规库为空" />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {groupByCategory(list.data).map(([category, laws]) => (
            <Col key={category} xs={24} lg={12} xxl={8}>
              <Card title={category} size="small" extra={<Typography.Text type="secondary">{laws.length} 部</Typography.Text>}>
                {laws.map((l) => (
                  <Link key={l.id} to={`/laws/${l.id}`} className="law-list__item">
                    <span className="law-list__title">{l.shortTitle}</span>
                    <span className="law-list__meta">
                      {l.versionDate ?? '日期不详'} · {l.articleCount} 条{l.versionCount > 1 ? ` · ${l.versionCount} 个版本` : ''}
                    </span>
                  </Link>
                ))}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </PageContainer>
  );
}
