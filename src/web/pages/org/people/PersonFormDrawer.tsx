import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AutoComplete, Button, Col, Drawer, Form, Input, Radio, Row, Select, Space, Switch } from 'antd';
import { useCallback, useEffect } from 'react';
import { genderFromIdNumber, normaliseIdNumber } from '../../../../common/idcard';
import { PERSON_STATUSES, POST_CATEGORIES, RANKS } from '../../../../common/org';
import { api } from '../../../api';
import { canManageUnit } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import { showSuccess } from '../../../components/feedback';
import { applyServerErrors } from '../../../components/formErrors';
import type { Person } from '../../../types';
import { UnitTreeSelect } from '../UnitTreeSelect';
import type { UnitNode } from '../unitTree';
import { UNITS_KEY } from '../useUnits';
import { EMPLOYEE_NO_RE, idNumberError, phoneError, toFormValues, toInput, type PersonFormValues } from './personForm';

interface Props {
  open: boolean;
  /** null: 新增人员 */
  person: Person | null;
  defaultUnitId?: number;
  onClose: () => void;
}

const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));
const check = (fn: (v: string | undefined) => string | null) => ({
  validator: (_: unknown, v: string | undefined) => {
    const e = fn(v);
    return e ? Promise.reject(new Error(e)) : Promise.resolve();
  },
});

/** 新增人员 / 编辑人员. Checked here first, then by the server whose issues land on the same fields. */
export function PersonFormDrawer({ open, person, defaultUnitId, onClose }: Props) {
  const [form] = Form.useForm<PersonFormValues>();
  const qc = useQueryClient();
  const { me } = useMe();
  const editing = person !== null;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(toFormValues(person, defaultUnitId));
    }
  }, [open, person, defaultUnitId, form]);

  const disableUnit = useCallback((u: UnitNode) => u.disabled || !canManageUnit(me, u), [me]);

  const save = useMutation({
    mutationFn: (v: PersonFormValues) =>
      editing ? api.patch<Person>(`/api/people/${person.id}`, toInput(v, true)) : api.post<Person>('/api/people', toInput(v, false)),
    meta: { handlesErrors: true },
    onSuccess: (p) => {
      showSuccess(editing ? `已保存「${p.name}」` : `已新增人员「${p.name}」`);
      void qc.invalidateQueries({ queryKey: ['people'] });
      void qc.invalidateQueries({ queryKey: UNITS_KEY });
      onClose();
    },
    onError: (err) => applyServerErrors(form, err),
  });

  const needIdOrNo = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: () => {
      const has = (n: string) => String(getFieldValue(n) ?? '').trim() !== '';
      const ok = has('idNumber') || has('employeeNo') || (editing && !!person.idNumberMasked);
      return ok ? Promise.resolve() : Promise.reject(new Error('身份证号和工号至少填写一项'));
    },
  });

  return (
    <Drawer
      title={editing ? `编辑人员 — ${person.name}` : '新增人员'}
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form<PersonFormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        onValuesChange={(changed: Partial<PersonFormValues>) => {
          // Fill 性别 from the 身份证号 when it is still empty.
          if (changed.idNumber !== undefined && !form.getFieldValue('gender') && !idNumberError(changed.idNumber)) {
            const g = genderFromIdNumber(normaliseIdNumber(changed.idNumber));
            if (g) form.setFieldValue('gender', g);
          }
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50, message: '姓名不能超过50个字符' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="性别" name="gender">
              <Radio.Group options={[{ value: '男', label: '男' }, { value: '女', label: '女' }]} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="身份证号"
              name="idNumber"
              dependencies={['employeeNo']}
              extra={editing && person.idNumberMasked ? `已登记 ${person.idNumberMasked}，留空表示不修改` : undefined}
              rules={[check(idNumberError), needIdOrNo]}
            >
              <Input maxLength={20} placeholder={editing && person.idNumberMasked ? '如需更正请输入完整号码' : '18位居民身份证号'} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="工号"
              name="employeeNo"
              extra="也可作为登录名"
              rules={[{ max: 32, message: '工号不能超过32个字符' }, { pattern: EMPLOYEE_NO_RE, message: '工号/登录名只能包含字母、数字和 _ . @ -' }]}
            >
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="手机" name="phone" rules={[check(phoneError)]}>
              <Input maxLength={20} placeholder="11位手机号" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
              <UnitTreeSelect disableNode={disableUnit} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="职务" name="title" rules={[{ max: 50, message: '职务不能超过50个字符' }]}>
              <Input maxLength={50} placeholder="例如：科长" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="职级" name="rank">
              <Select allowClear options={opts(RANKS)} placeholder="请选择" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="岗位类别" name="postCategory" rules={[{ max: 30, message: '岗位类别不能超过30个字符' }]}>
              <AutoComplete options={opts(POST_CATEGORIES)} placeholder="可选择或输入" allowClear />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="状态" name="status" rules={[{ required: true, message: '请选择状态' }]}>
              <Select options={opts(PERSON_STATUSES)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="党政主要负责人" name="isPrincipalLeader" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="执法人员" name="isLawEnforcement" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
