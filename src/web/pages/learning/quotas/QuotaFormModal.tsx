import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import type { QuotaView } from '../../../../common/duty';
import { LECTURE_KINDS, STUDY_KINDS, type QuotaMetric } from '../../../../common/learning';
import { POST_CATEGORIES, RANKS } from '../../../../common/org';
import { api } from '../../../api';
import { showSuccess } from '../../../components/feedback';
import { applyServerErrors } from '../../../components/formErrors';
import { toSelectTree } from '../../org/unitTree';
import { useUnits } from '../../org/useUnits';

interface Values {
  name: string;
  metric: QuotaMetric;
  activityKind?: string;
  unitIds: number[];
  ruleUnitIds: number[];
  ranks: string[];
  postCategories: string[];
  principalLeadersOnly: boolean;
  target: number;
}

/** 新增/修改学法指标. `quota` null = new one for `year`. */
export function QuotaFormModal({ open, quota, year, onClose }: { open: boolean; quota: QuotaView | null; year: number; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { index, isLoading } = useUnits();
  const treeData = useMemo(() => toSelectTree(index.roots), [index]);
  const metric = Form.useWatch('metric', form) ?? 'activity_count';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      quota
        ? {
            name: quota.name,
            metric: quota.metric,
            activityKind: quota.activityKind ?? undefined,
            unitIds: quota.unitIds,
            ruleUnitIds: quota.rule?.unitIds ?? [],
            ranks: quota.rule?.ranks ?? [],
            postCategories: quota.rule?.postCategories ?? [],
            principalLeadersOnly: quota.rule?.principalLeadersOnly ?? false,
            target: quota.target,
          }
        : { metric: 'activity_count', unitIds: [], ruleUnitIds: [], ranks: [], postCategories: [], principalLeadersOnly: false },
    );
  }, [open, quota, form]);

  const save = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (v: Values) => {
      const body = {
        year: quota?.year ?? year,
        name: v.name,
        metric: v.metric,
        activityKind: v.metric === 'activity_count' ? (v.activityKind ?? null) : null,
        unitIds: v.metric === 'activity_count' ? (v.unitIds ?? []) : [],
        rule:
          v.metric === 'personal_hours'
            ? { unitIds: v.ruleUnitIds ?? [], ranks: v.ranks ?? [], postCategories: v.postCategories ?? [], principalLeadersOnly: !!v.principalLeadersOnly }
            : null,
        target: v.target,
      };
      return quota ? api.put<QuotaView>(`/api/learning/quotas/${quota.id}`, body) : api.post<QuotaView>('/api/learning/quotas', body);
    },
    onSuccess: () => {
      showSuccess(quota ? '指标已保存' : '指标已新增');
      void qc.invalidateQueries({ queryKey: ['learning', 'quotas'] });
      onClose();
    },
    onError: (err) => applyServerErrors(form, err, { 'rule.unitIds': 'ruleUnitIds' }),
  });

  const unitPicker = (
    <TreeSelect<number[]>
      multiple
      treeData={treeData}
      loading={isLoading}
      placeholder="选择单位"
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll={index.byId.size <= 60}
      treeLine
      allowClear
      style={{ width: '100%' }}
    />
  );

  return (
    <Modal
      open={open}
      title={quota ? '修改学法指标' : `新增学法指标（${year}年度）`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      width={680}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item label="指标名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写指标名称' }]}>
          <Input maxLength={60} placeholder="如：每季度至少一次集中学法" />
        </Form.Item>
        <Form.Item label="指标类型" name="metric">
          <Radio.Group
            options={[
              { value: 'activity_count', label: '单位组织活动次数' },
              { value: 'personal_hours', label: '个人学时' },
            ]}
          />
        </Form.Item>
        {metric === 'activity_count' ? (
          <>
            <Form.Item label="计数的学法/讲法形式" name="activityKind" extra="只统计由该单位主办、状态为“已举行”的此类活动。">
              <Select
                placeholder="请选择"
                options={[
                  { label: '集体学法', options: STUDY_KINDS.map((k) => ({ value: k, label: k })) },
                  { label: '讲法', options: LECTURE_KINDS.map((k) => ({ value: k, label: k })) },
                ]}
              />
            </Form.Item>
            <Form.Item label="适用单位" name="unitIds" extra="每个所选单位各自须达到目标次数（只计该单位自己主办的活动，不含下级单位）。">
              {unitPicker}
            </Form.Item>
            <Form.Item label="全年目标（次）" name="target" rules={[{ required: true, message: '请填写目标次数' }]}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </>
        ) : (
          <>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item label="适用单位（含下级单位）" name="ruleUnitIds" extra="不选任何条件表示全体在职人员。">
                  {unitPicker}
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="职级" name="ranks">
                  <Select mode="multiple" allowClear placeholder="不限职级" options={RANKS.map((r) => ({ value: r, label: r }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="岗位类别" name="postCategories">
                  <Select mode="multiple" allowClear placeholder="不限岗位类别" options={POST_CATEGORIES.map((r) => ({ value: r, label: r }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label=" " name="principalLeadersOnly" valuePropName="checked">
                  <Checkbox>只包括党政主要负责人</Checkbox>
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label="每人全年目标（学时）" name="target" rules={[{ required: true, message: '请填写目标学时' }]} extra="学时来自学法自学、集体学法和听讲座的学时记录。">
              <InputNumber min={0.5} max={10000} step={0.5} style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
