import { Button, Progress, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { UnitResult } from '../../../../common/exam-results';
import { fmtScore, pct } from './format';

function RateCell({ rate, n, of }: { rate: number | null; n: number; of: number }) {
  if (rate === null) return <span style={{ color: 'rgba(0,0,0,0.25)' }}>—</span>;
  return (
    <Tooltip title={`${n} / ${of} 人`}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <Progress percent={Math.round(rate * 1000) / 10} size="small" showInfo={false} style={{ width: 80, margin: 0 }} strokeColor={rate >= 0.9 ? '#52c41a' : rate >= 0.6 ? '#1677ff' : '#ff7875'} />
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{pct(rate)}</span>
      </div>
    </Tooltip>
  );
}

/** 各单位参考率、通过率、平均分; a unit's name drills the roster down to that unit. */
export function UnitTable({ units, loading, onPick }: { units: UnitResult[]; loading: boolean; onPick: (u: UnitResult) => void }) {
  const columns: ColumnsType<UnitResult> = [
    {
      title: '单位',
      dataIndex: 'unitPath',
      ellipsis: { showTitle: false },
      render: (path: string, u) => (
        <Tooltip title={`查看${u.unitName}的考生成绩`} placement="topLeft">
          <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onPick(u)}>
            {path || u.unitName}
          </Button>
        </Tooltip>
      ),
    },
    { title: '应考', dataIndex: 'rosterSize', width: 70, align: 'right', sorter: (a, b) => a.rosterSize - b.rosterSize },
    { title: '交卷', dataIndex: 'participated', width: 70, align: 'right' },
    {
      title: '参考率',
      key: 'participationRate',
      width: 170,
      sorter: (a, b) => (a.participationRate ?? -1) - (b.participationRate ?? -1),
      render: (_, u) => <RateCell rate={u.participationRate} n={u.participated} of={u.rosterSize} />,
    },
    { title: '通过', dataIndex: 'passed', width: 70, align: 'right' },
    {
      title: '通过率',
      key: 'passRate',
      width: 170,
      sorter: (a, b) => (a.passRate ?? -1) - (b.passRate ?? -1),
      render: (_, u) => <RateCell rate={u.passRate} n={u.passed} of={u.participated} />,
    },
    { title: '平均分', dataIndex: 'mean', width: 90, align: 'right', sorter: (a, b) => (a.mean ?? -1) - (b.mean ?? -1), render: (m: number | null) => fmtScore(m) },
  ];
  return (
    <div data-testid="results-units">
    <Table<UnitResult>
      rowKey="unitId"
      size="small"
      columns={columns}
      dataSource={units}
      loading={loading}
      pagination={units.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
      scroll={{ x: 760 }}
    />
    </div>
  );
}
