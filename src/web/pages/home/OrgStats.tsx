import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic } from 'antd';
import { api } from '../../api';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/session';
import type { Page, Person } from '../../types';
import { useUnits } from '../org/useUnits';

/** Real counts from the APIs, scoped to what the user may see. */
export function OrgStats() {
  const { me } = useMe();
  const { index, isLoading: unitsLoading, count } = useUnits();
  const showPeople = can(me, 'people.view');
  const people = useQuery({
    queryKey: ['people', 'count'],
    queryFn: () => api.get<Page<Person>>('/api/people', { page: 1, pageSize: 1 }),
    enabled: showPeople,
  });
  const active = useQuery({
    queryKey: ['people', 'count', '在职'],
    queryFn: () => api.get<Page<Person>>('/api/people', { status: '在职', page: 1, pageSize: 1 }),
    enabled: showPeople,
  });
  const disabledUnits = [...index.byId.values()].filter((u) => u.disabled).length;

  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      <Col xs={24} sm={12} lg={6}>
        <Card>
          <Statistic title="单位/部门" value={count} suffix="个" loading={unitsLoading} />
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Card>
          <Statistic title="其中停用" value={disabledUnits} suffix="个" loading={unitsLoading} />
        </Card>
      </Col>
      {showPeople && (
        <Col xs={24} sm={12} lg={6}>
          <Card>
            <Statistic title="人员总数" value={people.data?.total ?? 0} suffix="人" loading={people.isPending} />
          </Card>
        </Col>
      )}
      {showPeople && (
        <Col xs={24} sm={12} lg={6}>
          <Card>
            <Statistic title="其中在职" value={active.data?.total ?? 0} suffix="人" loading={active.isPending} />
          </Card>
        </Col>
      )}
    </Row>
  );
}
