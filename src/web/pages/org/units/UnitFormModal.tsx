import { Form, Input, InputNumber, Modal } from 'antd';
import { useEffect } from 'react';
import { applyServerErrors } from '../../../components/formErrors';

export interface UnitFormValues {
  name: string;
  sortOrder?: number;
}

interface Props {
  open: boolean;
  title: string;
  /** shown above the form, e.g. "上级单位：区司法局" */
  context?: string;
  initial?: UnitFormValues;
  /** 排序号 is edited on an existing unit only (new units go last). */
  withSortOrder?: boolean;
  onCancel: () => void;
  onSubmit: (v: UnitFormValues) => Promise<unknown>;
}

/** 新增单位 / 重命名: a name (unique among siblings, checked by the server) and a sort number. */
export function UnitFormModal({ open, title, context, initial, withSortOrder, onCancel, onSubmit }: Props) {
  const [form] = Form.useForm<UnitFormValues>();
  useEffect(() => {
    if (open) form.setFieldsValue({ name: initial?.name ?? '', sortOrder: initial?.sortOrder ?? 0 });
  }, [open, initial, form]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await onSubmit({ name: v.name.trim(), sortOrder: v.sortOrder });
    } catch (err) {
      applyServerErrors(form, err);
    }
  };

  return (
    <Modal title={title} open={open} onCancel={onCancel} onOk={() => void submit().catch(() => undefined)} okText="保存" destroyOnHidden>
      {context && <div style={{ marginBottom: 16, color: 'rgba(0,0,0,0.65)' }}>{context}</div>}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          label="单位名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请填写单位名称' },
            { max: 60, message: '单位名称不能超过60个字符' },
            { pattern: /^[^/]*$/, message: '单位名称不能包含“/”' },
          ]}
        >
          <Input autoFocus maxLength={60} placeholder="例如：办公室、执法大队" />
        </Form.Item>
        {withSortOrder && (
          <Form.Item label="排序号" name="sortOrder" extra="同级单位按排序号从小到大排列">
            <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
