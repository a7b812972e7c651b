import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Col, Empty, Input, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { PersonCompletionRow, UnitCompletion, UnitCompletionRow } from '../../../../common/learning-lists';
import { api, toQuery } from '../../../api';
import { hasRole } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import { DownloadButton } from '../../../components/DownloadButton';
import { PageContainer } from '../../../components/PageContainer';
import { useYearParam, YearSelect } from '../duty/YearSelect';

const pctColor = (p: number) => (p >= 100 ? '#52c41a' : p >= 60 ? '#1677ff' : p > 0 ? '#faad14' : '#ff4d4f');

/**
 * 学习进度 (/learning/progress): completion of the 学法清单 by unit for a year — each row counts
 * its whole subtree; click a unit to go down a level and see its people. Unit admins see their subtree.
 */
export default function ProgressPage() {
  const { me } = useMe();
  const [year, setYear] = useYearParam();
  const [sp, setSp] = useSearchParams();
  const unitId = Number(sp.get('unitId')) || undefined;
  const [q, setQ] = useState('');
  const setUnit = (id: number | undefined) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('unitId', String(id));
      else next.delete('unitId');
      return next;
    });
  const params = { year, unitId };
  const data = useQuery({ queryKey: ['learning', 'progress', params], queryFn: () => api.get<UnitCompletion>('/api/learning/progress', params) });
  const c = data.data;
  const whole = hasRole(me, 'admin', 'organiser');
  const people = (c?.people ?? []).filter((p) => !q || p.name.includes(q) || (p.employeeNo ?? '').includes(q));

  return (
    <PageContainer
      title="学习进度"
      subtitle={`学法清单必学条目的完成情况（按每人当前适用的已发布清单计算）。${whole ? '' : '只显示本单位及下级单位。'}`}
      extra={
        <Space wrap>
          <YearSelect value={year} onChange={setYear} />
          <DownloadButton url={`/api/learning/progress/export.xlsx${toQuery(params)}`} filename={`学法清单完成情况-${year}.xlsx`}>
            导出Excel
          </DownloadButton>
        </Space>
      }
    >
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <a onClick={() => setUnit(undefined)}>{whole ? '全部单位' : '我管理的单位'}</a> },
          ...(c?.unit
            ? [
                ...(c.unit.parentId ? [{ title: <a onClick={() => setUnit(c.unit!.parentId!)}>上一级</a> }] : []),
                { title: c.unit.pathNames },
              ]
            : []),
        ]}
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          { title: '在职人数', value: c?.total.people, suffix: '人' },
          { title: '有必学任务', value: c?.total.assigned, suffix: '人' },
          { title: '必学条目完成率', value: c?.total.donePercent, suffix: '%' },
          { title: '全部完成', value: c?.total.complete, suffix: '人', color: '#389e0d' },
          { title: '尚未开始', value: c?.total.notStarted, suffix: '人', color: '#cf1322' },
        ].map((x) => (
          <Col xs={12} sm={8} lg={4} key={x.title}>
            <Card size="small">
              <Statistic title={x.title} value={x.value ?? 0} suffix={x.suffix} loading={data.isPending} styles={{ content: x.color ? { color: x.color } : undefined }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title="按单位" style={{ marginBottom: 16 }}>
        <Table<UnitCompletionRow>
          rowKey={(r) => `${r.unitId}-${r.own}`}
          size="small"
          loading={data.isFetching}
          dataSource={c?.units ?? []}
          pagination={{ pageSize: 30, hideOnSinglePage: true }}
          scroll={{ x: 820 }}
          locale={{ emptyText: <Empty description="没有下级单位" /> }}
          columns={[
            {
              title: '单位',
              dataIndex: 'name',
              render: (n: string, r) =>
                r.own ? (
                  n
                ) : (
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setUnit(r.unitId)}>
                    {n}
                  </Button>
                ),
            },
            { title: '在职人数', dataIndex: 'people', width: 90, align: 'right' },
            { title: '有必学任务', dataIndex: 'assigned', width: 100, align: 'right' },
            { title: '必学完成率', dataIndex: 'donePercent', width: 180, render: (p: number) => <Progress percent={p} size="small" strokeColor={pctColor(p)} /> },
            { title: '平均完成度', dataIndex: 'avgPercent', width: 100, align: 'right', render: (p: number) => `${p}%` },
            { title: '全部完成', dataIndex: 'complete', width: 90, align: 'right' },
            { title: '尚未开始', dataIndex: 'notStarted', width: 90, align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
          ]}
        />
      </Card>
      {c?.unit && (
        <Card size="small" title={`人员（${c.unit.name}及下级单位）`} extra={<Input.Search allowClear placeholder="姓名或工号" onSearch={setQ} style={{ width: 180 }} />}>
          <Table<PersonCompletionRow>
            rowKey="personId"
            size="small"
            loading={data.isFetching}
            dataSource={people}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
            scroll={{ x: 760 }}
            columns={[
              { title: '姓名', dataIndex: 'name', width: 100, fixed: 'left' },
              { title: '工号', dataIndex: 'employeeNo', width: 110, render: (s: string | null) => s ?? '—' },
              { title: '单位', key: 'unit', render: (_: unknown, r) => <span title={r.unitPathNames}>{r.unitPathNames.split('/').slice(-2).join('/')}</span> },
              { title: '岗位类别', dataIndex: 'postCategory', width: 100, render: (s: string | null) => s ?? '—' },
              { title: '必学', key: 'req', width: 80, align: 'right', render: (_: unknown, r) => `${r.requiredDone}/${r.requiredTotal}` },
              { title: '选学', key: 'opt', width: 80, align: 'right', render: (_: unknown, r) => `${r.optionalDone}/${r.optionalTotal}` },
              {
                title: '完成度',
                dataIndex: 'percent',
                width: 180,
                sorter: (a, b) => a.percent - b.percent,
                render: (p: number, r) => (r.requiredTotal === 0 ? <Typography.Text type="secondary">无必学任务</Typography.Text> : <Progress percent={p} size="small" strokeColor={pctColor(p)} />),
              },
            ]}
          />
        </Card>
      )}
      {!c?.unit && !data.isPending && <Typography.Text type="secondary">点击单位名称查看下级单位和人员。</Typography.Text>}
    </PageContainer>
  );
}
