import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Popconfirm, Space, Switch, Tooltip, Typography } from 'antd';
import { api } from '../../api';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/session';
import { showError, showSuccess } from '../../components/feedback';

const KEY = ['bank', 'settings'];

/** 须他人审核后启用: shown to bank keepers, switchable by 系统管理员 only (audited on the server). */
export function ReviewSetting() {
  const { me } = useMe();
  const qc = useQueryClient();
  const setting = useQuery({ queryKey: KEY, queryFn: () => api.get<{ reviewRequired: boolean }>('/api/bank/settings') });
  const save = useMutation({
    mutationFn: (reviewRequired: boolean) => api.put<{ reviewRequired: boolean }>('/api/bank/settings', { reviewRequired }),
    onSuccess: (r) => {
      qc.setQueryData(KEY, r);
      void qc.invalidateQueries({ queryKey: ['bank'] });
      showSuccess(r.reviewRequired ? '已开启：题目须经他人审核后才能启用' : '已关闭审核：题目可直接启用');
    },
    onError: showError,
  });
  if (!setting.data) return null;
  const on = setting.data.reviewRequired;
  const isAdmin = me?.roles.some((r) => r.role === 'admin') ?? false;
  const label = <Typography.Text type="secondary">须他人审核后启用</Typography.Text>;
  if (!isAdmin || !can(me, 'bank.manage')) {
    return (
      <Tooltip title="由系统管理员设置">
        <Space size={6}>
          {label}
          <Switch size="small" checked={on} disabled />
        </Space>
      </Tooltip>
    );
  }
  return (
    <Space size={6}>
      {label}
      <Popconfirm
        title={on ? '关闭审核后，编写者可直接启用自己的题目。确定关闭？' : '开启后，题目须由编写者以外的人审核通过才能启用。确定开启？'}
        okText="确定"
        onConfirm={() => save.mutateAsync(!on).catch(() => undefined)}
      >
        <Switch size="small" checked={on} loading={save.isPending} aria-label="须他人审核后启用" />
      </Popconfirm>
    </Space>
  );
}
