import { Button, Progress, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { UnitResult } from '../../../../common/exam-results';
import { fmtScore, pct } from './format';

function RateCell({ rate, n, of, what }: { rate: number | null; n: number; of: number; what: string }) {
  if (rate === null) return <span style={{ color: 'rgba(0,0,0,0.25)' }}>—</span>;
  return (
    <Tooltip title={`${what} ${n} 人 / ${of} 人`}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <Progress percent={Math.round(rate * 1000) / 10} size="small" showInfo={false} style={{ width: 56, margin: 0 }} strokeColor={rate >= 0.9 ? '#52c41a' : rate >= 0.6 ? '#1677ff' : '#ff7875'} />
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
      dataIndex: 'unitName',
      ellipsis: { showTitle: false },
      render: (name: string, u) => (
        <Tooltip title={`${u.unitPath || name}：点击查看该单位考生`} placement="topLeft">
          <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onPick(u)}>
            {name}
          </Button>
        </Tooltip>
      ),
    },
    { title: '应考', dataIndex: 'rosterSize', width: 64, align: 'right', sorter: (a, b) => a.rosterSize - b.rosterSize },
    {
      title: '参考率',
      key: 'participationRate',
      width: 136,
      sorter: (a, b) => (a.participationRate ?? -1) - (b.participationRate ?? -1),
      render: (_, u) => <RateCell rate={u.participationRate} n={u.participated} of={u.rosterSize} what="交卷" />,
    },
    {
      title: '通过率',
      key: 'passRate',
      width: 136,
      sorter: (a, b) => (a.passRate ?? -1) - (b.passRate ?? -1),
      render: (_, u) => <RateCell rate={u.passRate} n={u.passed} of={u.participated} what="通过" />,
    },
    { title: '平均分', dataIndex: 'mean', width: 84, align: 'right', sorter: (a, b) => (a.mean ?? -1) - (b.mean ?? -1), render: (m: number | null) => fmtScore(m) },
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
        scroll={{ x: 520 }}
      />
    </div>
  );
}
