import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { can, canManageUnit, isAdminRoot } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import type { UnitNode } from '../unitTree';

interface Props {
  unit: UnitNode;
  onAddChild: () => void;
  onRename: () => void;
  onMove: () => void;
  onToggleDisabled: () => Promise<unknown>;
  onDelete: () => Promise<unknown>;
}

/** The buttons for one unit; only those the user may use are shown. */
export function UnitActions({ unit, onAddChild, onRename, onMove, onToggleDisabled, onDelete }: Props) {
  const { me } = useMe();
  const navigate = useNavigate();
  const manage = canManageUnit(me, unit);
  const structural = manage && !isAdminRoot(me, unit.id);

  return (
    <Space wrap>
      {can(me, 'people.view') && (
        <Button icon={<TeamOutlined aria-hidden />} onClick={() => navigate(`/org/people?unitId=${unit.id}`)}>
          查看人员
        </Button>
      )}
      {manage && (
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={onAddChild}>
          新增下级单位
        </Button>
      )}
      {manage && (
        <Button icon={<EditOutlined aria-hidden />} onClick={onRename}>
          重命名
        </Button>
      )}
      {structural && (
        <Button icon={<DragOutlined aria-hidden />} onClick={onMove}>
          移动到…
        </Button>
      )}
      {structural && (
        <Popconfirm
          title={unit.disabled ? `启用单位「${unit.name}」？` : `停用单位「${unit.name}」？`}
          description={unit.disabled ? '启用后可再向该单位新增或调入人员。' : '停用后不能再向该单位新增或调入人员，已有人员不受影响，可随时重新启用。'}
          okText={unit.disabled ? '启用' : '停用'}
          onConfirm={onToggleDisabled}
        >
          <Button icon={unit.disabled ? <CheckCircleOutlined aria-hidden /> : <StopOutlined aria-hidden />}>{unit.disabled ? '启用' : '停用'}</Button>
        </Popconfirm>
      )}
      {structural && (
        <Popconfirm
          title={`删除单位「${unit.name}」？`}
          description="只能删除没有人员和下级单位的单位，删除后不可恢复。"
          okText="删除"
          okButtonProps={{ danger: true }}
          onConfirm={onDelete}
        >
          <Button danger icon={<DeleteOutlined aria-hidden />}>
            删除
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
