import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api';
import type { Person } from '../../../types';

/** 重置密码: the server makes a one-time password; it is shown here once and never again. */
export function ResetPasswordAction({ person }: { person: Person }) {
  const [otp, setOtp] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: () => api.post<{ oneTimePassword: string }>(`/api/people/${person.id}/reset-password`),
    onSuccess: (r) => setOtp(r.oneTimePassword),
  });
  return (
    <>
      <Popconfirm
        title={`重置「${person.name}」的登录密码？`}
        description={person.locked ? '将生成一次性密码并解除账号锁定。' : '将生成一次性密码，原密码立即失效。'}
        okText="重置"
        onConfirm={() => reset.mutateAsync().catch(() => undefined)}
      >
        <Button type="link" size="small" loading={reset.isPending}>
          重置密码
        </Button>
      </Popconfirm>
      <Modal
        title="一次性密码"
        open={otp !== null}
        onCancel={() => setOtp(null)}
        footer={<Button type="primary" onClick={() => setOtp(null)}>我已记下</Button>}
        mask={{ closable: false }}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title="该密码仅显示一次，首次登录须修改" style={{ marginBottom: 16 }} />
        <div style={{ marginBottom: 8 }}>
          {person.name}
          {person.employeeNo ? `（工号 ${person.employeeNo}）` : ''} 的一次性密码：
        </div>
        <Typography.Text
          copyable={{ text: otp ?? '', tooltips: ['复制', '已复制'] }}
          style={{ fontSize: 22, fontFamily: 'ui-monospace, SFMono-Regular, Consolas, monospace', letterSpacing: 2 }}
          strong
        >
          <span data-testid="one-time-password">{otp}</span>
        </Typography.Text>
      </Modal>
    </>
  );
}
