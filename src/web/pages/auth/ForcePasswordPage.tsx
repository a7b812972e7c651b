import { Button, Spin, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useMe } from '../../auth/session';
import { AuthShell } from '../../components/AuthShell';
import { showSuccess } from '../../components/feedback';
import { useLogout } from '../../auth/useLogout';
import { PasswordForm } from './PasswordForm';

/** Shown instead of the whole app while the account still has an initial or reset password. */
export default function ForcePasswordPage() {
  const { me, isLoading } = useMe();
  const navigate = useNavigate();
  // where the person was going before login (e.g. a sign-in link), passed on by the login page
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const logout = useLogout();

  if (isLoading) return <Spin fullscreen />;
  if (!me) return <Navigate to="/login" replace />;
  if (!me.mustChangePassword) return <Navigate to={from} replace />;

  return (
    <AuthShell title="首次登录，请修改密码" width={460}>
      <Typography.Paragraph type="secondary">
        {me.displayName}，您好！为保障账号安全，首次登录或管理员重置密码后，须先修改密码才能使用系统。
      </Typography.Paragraph>
      <PasswordForm
        submitText="修改密码并进入系统"
        onDone={() => {
          showSuccess('密码已修改');
          navigate(from, { replace: true });
        }}
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        <Button type="link" onClick={logout}>
          退出登录
        </Button>
      </div>
    </AuthShell>
  );
}
