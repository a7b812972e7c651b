import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { LIST_ITEM_KIND_ZH, LIST_ITEM_KINDS, LIST_SEGMENT_ZH, LIST_SEGMENTS, type ListItemKind, type ListSegment } from '../../../../common/learning';
import type { ListItemView } from '../../../../common/learning-lists';
import { MAX_ARTICLE_RANGE, type LawArticleView, type LawNodeView, type LawVersionView } from '../../../../common/laws';
import { api } from '../../../api';
import { useLawList } from '../../laws/useLaws';
import { useCourses, useMaterials } from './useLists';

/** An item as edited on the page: the stored shape, with a React key and no id until saved. */
export interface ItemDraft extends Omit<ListItemView, 'id' | 'seq'> {
  key: string;
  id?: number;
}

type LawMode = 'whole' | 'nodes' | 'articles';

interface Values {
  segment: ListSegment;
  kind: ListItemKind;
  lawId?: number;
  lawMode: LawMode;
  nodeIds?: number[];
  articleIds?: number[];
  materialId?: number;
  activityId?: number;
  title?: string;
  required: boolean;
  expectedHours: number;
}

interface TreeNode {
  value: number;
  title: string;
  children: TreeNode[];
}

function nodeTree(nodes: LawNodeView[]): TreeNode[] {
  const byId = new Map<number, TreeNode>();
  const roots: TreeNode[] = [];
  for (const n of nodes) byId.set(n.id, { value: n.id, title: `${n.label} ${n.title}`.trim(), children: [] });
  for (const n of nodes) {
    const t = byId.get(n.id)!;
    const parent = n.parentId !== null ? byId.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(t);
  }
  return roots;
}

/** All articles of a law's current version (paged by the API's range limit). */
function useAllArticles(lawId: number | undefined, count: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['laws', lawId, 'all-articles'],
    enabled: enabled && !!lawId && count !== undefined,
    queryFn: async () => {
      const out: LawArticleView[] = [];
      for (let from = 0; from < (count ?? 0); from += MAX_ARTICLE_RANGE) {
        const r = await api.get<{ articles: LawArticleView[] }>(`/api/laws/${lawId}/articles`, { from, to: from + MAX_ARTICLE_RANGE - 1 });
        out.push(...r.articles);
      }
      return out;
    },
  });
}

