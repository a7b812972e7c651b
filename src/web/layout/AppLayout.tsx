import { Layout, Menu, Spin } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useMe } from '../auth/session';
import { BrandMark } from '../components/BrandMark';
import { HeaderBar } from './HeaderBar';
import { activeNavPath, navFor } from './nav';
import './layout.css';

const { Sider, Content } = Layout;

export function AppLayout() {
  const { me } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  // Below lg (phones, small tablets) the menu hides completely and opens over the page.
  const [narrow, setNarrow] = useState(false);

  const items = useMemo<MenuProps['items']>(
    () =>
      navFor(me).flatMap((g): NonNullable<MenuProps['items']> => {
        const entries = g.items.map((i) => ({ key: i.path, icon: i.icon, label: i.label }));
        return g.label ? [{ type: 'group', key: g.label, label: g.label, children: entries }] : entries;
      }),
    [me],
  );

  return (
    <Layout className="app-layout">
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={208}
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 80}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        className={narrow ? 'app-sider app-sider--overlay' : 'app-sider'}
      >
        <div className="app-logo" onClick={() => navigate('/')} role="link" aria-label="学讲考评 工作台">
          <BrandMark size={28} />
          {!collapsed && <span className="app-logo__text">学讲考评</span>}
        </div>
        <nav aria-label="主菜单">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[activeNavPath(location.pathname)]}
            items={items}
            onClick={({ key }) => {
              navigate(key);
              if (narrow) setCollapsed(true);
            }}
          />
        </nav>
      </Sider>
      <Layout>
        <HeaderBar />
        <Content className="app-content">
          <Suspense fallback={<Spin size="large" className="app-page-spin" />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
