import { Card, Col, Row, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../auth/session';
import { navFor } from '../../layout/nav';

const DESCRIPTIONS: Record<string, string> = {
  '/org/units': '维护单位/部门树：新增、重命名、移动、停用',
  '/org/people': '查询、新增、编辑人员，重置密码，导出Excel',
  '/org/import': '按模板批量导入人员，先预检后写入',
  '/learning/lists': '制定“1+3+N”学法清单、学习材料和年度学时上限',
  '/learning/progress': '按单位查看学法清单完成情况，下钻到个人',
  '/learning/study': '登记集体学法，勾选、导入或扫码签到',
  '/learning/lectures': '登记讲法活动，主讲人、听众和课件',
  '/learning/duty': '党政主要负责人年度讲法完成情况与提醒',
  '/learning/archives': '每人每年的学法档案，打印与导出',
  '/audit': '查看和导出登录、修改、查看身份证号等操作记录',
};

/** One card per page the user can open (the same table as the menu). */
export function QuickLinks() {
  const { me } = useMe();
  const navigate = useNavigate();
  const links = navFor(me).flatMap((g) => g.items).filter((i) => DESCRIPTIONS[i.path]);
  return (
    <Card title="常用功能">
      <Row gutter={[16, 16]}>
        {links.map((l) => (
          <Col key={l.path} xs={24} sm={12} xl={6}>
            <Card hoverable size="small" onClick={() => navigate(l.path)} role="link" aria-label={`进入${l.label}`}>
              <Card.Meta
                avatar={<span style={{ fontSize: 24, color: '#1677ff' }}>{l.icon}</span>}
                title={l.label}
                description={<Typography.Text type="secondary">{DESCRIPTIONS[l.path]}</Typography.Text>}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
