import { Alert, Checkbox, Col, Form, Row, Select, Switch, TreeSelect } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo } from 'react';
import { POST_CATEGORIES, RANKS } from '../../../../common/org';
import { toSelectTree } from '../../org/unitTree';
import { useUnits } from '../../org/useUnits';
import type { ExamFormValues } from './formValues';

/** 考生范围: who is on the roster by rule (unit subtrees, 职级, 岗位类别, 主要负责人); the explicit list is on the detail page. */
export function RosterRuleEditor({ form, disabled }: { form: FormInstance<ExamFormValues>; disabled: boolean }) {
  const on = Form.useWatch('rosterRuleOn', { form, preserve: true }) as boolean | undefined;
  const kind = Form.useWatch('kind', { form, preserve: true }) as ExamFormValues['kind'] | undefined;
  const { index, isLoading } = useUnits();
  const treeData = useMemo(() => toSelectTree(index.roots), [index]);
  const rule = Form.useWatch('rosterRule', { form, preserve: true }) as ExamFormValues['rosterRule'] | undefined;
  const noCriteria = !!rule && !rule.unitIds?.length && !rule.ranks?.length && !rule.postCategories?.length && !rule.principalLeadersOnly;
  const listKind = kind === 'pre_appointment' || kind === 'makeup';

  return (
    <>
      {listKind && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={kind === 'pre_appointment' ? '任前考试的考生是拟提拔人选名单' : '补考考生通常由原考试“安排补考”加入'}
          description="保存后在考试详情的“考生名单”中逐一添加人员或导入 Excel 名单。一般不需要按规则确定考生。"
        />
      )}
      <Form.Item label="按规则确定考生" name="rosterRuleOn" valuePropName="checked" extra="发布时按下列条件从人员库（在职人员）生成考生名单，并与手工添加的名单合并。">
        <Switch disabled={disabled} />
      </Form.Item>
      {on && noCriteria && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="还没有设置任何条件：请至少选择单位、职级、岗位类别或“只包括单位主要负责人”中的一项，否则不会按规则加入任何考生。" />
      )}
      {on && (
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item label="单位（含下级单位）" name={['rosterRule', 'unitIds']} extra="全区考试请选择最上级单位；只按职级等条件时可不选单位。">
              <TreeSelect<number[]>
                multiple
                disabled={disabled}
                treeData={treeData}
                loading={isLoading}
                placeholder="选择单位"
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandAll={index.byId.size <= 60}
                treeLine
                allowClear
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="职级" name={['rosterRule', 'ranks']} extra="不选表示不限职级。">
              <Select mode="multiple" disabled={disabled} allowClear placeholder="不限职级" options={RANKS.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="岗位类别" name={['rosterRule', 'postCategories']} extra="不选表示不限岗位类别。">
              <Select mode="multiple" disabled={disabled} allowClear placeholder="不限岗位类别" options={POST_CATEGORIES.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label=" " name={['rosterRule', 'principalLeadersOnly']} valuePropName="checked">
              <Checkbox disabled={disabled}>只包括单位主要负责人</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}
