import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Switch, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { can, canManageUnit } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import { DownloadButton } from '../../../components/DownloadButton';
import { PageContainer } from '../../../components/PageContainer';
import type { Person } from '../../../types';
import { UnitTreePanel } from '../UnitTreePanel';
import { unitPathNames } from '../unitTree';
import { useUnits } from '../useUnits';
import { PeopleFilters } from './PeopleFilters';
import { PeopleTable } from './PeopleTable';
import { PersonFormDrawer } from './PersonFormDrawer';
import { RolesModal } from './RolesModal';
import { exportHref, usePeopleFilters, usePeoplePage } from './usePeople';

export default function PeoplePage() {
  const { me } = useMe();
  const navigate = useNavigate();
  const { index } = useUnits();
  const { query, update } = usePeopleFilters();
  const people = usePeoplePage(query);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [rolesFor, setRolesFor] = useState<Person | null>(null);
  const onEdit = useCallback((p: Person) => setEditing(p), []);
  const onRoles = useCallback((p: Person) => setRolesFor(p), []);

  const selectedUnit = query.unitId ? index.byId.get(query.unitId) : undefined;
  const editable = can(me, 'people.edit');
  const defaultUnitId = selectedUnit && canManageUnit(me, selectedUnit) && !selectedUnit.disabled ? selectedUnit.id : undefined;

  return (
    <PageContainer
      title="人员管理"
      subtitle={editable ? '查询和维护人员信息；身份证号默认脱敏显示，查看完整号码将记入审计日志。' : '查询人员信息（只读）。'}
      extra={
        <Space>
          {can(me, 'people.import') && <Button onClick={() => navigate('/org/import')}>批量导入</Button>}
          <DownloadButton url={exportHref(query)} filename="人员名单.xlsx">
            导出Excel
          </DownloadButton>
          {editable && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              新增人员
            </Button>
          )}
        </Space>
      }
    >
      <Row gutter={16} wrap={false}>
        <Col flex="270px">
          <Card size="small" title="按单位筛选" styles={{ body: { padding: 12 } }} style={{ position: 'sticky', top: 88 }}>
            <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
              <label htmlFor="people-subtree">含下级单位</label>
              <Switch id="people-subtree" size="small" checked={query.subtree ?? true} disabled={!query.unitId} onChange={(v) => update({ subtree: v })} />
            </div>
            <UnitTreePanel selectedId={query.unitId ?? null} onSelect={(id) => update({ unitId: id ?? undefined })} allowDeselect />
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card>
            <PeopleFilters query={query} onChange={update} />
            {selectedUnit && (
              <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
                当前单位：{unitPathNames(index, selectedUnit.id).join(' / ')}
                {query.subtree === false ? '（仅本单位）' : '（含下级单位）'}
                <Button type="link" size="small" onClick={() => update({ unitId: undefined })}>
                  查看全部
                </Button>
              </Typography.Paragraph>
            )}
            <PeopleTable
              data={people.data}
              loading={people.isFetching}
              units={index}
              onPage={(page) => update({ page })}
              onEdit={onEdit}
              onRoles={onRoles}
            />
          </Card>
        </Col>
      </Row>
      <PersonFormDrawer
        open={editing !== null}
        person={editing === 'new' ? null : editing}
        defaultUnitId={defaultUnitId}
        onClose={() => setEditing(null)}
      />
      <RolesModal person={rolesFor} onClose={() => setRolesFor(null)} />
    </PageContainer>
  );
}
