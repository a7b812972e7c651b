import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, Result, Row, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { AssignmentRule } from '../../../../common/learning';
import { LIST_ITEM_KIND_ZH, LIST_SEGMENT_ZH } from '../../../../common/learning';
import { LIST_STATUS_ZH, ruleNarrows, type ListView } from '../../../../common/learning-lists';
import { ApiError } from '../../../api';
import { showError, showSuccess } from '../../../components/feedback';
import { PageContainer } from '../../../components/PageContainer';
import { ItemDrawer, type ItemDraft } from './ItemDrawer';
import { SEGMENT_COLOR } from './ListsPage';
import { RuleEditor } from './RuleEditor';
import { useList, useListMutations } from './useLists';

const toDrafts = (l: ListView): ItemDraft[] => l.items.map((i) => ({ ...i, key: `id-${i.id}` }));

/** 编辑学法清单 (/learning/lists/:id): name, who it applies to, and its items; publish when ready. */
export default function ListEditPage() {
  const id = Number(useParams().id);
  const list = useList(id);
  if (list.isPending) return <Skeleton active />;
  if (list.isError || !list.data) return <Result status="404" title="清单不存在" extra={<Link to="/learning/lists">返回学法清单</Link>} />;
  // a fresh editor for every stored version of the list (after a save the refetched list remounts it)
  return <ListEditor key={list.data.updatedAt + list.data.status} list={list.data} />;
}

