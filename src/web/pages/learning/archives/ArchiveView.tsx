import { Alert, Card, Descriptions, Empty, Progress, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ArchiveActivity, ArchiveExam, ArchiveListItem, PersonArchive } from '../../../../common/archive';
import { hoursText, percentText } from '../../../../common/archive';
import { CANDIDATE_OUTCOME_ZH } from '../../../../common/exam-results';
import { CREDIT_SOURCES, CREDIT_SOURCE_ZH, LIST_ITEM_KIND_ZH, type ListItemKind } from '../../../../common/learning';
import './archives.css';

const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

const OUTCOME_COLOR: Record<string, string> = { passed: 'success', failed: 'error', absent: 'warning', grading: 'processing', in_progress: 'processing', pending: 'default' };

export function OutcomeTag({ e }: { e: Pick<ArchiveExam, 'outcome' | 'withheld'> | null }) {
  if (!e) return <Typography.Text type="secondary">未参加</Typography.Text>;
  if (e.withheld) return <Tag>成绩未公布</Tag>;
  return <Tag color={OUTCOME_COLOR[e.outcome]}>{CANDIDATE_OUTCOME_ZH[e.outcome]}</Tag>;
}

function Items({ children }: { children: ReactNode }) {
  return <div className="archive-items">{children}</div>;
}

function Item({ title, meta, extra }: { title: ReactNode; meta: ReactNode; extra?: ReactNode }) {
  return (
    <div className="archive-item">
      <div className="archive-item-main">
        <div className="archive-item-title">{title}</div>
        <div className="archive-item-meta">{meta}</div>
      </div>
      {extra && <div className="archive-item-extra">{extra}</div>}
    </div>
  );
}

function ActivityItems({ rows, empty, presenter = true }: { rows: ArchiveActivity[]; empty: string; presenter?: boolean }) {
  if (!rows.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Items>
      {rows.map((r) => (
        <Item
          key={r.activityId}
          title={r.title}
          meta={[day(r.startsAt), r.kind, r.hostUnitName, presenter && r.presenter ? `主讲：${r.presenter}` : null, `${hoursText(r.durationMinutes)} 小时`].filter(Boolean).join(' · ')}
          extra={r.status === 'scheduled' ? <Tag>已安排</Tag> : undefined}
        />
      ))}
    </Items>
  );
}

function ExamItems({ rows, validity }: { rows: ArchiveExam[]; validity?: boolean }) {
  if (!rows.length) return <Typography.Text type="secondary">本年度没有参加的考试。</Typography.Text>;
  return (
    <Items>
      {rows.map((r) => (
        <Item
          key={r.examId}
          title={
            <Space size={4} wrap>
              {r.title}
              {r.kind === 'makeup' && <Tag>补考</Tag>}
            </Space>
          }
          meta={[
            day(r.opensAt),
            r.withheld || r.score === null ? null : `${r.score}/${r.totalPoints} 分（${r.passMark} 分及格）`,
            validity && r.validUntil ? `有效期至 ${day(r.validUntil)}` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
          extra={<OutcomeTag e={r} />}
        />
      ))}
    </Items>
  );
}

function ListItems({ items }: { items: ArchiveListItem[] }) {
  return (
    <Items>
      {items.map((r, i) => (
        <Item
          key={`${i}-${r.title}`}
          title={
            <Space size={6}>
              <Tag color="blue">“{r.segment}”</Tag>
              <span>{r.title}</span>
            </Space>
          }
          meta={`${LIST_ITEM_KIND_ZH[r.kind as ListItemKind] ?? r.kind} · ${r.required ? '必学' : '选学'} · ${r.detail}`}
          extra={<Progress type="circle" size={40} percent={Math.round(r.percent)} status={r.done ? 'success' : 'normal'} />}
        />
      ))}
    </Items>
  );
}

/** One person's 学法档案 on screen: the same sections as the printed form. */
export function ArchiveView({ a }: { a: PersonArchive }) {
  const p = a.person;
  const d = a.lectureDuty;
  return (
    <div className="archive-view">
      <Alert type="info" showIcon title={<span className="archive-conclusion">结论：{a.conclusion}</span>} />
      <Card size="small" title="基本信息">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label="姓名">{p.name}</Descriptions.Item>
          <Descriptions.Item label="工号">{p.employeeNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="单位">{p.unitPath}</Descriptions.Item>
          <Descriptions.Item label="职务">{p.title ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="职级">{p.rank ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="岗位类别">{p.postCategory ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="党政主要负责人">{p.isPrincipalLeader ? '是' : '否'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="学法清单" extra={a.lists.requiredTotal > 0 && <span>必学完成 {percentText(a.lists.percent)}</span>}>
        {a.lists.items.length ? (
          <>
            <Typography.Paragraph type="secondary">
              必学 {a.lists.requiredDone}/{a.lists.requiredTotal} 项完成，选学 {a.lists.optionalDone}/{a.lists.optionalTotal} 项完成。
            </Typography.Paragraph>
            <ListItems items={a.lists.items} />
          </>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年度未分配学法清单" />
        )}
      </Card>
      <Card size="small" title="学时" extra={<span>合计 {hoursText(a.hours.totalMinutes)}{a.hours.targetHours !== null ? ` / ${a.hours.targetHours}` : ''} 小时</span>}>
        <Descriptions size="small" column={{ xs: 2, sm: 4 }}>
          {CREDIT_SOURCES.map((s) => (
            <Descriptions.Item key={s} label={CREDIT_SOURCE_ZH[s]}>
              {hoursText(a.hours.minutes[s])} 小时
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card size="small" title={`参加集体学法（${a.groupStudy.length}次）`}>
        <ActivityItems rows={a.groupStudy} empty="本年度没有参加集体学法的记录。" />
      </Card>
      <Card
        size="small"
        title={`本人讲法（${d.given}次）`}
        extra={d.applies && <Tag color={d.met ? 'success' : 'warning'}>讲法任务 {d.given}/{d.required} 次{d.met ? '，已完成' : '，未完成'}</Tag>}
      >
        <ActivityItems rows={a.lecturesGiven} empty="本年度没有主讲记录。" presenter={false} />
      </Card>
      <Card size="small" title={`参加听讲（${a.lecturesAttended.length}次）`}>
        <ActivityItems rows={a.lecturesAttended} empty="本年度没有听讲记录。" />
      </Card>
      <Card size="small" title="年度学法考试">
        <ExamItems rows={a.annualExams} />
      </Card>
      {a.preAppointment.exams.length > 0 && (
        <Card size="small" title="任前法律知识考试" extra={a.preAppointment.hasValidPass && <Tag color="success">合格且在有效期内</Tag>}>
          <ExamItems rows={a.preAppointment.exams} validity />
        </Card>
      )}
      <Card size="small" title="日常练习">
        <Descriptions size="small" column={{ xs: 2, sm: 3 }}>
          <Descriptions.Item label="练习题数">{a.practice.answered}</Descriptions.Item>
          <Descriptions.Item label="正确率">{a.practice.correctRate === null ? '—' : `${Math.round(a.practice.correctRate * 1000) / 10}%`}</Descriptions.Item>
          <Descriptions.Item label="练习天数">{a.practice.days}</Descriptions.Item>
          <Descriptions.Item label="错题未掌握">{a.practice.wrongOpen}</Descriptions.Item>
          <Descriptions.Item label="错题已掌握">{a.practice.wrongMastered}</Descriptions.Item>
        </Descriptions>
      </Card>
    </div>
  );
}
