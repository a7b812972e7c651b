import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Row, Skeleton } from 'antd';
import { ApiError } from '../../../api';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { can } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import { showError, showSuccess } from '../../../components/feedback';
import { PageContainer } from '../../../components/PageContainer';
import { UnitTreePanel } from '../UnitTreePanel';
import { useUnits } from '../useUnits';
import { MoveUnitModal } from './MoveUnitModal';
import { UnitActions } from './UnitActions';
import { UnitDetail } from './UnitDetail';
import { UnitFormModal, type UnitFormValues } from './UnitFormModal';
import { useUnitMutations } from './useUnitMutations';

type Editing = { mode: 'root' } | { mode: 'child'; parentId: number } | { mode: 'rename'; id: number } | null;

export default function UnitsPage() {
  const { me } = useMe();
  const { modal } = App.useApp();
  const { index, isLoading } = useUnits();
  const { create, patch, remove } = useUnitMutations();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Editing>(null);
  const [moving, setMoving] = useState<number | null>(null);

  const requested = Number(params.get('id')) || null;
  const selected = (requested && index.byId.get(requested)) || index.roots[0] || null;
  const select = (id: number | null) => setParams(id ? { id: String(id) } : {}, { replace: true });

  const editingUnit = editing?.mode === 'rename' ? index.byId.get(editing.id) : undefined;
  const parentForNew = editing?.mode === 'child' ? index.byId.get(editing.parentId) : undefined;

  const saveUnit = async (v: UnitFormValues) => {
    if (!editing) return;
    if (editing.mode === 'rename') {
      await patch.mutateAsync({ id: editing.id, name: v.name, sortOrder: v.sortOrder });
      showSuccess('已保存');
    } else {
      const created = await create.mutateAsync({ name: v.name, parentId: editing.mode === 'child' ? editing.parentId : null });
      showSuccess(`已新增单位「${created.name}」`);
      select(created.id);
    }
    setEditing(null);
  };

  return (
    <PageContainer
      title="单位管理"
      subtitle="维护单位/部门的上下级结构。删除单位前须先移走其人员和下级单位。"
      extra={
        can(me, 'units.createRoot') && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ mode: 'root' })}>
            新增顶级单位
          </Button>
        )
      }
    >
      <Row gutter={16} wrap={false}>
        <Col flex="340px">
          <Card title="单位结构" size="small" styles={{ body: { padding: 12 } }} style={{ position: 'sticky', top: 88 }}>
            <UnitTreePanel selectedId={selected?.id ?? null} onSelect={select} />
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {isLoading ? (
            <Card>
              <Skeleton active />
            </Card>
          ) : !selected ? (
            <Card>
              <Empty description="还没有单位，请先新增顶级单位" />
            </Card>
          ) : (
            <UnitDetail
              unit={selected}
              index={index}
              onOpenChild={select}
              actions={
                <UnitActions
                  unit={selected}
                  onAddChild={() => setEditing({ mode: 'child', parentId: selected.id })}
                  onRename={() => setEditing({ mode: 'rename', id: selected.id })}
                  onMove={() => setMoving(selected.id)}
                  onToggleDisabled={() =>
                    patch
                      .mutateAsync({ id: selected.id, disabled: !selected.disabled })
                      .then(() => showSuccess(selected.disabled ? '已启用' : '已停用'), showError)
                  }
                  onDelete={() =>
                    remove.mutateAsync(selected.id).then(
                      () => {
                        showSuccess(`已删除单位「${selected.name}」`);
                        select(selected.parentId);
                      },
                      // The server says how many people / sub-units are in the way: worth a dialog, not a toast.
                      (err: unknown) => {
                        if (err instanceof ApiError && err.code === 'UNIT_NOT_EMPTY') modal.warning({ title: '无法删除该单位', content: err.message, okText: '知道了' });
                        else showError(err);
                      },
                    )
                  }
                />
              }
            />
          )}
        </Col>
      </Row>
      <UnitFormModal
        open={!!editing}
        title={editing?.mode === 'rename' ? '重命名单位' : editing?.mode === 'child' ? '新增下级单位' : '新增顶级单位'}
        context={parentForNew ? `上级单位：${parentForNew.name}` : undefined}
        withSortOrder={editing?.mode === 'rename'}
        initial={editingUnit ? { name: editingUnit.name, sortOrder: editingUnit.sortOrder } : undefined}
        onCancel={() => setEditing(null)}
        onSubmit={saveUnit}
      />
      <MoveUnitModal
        unit={moving ? (index.byId.get(moving) ?? null) : null}
        onCancel={() => setMoving(null)}
        onSubmit={(parentId) =>
          patch.mutateAsync({ id: moving!, parentId }).then(() => {
            showSuccess('已移动');
            setMoving(null);
          }, showError)
        }
      />
    </PageContainer>
  );
}
