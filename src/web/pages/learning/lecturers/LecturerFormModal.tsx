import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import type { LecturerDetail, LecturerInputRaw, LecturerView } from '../../../../common/duty';
import { LECTURER_LEVELS } from '../../../../common/learning';
import type { PersonView } from '../../../../common/org';
import { api } from '../../../api';
import { showSuccess } from '../../../components/feedback';
import { applyServerErrors } from '../../../components/formErrors';

type Values = Omit<LecturerInputRaw, 'organisation' | 'title' | 'phone' | 'intro'> & { organisation?: string; title?: string; phone?: string; intro?: string };

/** Pick one of our people by name (optional link of a lecturer to a person). */
function PersonSelect({ value, onChange, initialName }: { value?: number | null; onChange?: (v: number | null) => void; initialName?: string | null }) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['people', 'lookup', q],
    queryFn: () => api.get<{ items: PersonView[] }>('/api/people', { q, pageSize: 20 }),
    enabled: q.trim().length > 0,
  });
  const options = (found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.unitPathNames.slice(-1)[0] ?? p.unitName}）` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: initialName ?? `#${value}` });
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder="输入姓名查找（外部讲师不填）"
      loading={found.isFetching}
      options={options}
      notFoundContent={q ? '没有找到' : '输入姓名查找'}
    />
  );
}

/** 新增/修改讲师. */
export function LecturerFormModal({ open, lecturer, onClose }: { open: boolean; lecturer: LecturerView | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      lecturer
        ? {
            name: lecturer.name,
            level: lecturer.level,
            organisation: lecturer.organisation ?? undefined,
            title: lecturer.title ?? undefined,
            specialities: lecturer.specialities,
            phone: lecturer.phone ?? undefined,
            intro: lecturer.intro ?? undefined,
            personId: lecturer.personId,
            active: lecturer.active,
          }
        : { level: '区级', specialities: [], active: true, personId: null },
    );
  }, [open, lecturer, form]);

  const save = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (v: Values) => {
      const body: LecturerInputRaw = {
        ...v,
        organisation: v.organisation ?? null,
        title: v.title ?? null,
        phone: v.phone ?? null,
        intro: v.intro ?? null,
        personId: v.personId ?? null,
      };
      return lecturer ? api.put<LecturerDetail>(`/api/lecturers/${lecturer.id}`, body) : api.post<LecturerDetail>('/api/lecturers', body);
    },
    onSuccess: () => {
      showSuccess(lecturer ? '已保存' : '已加入师资库');
      void qc.invalidateQueries({ queryKey: ['lecturers'] });
      onClose();
    },
    onError: (err) => applyServerErrors(form, err),
  });

  return (
    <Modal open={open} title={lecturer ? '修改讲师' : '新增讲师'} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={save.isPending} destroyOnHidden width={600}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item label="级别" name="level" rules={[{ required: true, message: '请选择师资级别' }]}>
          <Select options={LECTURER_LEVELS.map((l) => ({ value: l, label: l }))} />
        </Form.Item>
        <Form.Item label="工作单位" name="organisation">
          <Input maxLength={100} placeholder="如：区司法局、某律师事务所" />
        </Form.Item>
        <Form.Item label="职务/职称" name="title">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="专长" name="specialities" extra="输入后回车，可填多项。">
          <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder="如：民法典、行政执法" open={false} />
        </Form.Item>
        <Form.Item label="联系电话" name="phone">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item label="对应人员" name="personId" extra="讲师是本系统中的人员时选择，其作为主讲人的讲法活动会计入讲课记录。">
          <PersonSelect initialName={lecturer?.personName} />
        </Form.Item>
        <Form.Item label="简介" name="intro">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label="在库" name="active" valuePropName="checked" extra="停用后不再出现在选择讲师的列表中，历史记录保留。">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
