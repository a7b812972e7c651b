import { Button, Card, Empty, Result, Select, Skeleton, Statistic, Table } from 'antd';
import { useState } from 'react';
import { beijingDay } from '../../../../common/learning';
import type { PracticeLawStat } from '../../../../common/practice';
import { errorText } from '../../../components/feedback';
import { percent } from './logic';
import { usePracticeStats } from './usePractice';

/** 统计: the year's answers, correct rate, days, streak, completed daily sets, the book, top laws. */
export function StatsTab() {
  const thisYear = Number(beijingDay(new Date()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const q = usePracticeStats(year);
  const s = q.data;
  return (
    <div>
      <div className="practice-set-bar">
        <Select
          value={year}
          onChange={setYear}
          aria-label="年度"
          style={{ width: 120 }}
          options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: `${thisYear - d}年` }))}
        />
      </div>
      {q.isPending && <Skeleton active />}
      {q.error && <Result status="warning" title={errorText(q.error)} extra={<Button onClick={() => void q.refetch()}>重试</Button>} />}
      {s && (
        <>
          <div className="practice-stats">
            <Card size="small"><Statistic title="答题数" value={s.answered} suffix="题" /></Card>
            <Card size="small"><Statistic title="正确率" value={percent(s.correctRate)} /></Card>
            <Card size="small"><Statistic title="练习天数" value={s.daysPractised} suffix="天" /></Card>
            <Card size="small"><Statistic title="连续练习" value={s.currentStreak} suffix="天" /></Card>
            <Card size="small"><Statistic title="完成每日一练" value={s.dailyCompletedDays} suffix="天" /></Card>
            <Card size="small"><Statistic title="错题 未掌握/已掌握" value={`${s.wrongBookOpen} / ${s.wrongBookMastered}`} /></Card>
          </div>
          <Card size="small" title="按法规（答题最多的法规）" className="practice-bylaw">
            {s.byLaw.length === 0 ? (
              <Empty description="还没有关联法规的答题记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Table<PracticeLawStat>
                size="small"
                rowKey="lawId"
                pagination={false}
                dataSource={s.byLaw}
                columns={[
                  { title: '法规', dataIndex: 'title' },
                  { title: '答题', dataIndex: 'answered', align: 'right', width: 70 },
                  { title: '正确率', key: 'rate', align: 'right', width: 80, render: (_, r) => percent(r.answered ? r.correct / r.answered : null) },
                ]}
              />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
