import { Form, Modal, Radio } from 'antd';
import { useCallback, useState } from 'react';
import { useMe } from '../../../auth/session';
import { can, canManageUnit } from '../../../auth/permissions';
import { UnitTreeSelect } from '../UnitTreeSelect';
import { isInSubtree, type UnitNode } from '../unitTree';

interface Props {
  unit: UnitNode | null;
  onCancel: () => void;
  onSubmit: (parentId: number | null) => Promise<unknown>;
}

/** 移动到…: any unit the user manages except the unit itself, its descendants and its current parent. */
export function MoveUnitModal(props: Props) {
  // Keyed by unit so every opening starts with an empty choice.
  return <MoveUnitModalBody key={props.unit?.id ?? 0} {...props} />;
}

function MoveUnitModalBody({ unit, onCancel, onSubmit }: Props) {
  const { me } = useMe();
  const mayMakeRoot = can(me, 'units.createRoot');
  const [target, setTarget] = useState<'unit' | 'root'>('unit');
  const [parentId, setParentId] = useState<number | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const disableNode = useCallback(
    (n: UnitNode) => !unit || isInSubtree(n, unit) || n.id === unit.parentId || !canManageUnit(me, n),
    [unit, me],
  );

  const ok = async () => {
    if (target === 'unit' && !parentId) return setError('请选择目标上级单位');
    setBusy(true);
    try {
      await onSubmit(target === 'root' ? null : parentId!);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={`移动单位「${unit?.name ?? ''}」`} open={!!unit} onCancel={onCancel} onOk={() => void ok()} okText="移动" confirmLoading={busy} destroyOnHidden>
      <Form layout="vertical">
        {mayMakeRoot && (
          <Form.Item label="移动方式">
            <Radio.Group value={target} onChange={(e) => setTarget(e.target.value as 'unit' | 'root')} disabled={unit?.parentId === null}>
              <Radio value="unit">移动到其他单位下</Radio>
              <Radio value="root">设为顶级单位</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {target === 'unit' && (
          <Form.Item label="目标上级单位" required validateStatus={error ? 'error' : undefined} help={error ?? '不能移动到本单位或其下级单位之下'}>
            <UnitTreeSelect
              value={parentId}
              onChange={(v) => {
                setParentId(v);
                setError(null);
              }}
              disableNode={disableNode}
              placeholder="请选择目标上级单位"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