/** 添加/编辑条目: a law (whole, chapters or articles), a material or a course, its segment, required flag and hours. */
export function ItemDrawer({ open, item, year, onClose, onSave }: { open: boolean; item: ItemDraft | null; year: number; onClose: () => void; onSave: (d: ItemDraft) => void }) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'law';
  const lawId = Form.useWatch('lawId', form);
  const lawMode = Form.useWatch('lawMode', form) ?? 'whole';
  const [courseQ, setCourseQ] = useState('');
  const laws = useLawList();
  const version = useQuery({ queryKey: ['laws', lawId, 'version', 'current'], enabled: !!lawId, queryFn: () => api.get<LawVersionView>(`/api/laws/${lawId}`) });
  const law = laws.data?.find((l) => l.id === lawId);
  const articles = useAllArticles(lawId, law?.articleCount, lawMode === 'articles');
  const materials = useMaterials();
  const courses = useCourses({ year, q: courseQ || undefined });
  const tree = useMemo(() => (version.data && lawId ? nodeTree(version.data.nodes) : []), [version.data, lawId]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (item)
      form.setFieldsValue({
        segment: item.segment,
        kind: item.kind,
        lawId: item.lawId ?? undefined,
        lawMode: item.articleIds?.length ? 'articles' : item.nodeIds?.length ? 'nodes' : 'whole',
        nodeIds: item.nodeIds ?? undefined,
        articleIds: item.articleIds ?? undefined,
        materialId: item.materialId ?? undefined,
        activityId: item.activityId ?? undefined,
        title: item.title,
        required: item.required,
        expectedHours: item.expectedMinutes / 60,
      });
  }, [open, item, form]);

  const save = async () => {
    const v = await form.validateFields();
    const nodeIds = v.kind === 'law' && v.lawMode === 'nodes' ? (v.nodeIds ?? []) : [];
    const articleIds = v.kind === 'law' && v.lawMode === 'articles' ? (v.articleIds ?? []) : [];
    const defaultTitle =
      v.kind === 'law' ? (law?.title ?? '') : v.kind === 'material' ? (materials.data?.find((m) => m.id === v.materialId)?.title ?? '') : (courses.data?.find((c) => c.id === v.activityId)?.title ?? item?.title ?? '');
    const sameTarget = item && item.kind === v.kind && item.lawId === (v.lawId ?? null) && item.materialId === (v.materialId ?? null) && item.activityId === (v.activityId ?? null);
    const scope =
      v.kind === 'law' ? (articleIds.length ? `选定 ${articleIds.length} 条` : nodeIds.length ? `选定 ${nodeIds.length} 个章节` : '全文') : sameTarget && item ? item.scope : v.kind === 'material' ? '学习材料' : '课程/讲座';
    onSave({
      key: item?.key ?? `new-${Date.now()}-${Math.random()}`,
      id: item?.id,
      segment: v.segment,
      kind: v.kind,
      title: v.title?.trim() || defaultTitle,
      lawId: v.kind === 'law' ? (v.lawId ?? null) : null,
      nodeIds: nodeIds.length ? nodeIds : null,
      articleIds: articleIds.length ? articleIds : null,
      materialId: v.kind === 'material' ? (v.materialId ?? null) : null,
      activityId: v.kind === 'course' ? (v.activityId ?? null) : null,
      required: v.required,
      expectedMinutes: Math.round((v.expectedHours ?? 0) * 60),
      scope,
    });
  };

  return (
    <Drawer
      title={item ? '编辑条目' : '添加条目'}
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={() => void save()}>
            确定
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ segment: '3', kind: 'law', lawMode: 'whole', required: true, expectedHours: 0 }}>
        <Form.Item name="segment" label="板块" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={LIST_SEGMENTS.map((s) => ({ value: s, label: LIST_SEGMENT_ZH[s] }))} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={LIST_ITEM_KINDS.map((k) => ({ value: k, label: LIST_ITEM_KIND_ZH[k] }))} />
        </Form.Item>
        {kind === 'law' && (
          <>
            <Form.Item name="lawId" label="法律法规" rules={[{ required: true, message: '请选择法律法规' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={laws.isPending}
                placeholder="从法规库选择"
                options={(laws.data ?? []).map((l) => ({ value: l.id, label: `${l.title}（${l.articleCount}条）` }))}
                onChange={() => form.setFieldsValue({ nodeIds: [], articleIds: [] })}
              />
            </Form.Item>
            <Form.Item name="lawMode" label="学习范围">
              <Radio.Group
                options={[
                  { value: 'whole', label: '全文' },
                  { value: 'nodes', label: '选择章节', disabled: !lawId || tree.length === 0 },
                  { value: 'articles', label: '选择条文', disabled: !lawId },
                ]}
              />
            </Form.Item>
            {lawMode === 'nodes' && (
              <Form.Item name="nodeIds" label="章节" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个章节' }]} extra="选择编/章后，其下各节也包括在内。">
                <TreeSelect<number[]> multiple treeData={tree} loading={version.isFetching} treeDefaultExpandAll treeLine placeholder="选择章节" showSearch={{ treeNodeFilterProp: 'title' }} style={{ width: '100%' }} />
              </Form.Item>
            )}
            {lawMode === 'articles' && (
              <Form.Item name="articleIds" label="条文" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一条' }]}>
                <Select
                  mode="multiple"
                  loading={articles.isFetching}
                  placeholder="输入“第十条”或条文内容搜索"
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(articles.data ?? []).map((a) => ({ value: a.id, label: `${a.label} ${a.text.slice(0, 30)}` }))}
                  maxTagCount={20}
                />
              </Form.Item>
            )}
          </>
        )}
        {kind === 'material' && (
          <Form.Item name="materialId" label="学习材料" rules={[{ required: true, message: '请选择学习材料' }]} extra="在“学习材料”标签页中新增材料。">
            <Select showSearch={{ optionFilterProp: 'label' }} loading={materials.isPending} placeholder="选择材料" options={(materials.data ?? []).map((m) => ({ value: m.id, label: `${m.title}（${m.kind}）` }))} />
          </Form.Item>
        )}
        {kind === 'course' && (
          <Form.Item name="activityId" label="课程/讲座" rules={[{ required: true, message: '请选择课程/讲座' }]} extra={`${year}年度的集体学法与讲法活动；参加（签到）即完成。`}>
            <Select
              showSearch={{ filterOption: false, onSearch: setCourseQ }}
              loading={courses.isFetching}
              placeholder="输入名称搜索"
              options={(courses.data ?? []).map((c) => ({ value: c.id, label: `${c.title}（${c.kind}，${c.startsAt.slice(0, 10)}）` }))}
              notFoundContent={<Typography.Text type="secondary">没有找到活动</Typography.Text>}
            />
          </Form.Item>
        )}
        <Form.Item name="title" label="显示名称" extra="留空则使用法规/材料/活动的名称。">
          <Input maxLength={200} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="required" label="必学" valuePropName="checked">
            <Switch checkedChildren="必学" unCheckedChildren="选学" />
          </Form.Item>
          <Form.Item name="expectedHours" label="预计学时" extra={kind === 'material' ? '材料按阅读时长计算完成度（0 表示读满1分钟即完成）。' : undefined}>
            <InputNumber min={0} max={100} step={0.5} precision={1} suffix="小时" style={{ width: 160 }} />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
