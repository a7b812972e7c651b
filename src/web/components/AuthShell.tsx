import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { BrandMark } from './BrandMark';
import './auth-shell.css';

/** The centred card on a quiet background used by the login and forced password pages. */
export function AuthShell({ title, children, width = 420 }: { title?: ReactNode; children: ReactNode; width?: number }) {
  return (
    <div className="auth-shell">
      <div className="auth-shell__inner" style={{ width }}>
        <div className="auth-shell__brand">
          <BrandMark size={48} />
          <div>
            <Typography.Title level={2} style={{ margin: 0, letterSpacing: 4 }}>
              学讲考评
            </Typography.Title>
            <Typography.Text type="secondary">法治学习·讲法·考法·评议平台</Typography.Text>
          </div>
        </div>
        <Card title={title} variant="borderless" className="auth-shell__card">
          {children}
        </Card>
        <div className="auth-shell__footer">内部网络专用 · 建议使用 Chrome、Edge 或国产浏览器极速模式</div>
      </div>
    </div>
  );
}
