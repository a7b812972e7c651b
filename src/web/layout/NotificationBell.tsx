import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Grid, List, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { NotificationView } from '../../common/duty';
import { api } from '../api';
import { showError } from '../components/feedback';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** "11月25日 09:30" in Beijing time. */
export function fmtWhen(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function useMarkRead() {
  const qc = useQueryClient();
  const one = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (id: number) => api.post<{ unread: number }>(`/api/notifications/${id}/read`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
    onError: showError,
  });
  const all = useMutation({
    meta: { handlesErrors: true },
    mutationFn: () => api.post<{ marked: number }>('/api/notifications/read-all'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
    onError: showError,
  });
  return { one, all };
}

/** The header bell: unread count (refreshed every minute) and the latest reminders in a popover. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  // a phone has no room for a popover beside the header: the bell opens the list page instead
  const narrow = !Grid.useBreakpoint().sm;
  const count = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread-count'],
    queryFn: () => api.get<{ unread: number }>('/api/notifications/unread-count'),
    refetchInterval: 60_000,
  });
  const latest = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'latest'],
    queryFn: () => api.get<{ items: NotificationView[]; total: number; unread: number }>('/api/notifications', { pageSize: 8 }),
    enabled: open,
  });
  const { one, all } = useMarkRead();
  const unread = count.data?.unread ?? 0;

  const openItem = (n: NotificationView) => {
    if (!n.readAt) one.mutate(n.id);
    if (n.link) {
      setOpen(false);
      void navigate(n.link);
    }
  };

  const content = (
    <div style={{ width: 'min(360px, calc(100vw - 32px))' }}>
      <List<NotificationView>
        loading={latest.isLoading}
        dataSource={latest.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无提醒" /> }}
        renderItem={(n) => (
          <List.Item
            style={{ cursor: n.link || !n.readAt ? 'pointer' : undefined, padding: '8px 4px' }}
            onClick={() => openItem(n)}
            extra={!n.readAt && <Badge status="processing" aria-label="未读" />}
          >
            <List.Item.Meta
              title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
              description={
                <>
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 2, fontSize: 13 }}>
                    {n.body}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fmtWhen(n.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      <Space style={{ width: '100%', justifyContent: 'space-between', borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
        <Button size="small" type="link" disabled={unread === 0} loading={all.isPending} onClick={() => all.mutate()}>
          全部标为已读
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            void navigate('/notifications');
          }}
        >
          查看全部
        </Button>
      </Space>
    </div>
  );

  return (
    <Popover
      content={content}
      title="提醒"
      trigger="click"
      open={open}
      onOpenChange={(o) => {
        if (o && narrow) void navigate('/notifications');
        else setOpen(o);
      }}
      placement="bottomRight"
    >
      <Button type="text" aria-label={unread ? `提醒（${unread}条未读）` : '提醒'} data-testid="notification-bell" style={{ height: 40, width: 40 }}>
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} aria-hidden />
        </Badge>
      </Button>
    </Popover>
  );
}
