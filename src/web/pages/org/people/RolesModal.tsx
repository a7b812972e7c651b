import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Checkbox, Form, Modal, Space, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ROLE_ZH } from '../../../../common/org';
import { api } from '../../../api';
import { showSuccess } from '../../../components/feedback';
import type { AssignableRole, Person } from '../../../types';
import { toSelectTree } from '../unitTree';
import { useUnits } from '../useUnits';

const GLOBAL_ROLES: { role: Exclude<AssignableRole, 'unit_admin'>; hint: string }[] = [
  { role: 'admin', hint: '管理全部单位、人员、角色和系统设置' },
  { role: 'organiser', hint: '组织学法、考试和评议，查看全部人员和报表' },
  { role: 'reviewer', hint: '评议分配给本人的述职述法报告' },
];

interface Props {
  person: Person | null;
  onClose: () => void;
}

/** 角色 (系统管理员 only): global roles as checkboxes, 单位管理员 per unit. 学员 is implied. */
export function RolesModal({ person, onClose }: Props) {
  // Keyed by person so the checkboxes start from that person's roles each time.
  return <RolesModalBody key={person?.id ?? 0} person={person} onClose={onClose} />;
}

const adminUnitsOf = (p: Person | null) => (p?.roles ?? []).filter((r) => r.role === 'unit_admin' && r.unitId).map((r) => r.unitId!);

function RolesModalBody({ person, onClose }: Props) {
  const qc = useQueryClient();
  const { index } = useUnits();
  const treeData = useMemo(() => toSelectTree(index.roots), [index]);
  const [globals, setGlobals] = useState<string[]>(() => (person?.roles ?? []).filter((r) => r.role !== 'unit_admin').map((r) => r.role));
  const [adminUnits, setAdminUnits] = useState<number[]>(() => adminUnitsOf(person));
  const [unitAdmin, setUnitAdmin] = useState(() => adminUnitsOf(person).length > 0);
  const [unitError, setUnitError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () =>
      api.put<Person>(`/api/people/${person!.id}/roles`, {
        roles: [
          ...globals.map((role) => ({ role })),
          ...(unitAdmin ? adminUnits.map((unitId) => ({ role: 'unit_admin', unitId })) : []),
        ],
      }),
    onSuccess: () => {
      showSuccess('角色已保存');
      void qc.invalidateQueries({ queryKey: ['people'] });
      onClose();
    },
  });

  const ok = () => {
    if (unitAdmin && adminUnits.length === 0) return setUnitError('请选择所管理的单位');
    save.mutate();
  };

  return (
    <Modal title={`设置角色 — ${person?.name ?? ''}`} open={!!person} onCancel={onClose} onOk={ok} okText="保存" confirmLoading={save.isPending} destroyOnHidden width={560}>
      <Form layout="vertical">
        <Form.Item label="学员">
          <Checkbox checked disabled>
            学员（所有人员默认具有，可参加学法和考试）
          </Checkbox>
        </Form.Item>
        <Form.Item label="全局角色">
          <Checkbox.Group value={globals} onChange={(v) => setGlobals(v as string[])}>
            <Space orientation="vertical">
              {GLOBAL_ROLES.map((r) => (
                <Checkbox key={r.role} value={r.role}>
                  {ROLE_ZH[r.role]} <Typography.Text type="secondary">— {r.hint}</Typography.Text>
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item label="按单位授权" validateStatus={unitError ? 'error' : undefined} help={unitError ?? '管理所选单位及其全部下级单位的人员'}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Checkbox checked={unitAdmin} onChange={(e) => setUnitAdmin(e.target.checked)}>
              {ROLE_ZH.unit_admin}
            </Checkbox>
            {unitAdmin && (
              <TreeSelect<number[]>
                aria-label="管理的单位"
                multiple
                treeData={treeData}
                value={adminUnits}
                onChange={(v) => {
                  setAdminUnits(v);
                  setUnitError(null);
                }}
                placeholder="请选择管理的单位"
                showSearch={{ treeNodeFilterProp: 'title' }}
                style={{ width: '100%' }}
                treeDefaultExpandAll={index.byId.size <= 60}
                treeLine
              />
            )}
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
