import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { can } from '../../auth/permissions';
import { describeUnit, useMe } from '../../auth/session';
import { PageContainer } from '../../components/PageContainer';
import { QuickLinks } from './QuickLinks';
import { OrgStats } from './OrgStats';
import { MyToday } from './MyToday';

function greeting(d = new Date()): string {
  const h = d.getHours();
  if (h < 6) return '您好';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export default function HomePage() {
  const { me } = useMe();
  if (!me) return null;
  const manages = can(me, 'people.view') || can(me, 'units.view');
  const today = new Date().toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });

  return (
    <PageContainer title="工作台" subtitle={today}>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {greeting()}，{me.displayName}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="所在单位">{me.unit ? describeUnit(me) : '—'}</Descriptions.Item>
          <Descriptions.Item label="角色">
            <Space size={[4, 4]} wrap>
              {me.roles.map((r) => (
                <Tag key={r.role} color={r.role === 'member' ? 'default' : 'blue'}>
                  {r.label}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          {me.adminUnits.length > 0 && (
            <Descriptions.Item label="管理单位" span="filled">
              {me.adminUnits.map((u) => u.name).join('、')}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {can(me, 'learn') && <MyToday />}
      {manages && (
        <div style={{ marginTop: can(me, 'learn') ? 16 : 0 }}>
          <OrgStats />
          <QuickLinks />
        </div>
      )}
    </PageContainer>
  );
}
