import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space } from 'antd';
import { passwordProblems } from '../../../common/org';
import { api } from '../../api';
import { ME_KEY } from '../../auth/session';
import { applyServerErrors } from '../../components/formErrors';

interface PasswordValues {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export const PASSWORD_RULE_TEXT = '密码至少8位，须包含大写字母、小写字母、数字、特殊符号中的至少3类';

const CHECKS: { label: string; test: (pw: string) => boolean }[] = [
  { label: '至少8位', test: (pw) => pw.length >= 8 },
  { label: '大写字母、小写字母、数字、特殊符号至少3类', test: (pw) => [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length >= 3 },
];

function RuleChecklist({ password }: { password: string }) {
  return (
    <Space size="large" style={{ marginTop: 4 }}>
      {CHECKS.map((c) => {
        const ok = c.test(password);
        return (
          <span key={c.label} style={{ color: ok ? '#389e0d' : 'rgba(0,0,0,0.45)', fontSize: 12 }}>
            {ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleOutlined aria-hidden />} {c.label}
          </span>
        );
      })}
    </Space>
  );
}

/** 修改密码: old, new, confirm; the rule is checked here and again by the server. */
export function PasswordForm({ onDone, submitText = '确认修改' }: { onDone: () => void; submitText?: string }) {
  const [form] = Form.useForm<PasswordValues>();
  const qc = useQueryClient();
  const newPassword = Form.useWatch('newPassword', form) ?? '';

  const change = useMutation({
    mutationFn: (v: PasswordValues) => api.post<{ ok: true }>('/api/auth/change-password', { oldPassword: v.oldPassword, newPassword: v.newPassword }),
    meta: { handlesErrors: true },
    onSuccess: async () => {
      form.resetFields();
      // The server clears mustChangePassword and may rotate the CSRF token: read "me" again.
      await qc.invalidateQueries({ queryKey: ME_KEY });
      onDone();
    },
    onError: (err) => {
      applyServerErrors(form, err, { password: 'newPassword' });
    },
  });

  return (
    <>
      <Alert type="info" showIcon title={PASSWORD_RULE_TEXT} style={{ marginBottom: 20 }} />
      <Form<PasswordValues> form={form} layout="vertical" onFinish={(v) => change.mutate(v)} autoComplete="off">
        <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra={<RuleChecklist password={newPassword} />}
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: (_, v: string | undefined) => {
                const problems = v ? passwordProblems(v) : [];
                return problems.length ? Promise.reject(new Error(problems.join('；'))) : Promise.resolve();
              },
            },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                v && v === getFieldValue('oldPassword') ? Promise.reject(new Error('新密码不能与原密码相同')) : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            {submitText}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}
