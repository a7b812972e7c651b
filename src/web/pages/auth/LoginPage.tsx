import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { clearLoginNotice, peekLoginNotice, rememberMe, useMe } from '../../auth/session';
import { AuthShell } from '../../components/AuthShell';
import { errorText } from '../../components/feedback';
import type { Me } from '../../types';

interface LoginForm {
  username: string;
  password: string;
}

interface LoginState {
  notice?: string | null;
  from?: string;
}

export default function LoginPage() {
  const [form] = Form.useForm<LoginForm>();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const { me } = useMe();
  const [failure, setFailure] = useState<string | null>(null);
  const notice = failure ? null : (state.notice ?? peekLoginNotice());

  const login = useMutation({
    mutationFn: (v: LoginForm) => api.post<Me>('/api/auth/login', v, { quietAuth: true }),
    meta: { handlesErrors: true },
    onSuccess: (data) => {
      clearLoginNotice();
      rememberMe(qc, data);
      navigate(data.mustChangePassword ? '/password/required' : (state.from ?? '/'), { replace: true, state: { from: state.from } });
    },
    onError: (err) => {
      form.setFieldValue('password', '');
      if (err instanceof ApiError && err.code === 'VALIDATION' && err.issues.length) {
        form.setFields(err.issues.map((i) => ({ name: i.path as keyof LoginForm, errors: [i.message] })));
        return;
      }
      setFailure(errorText(err));
    },
  });

  // keep `from` here too: caching the user re-renders this page before navigate() above lands
  if (me) return <Navigate to={me.mustChangePassword ? '/password/required' : (state.from ?? '/')} replace state={{ from: state.from }} />;

  return (
    <AuthShell title="账号登录">
      {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 20 }} />}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 20 }} role="alert" />}
      <Form<LoginForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        size="large"
        onFinish={(v) => {
          setFailure(null);
          login.mutate({ username: v.username.trim(), password: v.password });
        }}
        onValuesChange={() => failure && setFailure(null)}
      >
        <Form.Item label="登录名/工号/身份证号/手机号" name="username" rules={[{ required: true, whitespace: true, message: '请输入登录名、工号、身份证号或手机号' }]}>
          <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus maxLength={64} placeholder="请输入账号" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" maxLength={128} placeholder="请输入密码" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form.Item>
      </Form>
      <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, textAlign: 'center' }}>忘记密码请联系本单位管理员重置</div>
    </AuthShell>
  );
}
