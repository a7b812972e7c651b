import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { QUESTION_STATUS_ZH, type QuestionStatus } from '../../../common/bank';
import { PageContainer } from '../../components/PageContainer';
import { difficultyText, legalBasisText, StatusTag, TypeTag } from './labels';
import { QuestionView, SanitisedHtml } from './QuestionView';
import { StatusActions } from './StatusActions';
import { useQuestion } from './useBank';
import { VersionDiff } from './VersionDiff';
import type { StatusLogEntry, VersionRef } from './types';
import './bank.css';

const fmt = (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm');

/** 题目详情: the current version as examinees see it with the key, status actions, 审核记录, 版本历史 with diffs. */
export default function QuestionDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const q = useQuestion(id);
  const [picked, setPicked] = useState<number[]>([]);

  if (q.isError) return <Result status="404" title="题目不存在或已无法访问" extra={<Button onClick={() => navigate('/bank/questions')}>返回题目列表</Button>} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const d = q.data;
  const c = d.current.content;
  const versionNo = new Map(d.versions.map((v) => [v.id, v.versionNo]));
  // two picked versions, older first
  const pair = picked.length === 2 ? [...picked].sort((a, b) => (versionNo.get(a) ?? 0) - (versionNo.get(b) ?? 0)) : null;

  return (
    <PageContainer
      title={`题目 #${d.id}`}
      subtitle={
        <Space size="small" wrap>
          <TypeTag type={d.type} />
          <StatusTag status={d.status} />
          <span>第 {d.current.versionNo} 版 · {fmt(d.current.createdAt)}</span>
          {d.reviewRequired && d.status === 'pending_review' && <span>需由编写人以外的人员审核</span>}
        </Space>
      }
      extra={
        <Space>
          <Button onClick={() => navigate('/bank/questions')}>返回列表</Button>
          <Button icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/bank/questions/${d.id}/edit`)}>
            修改
          </Button>
        </Space>
      }
    >
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card title="题目（考生所见）与答案" size="small" style={{ marginBottom: 16 }} extra={<StatusActions question={d} />}>
            <QuestionView content={c} showKey />
            <div style={{ marginTop: 16 }}>
              <Typography.Text strong>解析：</Typography.Text>
              {c.explanationHtml ? <SanitisedHtml className="bank-stem" html={c.explanationHtml} /> : <Typography.Text type="secondary">（无）</Typography.Text>}
            </div>
          </Card>
          <Card title="版本历史" size="small" style={{ marginBottom: 16 }} data-testid="versions">
            <Typography.Paragraph type="secondary">勾选两个版本查看差异。每次修改生成新版本，已有版本不会改变。</Typography.Paragraph>
            <Table<VersionRef>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.versions}
              rowSelection={{
                selectedRowKeys: picked,
                onChange: (keys) => setPicked(keys.map(Number).slice(-2)),
                getCheckboxProps: (v) => ({ 'aria-label': `选择第${v.versionNo}版` }),
                hideSelectAll: true,
              }}
              columns={[
                { title: '版本', dataIndex: 'versionNo', width: 100, render: (n: number, v) => (v.id === d.current.id ? <Space size={4}>v{n}<Tag color="blue">当前</Tag></Space> : `v${n}`) },
                { title: '保存时间', dataIndex: 'createdAt', render: fmt },
                { title: '保存人', dataIndex: 'createdByName', render: (n: string | null) => n ?? '—' },
              ]}
            />
            {d.versions.length > 1 && picked.length < 2 && (
              <Button
                type="link"
                style={{ paddingInline: 0, marginTop: 8 }}
                onClick={() => setPicked([d.versions[1].id, d.versions[0].id])}
              >
                比较最近两个版本
              </Button>
            )}
            {pair && (
              <div style={{ marginTop: 16 }}>
                <VersionDiff questionId={d.id} oldId={pair[0]} newId={pair[1]} />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title="属性" size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="分类">{d.categoryPath.length ? d.categoryPath.join(' / ') : '—'}</Descriptions.Item>
              <Descriptions.Item label="难度">{difficultyText(c.difficulty)}</Descriptions.Item>
              <Descriptions.Item label="法律依据">
                {c.legalBasis.length ? (
                  <div>
                    {c.legalBasis.map((b, i) => (
                      <div key={i}>{b.articleId ? <Link to={`/laws/articles/${b.articleId}`}>{legalBasisText(b)}</Link> : legalBasisText(b)}</div>
                    ))}
                  </div>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label="知识点">{c.knowledgePoints.length ? c.knowledgePoints.map((k) => <Tag key={k}>{k}</Tag>) : '—'}</Descriptions.Item>
              <Descriptions.Item label="适用职级">{c.suitableRanks.length ? c.suitableRanks.join('、') : '不限'}</Descriptions.Item>
              <Descriptions.Item label="年度">{c.yearAdded ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="来源">{c.source || '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="审核记录" size="small" data-testid="status-log">
            {d.statusLog.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无状态变化" />
            ) : (
              <Table<StatusLogEntry>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={d.statusLog}
                columns={[
                  { title: '时间', dataIndex: 'createdAt', width: 120, render: (t: string) => dayjs(t).format('MM-DD HH:mm') },
                  { title: '人员', dataIndex: 'actorName', width: 90 },
                  {
                    title: '变化',
                    key: 'change',
                    width: 130,
                    render: (_: unknown, l) => (
                      <span>
                        {l.fromStatus ? QUESTION_STATUS_ZH[l.fromStatus as QuestionStatus] : '—'} → {QUESTION_STATUS_ZH[l.toStatus]}
                        {versionNo.get(l.versionId) ? <Typography.Text type="secondary"> v{versionNo.get(l.versionId)}</Typography.Text> : null}
                      </span>
                    ),
                  },
                  { title: '意见', dataIndex: 'comment', render: (t: string | null) => t || '—' },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
