import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, InputNumber, Segmented, Select, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import type { LawNodeView, LawSummary, LawVersionView } from '../../../../common/laws';
import { DEFAULT_PRACTICE_SET, MAX_PRACTICE_SET, type PracticeSetRequest, type PracticeSetView } from '../../../../common/practice';
import { api } from '../../../api';
import { errorText } from '../../../components/feedback';
import { PracticeRunner } from './PracticeRunner';
import { usePracticeSet } from './usePractice';

interface TreeNode {
  value: number;
  title: string;
  children: TreeNode[];
}

function toTree(nodes: LawNodeView[]): TreeNode[] {
  const byId = new Map<number, TreeNode>(nodes.map((n) => [n.id, { value: n.id, title: `${n.label} ${n.title}`.trim(), children: [] }]));
  const roots: TreeNode[] = [];
  for (const n of nodes) {
    const t = byId.get(n.id)!;
    const parent = n.parentId !== null ? byId.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(t);
  }
  return roots;
}

/** 专项练习: a law (optionally one 编/章/节 of it) or random, then a set one card at a time. */
export function LawPracticeTab() {
  const [kind, setKind] = useState<'law' | 'random'>('law');
  const [lawId, setLawId] = useState<number | null>(null);
  const [nodeId, setNodeId] = useState<number | null>(null);
  const [count, setCount] = useState<number>(DEFAULT_PRACTICE_SET);
  const [set, setSet] = useState<{ view: PracticeSetView; round: number } | null>(null);
  const draw = usePracticeSet();

  const laws = useQuery({ queryKey: ['laws'], queryFn: () => api.get<{ laws: LawSummary[] }>('/api/laws').then((r) => r.laws) });
  const toc = useQuery({
    queryKey: ['laws', lawId, 'version', 'current'],
    queryFn: () => api.get<LawVersionView>(`/api/laws/${lawId}`),
    enabled: lawId !== null,
  });
  const tree = useMemo(() => toTree(toc.data?.nodes ?? []), [toc.data]);

  const start = () => {
    const body: PracticeSetRequest = kind === 'random' ? { mode: 'random', count } : { mode: 'law', lawId: lawId!, nodeId, count };
    draw.mutate(body, { onSuccess: (view) => setSet((s) => ({ view, round: (s?.round ?? 0) + 1 })) });
  };

  if (set) {
    return (
      <div>
        <div className="practice-set-bar">
          <span>
            {kind === 'random' ? '随机练习' : `${laws.data?.find((l) => l.id === lawId)?.shortTitle ?? ''}${nodeId ? ' · ' + (toc.data?.nodes.find((n) => n.id === nodeId)?.label ?? '') : ''}`}
            ：{set.view.items.length} 题（可练 {set.view.available} 题）
          </span>
          <Button onClick={() => setSet(null)}>重新选择</Button>
        </div>
        <PracticeRunner key={set.round} mode={kind} questions={set.view.items} onRestart={start} restartText="再练一组" />
      </div>
    );
  }

  return (
    <Form layout="vertical" className="practice-choose" onFinish={start}>
      <Form.Item label="练习方式">
        <Segmented
          block
          value={kind}
          onChange={(v) => setKind(v as 'law' | 'random')}
          options={[
            { value: 'law', label: '按法规/章节' },
            { value: 'random', label: '随机出题' },
          ]}
        />
      </Form.Item>
      {kind === 'law' && (
        <>
          <Form.Item label="法规" required>
            <Select
              showSearch
              placeholder="选择要练习的法规"
              loading={laws.isPending}
              value={lawId ?? undefined}
              optionFilterProp="label"
              onChange={(v: number) => (setLawId(v), setNodeId(null))}
              options={(laws.data ?? []).map((l) => ({ value: l.id, label: l.shortTitle === l.title ? l.title : `${l.shortTitle}（${l.title}）` }))}
            />
          </Form.Item>
          <Form.Item label="章节（可不选，即整部法规）">
            <TreeSelect
              allowClear
              showSearch
              treeNodeFilterProp="title"
              placeholder={lawId ? (tree.length ? '整部法规' : '本法规没有分章节') : '先选择法规'}
              disabled={!lawId || tree.length === 0}
              loading={toc.isFetching}
              value={nodeId ?? undefined}
              onChange={(v?: number) => setNodeId(v ?? null)}
              treeData={tree}
              treeDefaultExpandAll={false}
              popupMatchSelectWidth
            />
          </Form.Item>
        </>
      )}
      <Form.Item label="题数">
        <InputNumber min={1} max={MAX_PRACTICE_SET} precision={0} value={count} onChange={(v) => setCount(v ?? DEFAULT_PRACTICE_SET)} style={{ width: 120 }} addonAfter="题" />
      </Form.Item>
      {draw.error && <Alert type="warning" showIcon message={errorText(draw.error)} className="practice-intro" />}
      <Button type="primary" size="large" block htmlType="submit" loading={draw.isPending} disabled={kind === 'law' && !lawId}>
        开始练习
      </Button>
    </Form>
  );
}
