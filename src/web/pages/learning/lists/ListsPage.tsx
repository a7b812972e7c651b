import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { LIST_SEGMENT_ZH, LIST_SEGMENTS } from '../../../../common/learning';
import { LIST_STATUS_ZH, ruleNarrows, type ListSummary } from '../../../../common/learning-lists';
import { applyServerErrors } from '../../../components/formErrors';
import { showError, showSuccess } from '../../../components/feedback';
import { PageContainer } from '../../../components/PageContainer';
import { useYearParam, YearSelect } from '../duty/YearSelect';
import { MaterialsTab } from './MaterialsTab';
import { SettingsTab } from './SettingsTab';
import { useListMutations, useListSummaries } from './useLists';
import { ruleSummary } from './ruleSummary';

const TABS = ['lists', 'materials', 'settings'] as const;
type TabKey = (typeof TABS)[number];

export const SEGMENT_COLOR: Record<string, string> = { '1': 'red', '3': 'gold', N: 'blue' };

/** 学法清单 (/learning/lists): the year's "1+3+N" lists, the materials they use, and the year's settings. */
export default function ListsPage() {
  const [year, setYear] = useYearParam();
  const [sp, setSp] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as TabKey) : 'lists';
  const setTab = (t: string) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', t);
        return next;
      },
      { replace: true },
    );
  return (
    <PageContainer title="学法清单" subtitle="“1+3+N”：“1”习近平法治思想，“3”宪法、民法典、党内法规，“N”与岗位相关的法律法规。" extra={<YearSelect value={year} onChange={setYear} />}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'lists', label: '学法清单', children: <ListsTab year={year} /> },
          { key: 'materials', label: '学习材料', children: <MaterialsTab /> },
          { key: 'settings', label: '年度设置', children: <SettingsTab year={year} /> },
        ]}
      />
    </PageContainer>
  );
}

function ListsTab({ year }: { year: number }) {
  const lists = useListSummaries(year);
  const m = useListMutations();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const create = async () => {
    const { name } = await form.validateFields();
    try {
      const l = await m.create.mutateAsync({ year, name, rule: null, items: [] });
      setCreating(false);
      form.resetFields();
      navigate(`/learning/lists/${l.id}`);
    } catch (err) {
      applyServerErrors(form, err);
    }
  };
  const run = async (p: Promise<unknown>, ok: string) => {
    try {
      await p;
      showSuccess(ok);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Card size="small">
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          新建清单
        </Button>
        <Typography.Text type="secondary">已发布的清单按适用范围立即推送给相关人员；一人可同时适用多个清单（如全区通用“1+3”和本岗位的“N”）。</Typography.Text>
      </Space>
      <Table<ListSummary>
        rowKey="id"
        size="small"
        loading={lists.isPending}
        dataSource={lists.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={`${year}年度还没有学法清单`} /> }}
        columns={[
          { title: '清单名称', dataIndex: 'name', render: (n: string, r) => <Link to={`/learning/lists/${r.id}`}>{n}</Link> },
          { title: '状态', dataIndex: 'status', width: 80, render: (s: ListSummary['status']) => <Tag color={s === 'published' ? 'green' : 'default'}>{LIST_STATUS_ZH[s]}</Tag> },
          {
            title: '条目',
            key: 'segments',
            width: 220,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                {LIST_SEGMENTS.filter((s) => r.segments[s] > 0).map((s) => (
                  <Tag key={s} color={SEGMENT_COLOR[s]}>
                    {LIST_SEGMENT_ZH[s]} {r.segments[s]}
                  </Tag>
                ))}
                <Typography.Text type="secondary">
                  共{r.itemCount}项，必学{r.requiredCount}
                </Typography.Text>
              </Space>
            ),
          },
          { title: '适用范围', key: 'rule', render: (_: unknown, r) => (ruleNarrows(r.rule) ? ruleSummary(r.rule) : '全体人员') },
          { title: '适用人数', dataIndex: 'appliesTo', width: 90, align: 'right', render: (n: number) => `${n} 人` },
          {
            title: '操作',
            key: 'actions',
            width: 260,
            render: (_: unknown, r) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => navigate(`/learning/lists/${r.id}`)}>
                  编辑
                </Button>
                {r.status === 'draft' ? (
                  <Button type="link" size="small" onClick={() => void run(m.publish.mutateAsync(r.id), '已发布')}>
                    发布
                  </Button>
                ) : (
                  <Button
                    type="link"
                    size="small"
                    onClick={() =>
                      modal.confirm({ title: `撤回“${r.name}”？`, content: '撤回后相关人员的“我的学习”中不再显示这份清单（已有的学习记录保留）。', onOk: () => run(m.unpublish.mutateAsync(r.id), '已撤回') })
                    }
                  >
                    撤回
                  </Button>
                )}
                <Button
                  type="link"
                  size="small"
                  onClick={() =>
                    m.copy
                      .mutateAsync(r.id)
                      .then((copy) => {
                        showSuccess(`已复制为${copy.year}年度草稿`);
                        navigate(`/learning/lists/${copy.id}`);
                      })
                      .catch(showError)
                  }
                >
                  复制到{r.year + 1}年
                </Button>
                {r.status === 'draft' && (
                  <Button type="link" size="small" danger onClick={() => modal.confirm({ title: `删除“${r.name}”？`, okButtonProps: { danger: true }, onOk: () => run(m.remove.mutateAsync(r.id), '已删除') })}>
                    删除
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal title={`新建${year}年度学法清单`} open={creating} onCancel={() => setCreating(false)} onOk={() => void create()} confirmLoading={m.create.isPending} okText="创建并编辑">
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="清单名称" rules={[{ required: true, whitespace: true, message: '请填写清单名称' }, { max: 100 }]} extra="例如：全区通用“1+3”清单、行政执法岗位“N”清单">
            <Input autoFocus maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
