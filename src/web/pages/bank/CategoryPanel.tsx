import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Form, Input, Modal, Skeleton, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { applyServerErrors } from '../../components/formErrors';
import { showSuccess } from '../../components/feedback';
import { buildCategoryTree, categoryLabel, type CategoryNode } from './categoryTree';
import { useCategories, useCreateCategory } from './useBank';

function toTreeData(nodes: CategoryNode[]): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: (
      <span className="bank-cat__title">
        <span>{n.name}</span>
        <span className="bank-cat__count" title={`含下级分类共 ${n.total} 题`}>
          {n.total}
        </span>
      </span>
    ),
    children: toTreeData(n.children),
  }));
}

/** 题库分类 tree: click to filter, click again to show all; 新增分类 under the selected one. */
export function CategoryPanel({ selectedId, onSelect }: { selectedId: number | null; onSelect: (id: number | null) => void }) {
  const { categories, isLoading } = useCategories();
  const tree = useMemo(() => toTreeData(buildCategoryTree(categories)), [categories]);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateCategory();
  const parentLabel = categoryLabel(categories, selectedId);

  const submit = async () => {
    const { name } = await form.validateFields();
    create.mutate(
      { name: name.trim(), parentId: selectedId },
      {
        onSuccess: (c) => {
          showSuccess(`已新增分类“${c.name}”`);
          setAdding(false);
          form.resetFields();
        },
        onError: (err) => applyServerErrors(form, err),
      },
    );
  };

  return (
    <div>
      <Button block icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} style={{ marginBottom: 12 }}>
        新增分类
      </Button>
      <div
        className={selectedId === null ? 'bank-cat__all bank-cat__all--on' : 'bank-cat__all'}
        role="button"
        tabIndex={0}
        onClick={() => onSelect(null)}
        onKeyDown={(e) => e.key === 'Enter' && onSelect(null)}
      >
        全部题目
      </div>
      {isLoading ? (
        <Skeleton active paragraph={{ rows: 5 }} />
      ) : tree.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无分类" />
      ) : (
        <Tree
          blockNode
          showLine
          defaultExpandAll
          treeData={tree}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => onSelect(keys.length ? Number(keys[0]) : null)}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
        数字为含下级分类的题目数
      </Typography.Text>
      <Modal
        title="新增分类"
        open={adding}
        onOk={() => void submit()}
        confirmLoading={create.isPending}
        onCancel={() => setAdding(false)}
        okText="保存"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item label="上级分类">
            <Typography.Text>{parentLabel || '（顶级分类）'}</Typography.Text>
          </Form.Item>
          <Form.Item label="分类名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写分类名称' }, { max: 50, message: '分类名称不能超过50个字符' }]}>
            <Input autoFocus placeholder="例如：民法典" onPressEnter={() => void submit()} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
