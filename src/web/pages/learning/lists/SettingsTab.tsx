import { Button, Card, Form, InputNumber, Skeleton, TreeSelect, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { LearningYearSettings } from '../../../../common/learning';
import { api } from '../../../api';
import { applyServerErrors } from '../../../components/formErrors';
import { showSuccess } from '../../../components/feedback';
import { buildCategoryTree, type CategoryNode } from '../../bank/categoryTree';
import { useCategories } from '../../bank/useBank';
import { useYearSettings } from './useLists';

const toData = (nodes: CategoryNode[]): (TreeDataNode & { value: number })[] => nodes.map((n) => ({ key: n.id, value: n.id, title: n.name, children: toData(n.children) }));

/** 年度设置: daily self-study cap, lecture duty, practice. Applies to the chosen year only. */
export function SettingsTab({ year }: { year: number }) {
  const settings = useYearSettings(year);
  const [form] = Form.useForm<LearningYearSettings>();
  const [saving, setSaving] = useState(false);
  const qc = useQueryClient();
  const { categories, isLoading } = useCategories();
  const tree = useMemo(() => toData(buildCategoryTree(categories)), [categories]);
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  if (settings.isPending) return <Skeleton active />;

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await api.put(`/api/learning/settings/${year}`, { ...values, practiceCategoryIds: values.practiceCategoryIds ?? [] });
      await qc.invalidateQueries({ queryKey: ['learning', 'settings', year] });
      showSuccess(`${year}年度设置已保存`);
    } catch (err) {
      applyServerErrors(form, err);
    } finally {
      setSaving(false);
    }
  };

  const num = (name: keyof LearningYearSettings, label: string, min: number, max: number, unit: string, extra: string) => (
    <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, message: `请填写${label}` }]}>
      <InputNumber min={min} max={max} precision={0} suffix={unit} style={{ width: 200 }} />
    </Form.Item>
  );

  return (
    <Card size="small" title={`${year}年度设置`} style={{ maxWidth: 760 }}>
      <Form form={form} layout="vertical">
        {num('dailyCapMinutes', '每日自学学时上限', 10, 1440, '分钟', '法规自学与材料自学每人每天最多计入的学时；集体学法与讲座按实际时长全额计入。')}
        {num('lectureDutyCount', '党政主要负责人年度讲法次数', 0, 20, '次', '讲法责任与学法档案按此判断是否完成。')}
        {num('dailyPracticeCount', '每日一练题数', 1, 50, '题', '')}
        {num('practiceAvoidDays', '每日一练不重复天数', 0, 365, '天', '练过的题在此天数内不再出现在每日一练中。')}
        {num('wrongBookMasterStreak', '错题本移出所需连续答对次数', 1, 5, '次', '')}
        <Form.Item name="practiceCategoryIds" label="练习题目范围（题库分类）" extra="不选表示全部启用的题目。练习答题后会显示答案，考试专用、需要保密的题目请放在未选的分类中。">
          <TreeSelect<number[]> multiple allowClear treeData={tree} loading={isLoading} treeDefaultExpandAll placeholder="全部题目" style={{ width: '100%' }} showSearch={{ treeNodeFilterProp: 'title' }} />
        </Form.Item>
        <Button type="primary" onClick={() => void save()} loading={saving}>
          保存
        </Button>
        <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
          只影响{year}年度；未设置的年度使用默认值。
        </Typography.Text>
      </Form>
    </Card>
  );
}
