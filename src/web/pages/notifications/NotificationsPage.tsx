import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { NOTIFICATION_KIND_ZH, type NotificationView } from '../../../common/duty';
import { api } from '../../api';
import { PageContainer } from '../../components/PageContainer';
import { fmtWhen, NOTIFICATIONS_KEY, useMarkRead } from '../../layout/NotificationBell';

/** 我的提醒 (/notifications): every reminder of the signed-in account, newest first. */
export default function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const navigate = useNavigate();
  const params = { unread: unreadOnly ? true : undefined, page, pageSize: 20 };
  const list = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'page', params],
    queryFn: () => api.get<{ items: NotificationView[]; total: number; unread: number }>('/api/notifications', params),
  });
  const { one, all } = useMarkRead();
  const unread = list.data?.unread ?? 0;

  return (
    <PageContainer
      title="我的提醒"
      subtitle={unread ? `${unread} 条未读` : '没有未读提醒'}
      extra={
        <Button disabled={unread === 0} loading={all.isPending} onClick={() => all.mutate()}>
          全部标为已读
        </Button>
      }
    >
      <Card>
        <Segmented<'all' | 'unread'>
          style={{ marginBottom: 12 }}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => {
            setUnreadOnly(v === 'unread');
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部' },
            { value: 'unread', label: '未读' },
          ]}
        />
        <List<NotificationView>
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: unreadOnly ? '没有未读提醒' : '暂无提醒' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false }}
          renderItem={(n) => (
            <List.Item
              actions={[
                ...(n.link
                  ? [
                      <a
                        key="open"
                        onClick={() => {
                          if (!n.readAt) one.mutate(n.id);
                          void navigate(n.link!);
                        }}
                      >
                        查看
                      </a>,
                    ]
                  : []),
                ...(!n.readAt
                  ? [
                      <a key="read" onClick={() => one.mutate(n.id)}>
                        标为已读
                      </a>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    {!n.readAt && <Tag color="red">未读</Tag>}
                    <Tag>{NOTIFICATION_KIND_ZH[n.kind] ?? '提醒'}</Tag>
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <div style={{ color: 'rgba(0,0,0,0.65)' }}>{n.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmtWhen(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </PageContainer>
  );
}
