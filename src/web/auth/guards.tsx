import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorText } from '../components/feedback';
import { can, type Capability } from './permissions';
import { peekLoginNotice, useMe } from './session';

/** Signed in and past the forced password change, or redirected to the page that gets them there. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, isLoading, error, refetch } = useMe();
  const location = useLocation();
  if (isLoading) return <Spin fullscreen size="large" />;
  if (error) {
    return (
      <Result
        status="500"
        title="无法连接服务器"
        subTitle={errorText(error)}
        extra={<Button type="primary" onClick={() => void refetch()}>重试</Button>}
      />
    );
  }
  if (!me) {
    const from = location.pathname === '/' ? undefined : location.pathname + location.search;
    return <Navigate to="/login" replace state={{ notice: peekLoginNotice(), from }} />;
  }
  if (me.mustChangePassword) return <Navigate to="/password/required" replace />;
  return <>{children}</>;
}

export function Forbidden() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="抱歉，您的账号没有访问此页面的权限。如需开通，请联系系统管理员。"
      extra={<Button type="primary" onClick={() => navigate('/')}>返回工作台</Button>}
    />
  );
}

/** A page only some roles may open; anyone else gets a 403 page, not a crash. */
export function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const { me } = useMe();
  return can(me, capability) ? <>{children}</> : <Forbidden />;
}
