import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Input, List, Progress, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { CREDIT_SOURCE_ZH, CREDIT_SOURCES, LIST_ITEM_KIND_ZH, LIST_SEGMENT_ZH, LIST_SEGMENTS, type ListSegment } from '../../../../common/learning';
import type { MyLearning, PersonListProgressItem } from '../../../../common/learning-lists';
import { api } from '../../../api';
import { PageContainer } from '../../../components/PageContainer';
import { useYearParam, YearSelect } from '../../learning/duty/YearSelect';
import './my-learning.css';

const SEGMENT_TITLE: Record<ListSegment, string> = { '1': '习近平法治思想', '3': '宪法、民法典、党内法规', N: '岗位相关法律法规' };
const SEGMENT_COLOR: Record<ListSegment, string> = { '1': 'red', '3': 'gold', N: 'blue' };

const hours = (minutes: number) => (minutes / 60).toFixed(minutes % 60 === 0 ? 0 : 1);

/** 我的学习 (/my/learning): my 学法清单 with progress, my hours this year, and a way to sign in to an activity. Phone first. */
export default function MyLearningPage() {
  const [year, setYear] = useYearParam();
  const q = useQuery({ queryKey: ['my', 'learning', year], queryFn: () => api.get<MyLearning>('/api/my/learning', { year }) });
  const d = q.data;

  return (
    <PageContainer title="我的学习" extra={<YearSelect value={year} onChange={setYear} />}>
      {q.isPending || !d ? (
        <Skeleton active />
      ) : (
        <div className="my-learning">
          <Row gutter={[12, 12]}>
            <Col xs={24} md={8}>
              <Card size="small" title="清单完成度" className="my-learning__card">
                <div className="my-learning__overall">
                  <Progress type="circle" size={96} percent={d.progress.percent} status={d.progress.requiredTotal > 0 && d.progress.requiredDone === d.progress.requiredTotal ? 'success' : 'normal'} />
                  <div>
                    <div>
                      必学 <b>{d.progress.requiredDone}</b> / {d.progress.requiredTotal} 项已完成
                    </div>
                    <div>
                      选学 <b>{d.progress.optionalDone}</b> / {d.progress.optionalTotal} 项已完成
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      完成度为各必学项进度的平均值
                    </Typography.Text>
                  </div>
                </div>
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small" title={`${year}年学时`} className="my-learning__card" extra={<b>{hours(d.totalMinutes)} 小时</b>}>
                {CREDIT_SOURCES.map((s) => (
                  <div key={s} className="my-learning__row">
                    <span>{CREDIT_SOURCE_ZH[s]}</span>
                    <span>{hours(d.minutesBySource[s])} 小时</span>
                  </div>
                ))}
                <div style={{ marginTop: 8 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    今日自学已计 {Math.floor(d.todaySelfStudyMinutes)} / {d.dailyCapMinutes} 分钟（每日上限）
                  </Typography.Text>
                  <Progress percent={Math.min(100, Math.floor((d.todaySelfStudyMinutes / d.dailyCapMinutes) * 100))} size="small" showInfo={false} />
                </div>
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <SignInCard />
            </Col>
          </Row>
          {d.progress.items.length === 0 ? (
            <Card size="small" style={{ marginTop: 12 }}>
              <Empty description={`${year}年度还没有发布适用于您的学法清单`} />
            </Card>
          ) : (
            LIST_SEGMENTS.map((seg) => {
              const items = d.progress.items.filter((i) => i.segment === seg);
              if (items.length === 0) return null;
              return (
                <Card key={seg} size="small" style={{ marginTop: 12 }} title={<span><Tag color={SEGMENT_COLOR[seg]}>{LIST_SEGMENT_ZH[seg]}</Tag>{SEGMENT_TITLE[seg]}</span>}>
                  <List<PersonListProgressItem> dataSource={items} renderItem={(i) => <ItemRow item={i} />} />
                </Card>
              );
            })
          )}
        </div>
      )}
    </PageContainer>
  );
}

function ItemRow({ item: i }: { item: PersonListProgressItem }) {
  return (
    <List.Item className="my-learning__item">
      <div className="my-learning__item-main">
        <div className="my-learning__item-title">
          <span>{i.title}</span>
          <Space size={4} wrap>
            <Tag color={i.required ? 'volcano' : 'default'}>{i.required ? '必学' : '选学'}</Tag>
            <Tag>{LIST_ITEM_KIND_ZH[i.kind]}</Tag>
          </Space>
        </div>
        <Progress percent={i.percent} size="small" status={i.done ? 'success' : 'normal'} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {i.detail}
          {i.expectedMinutes > 0 ? ` · 预计 ${hours(i.expectedMinutes)} 小时` : ''}
          {i.kind === 'course' && !i.done ? ' · 参加活动并签到后完成' : ''}
        </Typography.Text>
      </div>
      {i.link && (
        <Link to={i.link} className="my-learning__go">
          <Button type={i.done ? 'default' : 'primary'} size="middle">
            {i.done ? '再学习' : '去学习'}
          </Button>
        </Link>
      )}
    </List.Item>
  );
}

function SignInCard() {
  const [code, setCode] = useState('');
  const navigate = useNavigate();
  const clean = code.trim().toUpperCase();
  const go = () => {
    if (clean) navigate(`/sign/${encodeURIComponent(clean)}`);
  };
  return (
    <Card size="small" title="签到" className="my-learning__card">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        参加集体学法或讲座时，输入现场公布的签到码。
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input aria-label="签到码" placeholder="6位签到码" maxLength={12} value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={go} size="large" />
        <Button type="primary" size="large" onClick={go} disabled={!clean}>
          签到
        </Button>
      </Space.Compact>
    </Card>
  );
}