function ListEditor({ list: l }: { list: ListView }) {
  const id = l.id;
  const m = useListMutations();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [name, setName] = useState(l.name);
  const [description, setDescription] = useState(l.description ?? '');
  const [rule, setRule] = useState<AssignmentRule | null>(l.rule);
  const [items, setItems] = useState<ItemDraft[]>(() => toDrafts(l));
  const [dirty, setDirty] = useState(false);
  const [drawer, setDrawer] = useState<{ open: boolean; item: ItemDraft | null }>({ open: false, item: null });
  const [issues, setIssues] = useState<string[]>([]);
  const load = (_saved: ListView) => {
    setDirty(false);
    setIssues([]);
  };

  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setDirty(true);
  };
  const setItem = (key: string, patch: Partial<ItemDraft>) => {
    setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));
    setDirty(true);
  };
  const move = (i: number, d: -1 | 1) => {
    setItems((xs) => {
      const next = [...xs];
      [next[i], next[i + d]] = [next[i + d], next[i]];
      return next;
    });
    setDirty(true);
  };

  const save = async (): Promise<boolean> => {
    try {
      const saved = await m.update.mutateAsync({
        id,
        body: {
          year: l.year,
          name,
          description: description.trim() || null,
          rule: ruleNarrows(rule) ? rule : null,
          items: items.map((x) => ({
            id: x.id,
            segment: x.segment,
            kind: x.kind,
            title: x.title || null,
            lawId: x.lawId,
            nodeIds: x.nodeIds,
            articleIds: x.articleIds,
            materialId: x.materialId,
            activityId: x.activityId,
            required: x.required,
            expectedMinutes: x.expectedMinutes,
          })),
        },
      });
      load(saved);
      showSuccess('已保存');
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        setIssues(
          err.issues.map((i) => {
            const mi = /^items\.(\d+)\./.exec(i.path);
            return mi ? `第${Number(mi[1]) + 1}项：${i.message}` : i.message;
          }),
        );
      } else showError(err);
      return false;
    }
  };
  const publish = async () => {
    if (dirty && !(await save())) return;
    try {
      load(await m.publish.mutateAsync(id));
      showSuccess('已发布：适用人员在“我的学习”中可以看到这份清单');
    } catch (err) {
      showError(err);
    }
  };

  return (
    <PageContainer
      title={`${l.year}年度 · ${l.name}`}
      subtitle={
        <Space>
          <Tag color={l.status === 'published' ? 'green' : 'default'}>{LIST_STATUS_ZH[l.status]}</Tag>
          {l.status === 'published' && <span>已发布的清单修改保存后立即生效。</span>}
          {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
        </Space>
      }
      extra={
        <Space wrap>
          <Button onClick={() => (dirty ? modal.confirm({ title: '放弃未保存的修改？', onOk: () => navigate(`/learning/lists?year=${l.year}`) }) : navigate(`/learning/lists?year=${l.year}`))}>返回</Button>
          <Button type={l.status === 'draft' ? 'default' : 'primary'} onClick={() => void save()} loading={m.update.isPending} disabled={!dirty}>
            保存
          </Button>
          {l.status === 'draft' ? (
            <Button type="primary" onClick={() => void publish()} loading={m.publish.isPending} disabled={items.length === 0}>
              {dirty ? '保存并发布' : '发布'}
            </Button>
          ) : (
            <Button
              onClick={() =>
                modal.confirm({
                  title: '撤回发布？',
                  content: '撤回后相关人员不再看到这份清单。',
                  onOk: () =>
                    m.unpublish
                      .mutateAsync(id)
                      .then((x) => load(x))
                      .catch(showError),
                })
              }
            >
              撤回发布
            </Button>
          )}
        </Space>
      }
    >
      {issues.length > 0 && (
        <Card size="small" style={{ marginBottom: 16, borderColor: '#ffccc7' }}>
          <Typography.Text type="danger">未能保存：</Typography.Text>
          <ul style={{ margin: 0 }}>
            {issues.map((x, i) => (
              <li key={i}>
                <Typography.Text type="danger">{x}</Typography.Text>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card size="small" title="基本信息与适用范围">
            <Form layout="vertical">
              <Form.Item label="清单名称" required validateStatus={name.trim() ? undefined : 'error'} help={name.trim() ? undefined : '请填写清单名称'}>
                <Input value={name} maxLength={100} onChange={(e) => change(setName)(e.target.value)} />
              </Form.Item>
              <Form.Item label="说明">
                <Input.TextArea value={description} rows={2} maxLength={2000} onChange={(e) => change(setDescription)(e.target.value)} />
              </Form.Item>
              <Form.Item label="适用范围" style={{ marginBottom: 0 }}>
                <RuleEditor value={rule} onChange={change(setRule)} />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card
            size="small"
            title={`条目（${items.length}）`}
            extra={
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer({ open: true, item: null })}>
                添加条目
              </Button>
            }
          >
            <Table<ItemDraft>
              rowKey="key"
              size="small"
              dataSource={items}
              pagination={false}
              scroll={{ x: 640 }}
              locale={{ emptyText: <Empty description="还没有条目：点击“添加条目”选择法规、学习材料或课程" /> }}
              columns={[
                { title: '板块', dataIndex: 'segment', width: 64, render: (s: string) => <Tag color={SEGMENT_COLOR[s]}>{LIST_SEGMENT_ZH[s as '1']}</Tag> },
                {
                  title: '名称 / 范围',
                  key: 'title',
                  render: (_: unknown, r) => (
                    <div>
                      <div>{r.title || <Typography.Text type="secondary">（保存后显示名称）</Typography.Text>}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {LIST_ITEM_KIND_ZH[r.kind]} · {r.scope}
                      </Typography.Text>
                    </div>
                  ),
                },
                { title: '必学', dataIndex: 'required', width: 76, render: (v: boolean, r) => <Switch size="small" checked={v} checkedChildren="必学" unCheckedChildren="选学" onChange={(c) => setItem(r.key, { required: c })} /> },
                {
                  title: '预计学时',
                  dataIndex: 'expectedMinutes',
                  width: 120,
                  render: (v: number, r) => (
                    <InputNumber size="small" aria-label="预计学时（小时）" min={0} max={100} step={0.5} precision={1} value={v / 60} suffix="时" style={{ width: 100 }} onChange={(h) => setItem(r.key, { expectedMinutes: Math.round((h ?? 0) * 60) })} />
                  ),
                },
                {
                  title: '操作',
                  key: 'a',
                  width: 140,
                  render: (_: unknown, r, i) => (
                    <Space size={0}>
                      <Button type="text" size="small" aria-label="上移" icon={<ArrowUpOutlined aria-hidden />} disabled={i === 0} onClick={() => move(i, -1)} />
                      <Button type="text" size="small" aria-label="下移" icon={<ArrowDownOutlined aria-hidden />} disabled={i === items.length - 1} onClick={() => move(i, 1)} />
                      <Button type="link" size="small" onClick={() => setDrawer({ open: true, item: r })}>
                        编辑
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        danger
                        onClick={() => {
                          setItems((xs) => xs.filter((x) => x.key !== r.key));
                          setDirty(true);
                        }}
                      >
                        删除
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <ItemDrawer
        open={drawer.open}
        item={drawer.item}
        year={l.year}
        onClose={() => setDrawer({ open: false, item: null })}
        onSave={(d) => {
          setItems((xs) => (xs.some((x) => x.key === d.key) ? xs.map((x) => (x.key === d.key ? d : x)) : [...xs, d]));
          setDirty(true);
          setDrawer({ open: false, item: null });
        }}
      />
    </PageContainer>
  );
}
