import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Layout, Tag } from 'antd';
import { useState } from 'react';
import { describeUnit, useMe } from '../auth/session';
import { useLogout } from '../auth/useLogout';
import { ChangePasswordModal } from '../pages/auth/ChangePasswordModal';
import { NotificationBell } from './NotificationBell';

export function HeaderBar() {
  const { me } = useMe();
  const logout = useLogout();
  const [pwOpen, setPwOpen] = useState(false);
  if (!me) return null;
  const mainRole = me.roles.find((r) => r.role !== 'member');

  return (
    <Layout.Header className="app-header">
      <div className="app-header__slogan" style={{ fontSize: 15, color: 'rgba(0,0,0,0.65)' }}>法治学习·讲法·考法·评议平台</div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
        <NotificationBell />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'password', icon: <KeyOutlined aria-hidden />, label: '修改密码' },
              { type: 'divider' },
              { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: '退出登录', danger: true },
            ],
            onClick: ({ key }) => (key === 'password' ? setPwOpen(true) : logout()),
          }}
        >
          <div className="app-header__user" role="button" aria-label="用户菜单" tabIndex={0}>
            <Avatar size="small" icon={<UserOutlined aria-hidden />} style={{ background: '#1677ff' }} />
            <div className="app-header__who">
              <span data-testid="header-user">{me.displayName}</span>
              <span className="app-header__unit" title={describeUnit(me)}>
                {describeUnit(me)}
              </span>
            </div>
            {/* With a unit the role goes in a tag; without one the second line already names the role. */}
            {mainRole && me.unit && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{mainRole.label}</Tag>}
            <DownOutlined aria-hidden style={{ fontSize: 10, color: 'rgba(0,0,0,0.45)' }} />
          </div>
        </Dropdown>
      </div>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </Layout.Header>
  );
}
