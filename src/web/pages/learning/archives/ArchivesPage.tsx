import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Input, Result, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { hoursText, MAX_BATCH_PRINT, percentText, type ArchiveRow } from '../../../../common/archive';
import { CANDIDATE_OUTCOME_ZH } from '../../../../common/exam-results';
import { CREDIT_SOURCES, CREDIT_SOURCE_ZH } from '../../../../common/learning';
import { ApiError } from '../../../api';
import { hasRole } from '../../../auth/permissions';
import { useMe } from '../../../auth/session';
import { DownloadButton } from '../../../components/DownloadButton';
import { PageContainer } from '../../../components/PageContainer';
import { UnitTreeSelect } from '../../org/UnitTreeSelect';
import { ArchiveView } from './ArchiveView';
import { PAGE_SIZE, printUrl, useArchiveFilters, useArchiveList, usePersonArchive, yearOptions } from './useArchives';
import './archives.css';

const OUTCOME_COLOR: Record<string, string> = { passed: 'success', failed: 'error', absent: 'warning' };

function PersonDrawer({ personId, year, onClose }: { personId: number | null; year: number; onClose: () => void }) {
  const q = usePersonArchive(personId, year);
  return (
    <Drawer
      title={q.data ? `${q.data.person.name} — ${year}年度学法档案` : '学法档案'}
      open={personId !== null}
      onClose={onClose}
      size={760}
      destroyOnHidden
      extra={
        personId !== null && (
          <Button icon={<PrinterOutlined aria-hidden />} href={printUrl.person(personId, year)} target="_blank">
            打印
          </Button>
        )
      }
    >
      {q.isLoading ? <Skeleton active /> : q.error ? <Result status="warning" title={q.error instanceof ApiError ? q.error.message : '无法读取学法档案'} /> : q.data ? <ArchiveView a={q.data} /> : null}
    </Drawer>
  );
}

/**
 * 学法档案 (/learning/archives): one row per person of the chosen unit (a 单位管理员 sees their
 * subtree), the year's key figures, the 组织部's Excel, batch printing (one A4 page a person)
 * and each person's archive.
 */
export default function ArchivesPage() {
  const { me } = useMe();
  const { query, update } = useArchiveFilters();
  const list = useArchiveList(query);
  const [open, setOpen] = useState<number | null>(null);
  const [search, setSearch] = useState(query.q ?? '');
  const data = list.data;
  const whole = hasRole(me, 'admin', 'organiser');
  const total = data?.total ?? 0;

  return (
    <PageContainer
      title="学法档案"
      subtitle={whole ? '每人一份年度学法档案：清单完成、学时、集体学法、讲法、考试和练习。' : '本单位（含下级单位）人员的年度学法档案。'}
    >
      <Card>
        <div className="archive-toolbar">
          <Select aria-label="年度" value={query.year} onChange={(year) => update({ year })} options={yearOptions()} style={{ width: 120 }} />
          <div className="archive-unit">
            <UnitTreeSelect value={query.unitId} onChange={(unitId) => update({ unitId })} placeholder={whole ? '全部单位' : '本单位及下级单位'} allowClear />
          </div>
          <Input.Search
            className="archive-search"
            aria-label="搜索姓名或工号"
            placeholder="姓名或工号"
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <Space wrap style={{ marginLeft: 'auto' }}>
            <DownloadButton url={printUrl.excel(query)} filename={`学法档案-${query.year}.xlsx`}>
              导出Excel
            </DownloadButton>
            <Tooltip title={total > MAX_BATCH_PRINT ? `一次最多打印 ${MAX_BATCH_PRINT} 人，请选择下级单位` : '每人一页 A4'}>
              <Button icon={<PrinterOutlined aria-hidden />} href={printUrl.batch(query)} target="_blank" disabled={total === 0}>
                批量打印
              </Button>
            </Tooltip>
          </Space>
        </div>
        <Table<ArchiveRow>
          rowKey="personId"
          size="middle"
          loading={list.isFetching}
          dataSource={data?.items ?? []}
          pagination={{
            current: data?.page ?? 1,
            pageSize: data?.pageSize ?? PAGE_SIZE,
            total,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 人`,
            onChange: (page) => update({ page }),
          }}
          scroll={{ x: 1280 }}
          locale={{ emptyText: query.q ? '没有符合条件的人员' : '所选范围内没有人员' }}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              fixed: 'left',
              width: 110,
              render: (n: string, r) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Link onClick={() => setOpen(r.personId)}>{n}</Typography.Link>
                  {r.isPrincipalLeader && <Tag color="gold">主要负责人</Tag>}
                </Space>
              ),
            },
            {
              title: '单位 / 职务',
              key: 'unit',
              width: 200,
              render: (_: unknown, r) => (
                <Space orientation="vertical" size={0}>
                  <span>{r.unitPath.split('/').slice(-2).join('/')}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[r.title, r.rank].filter(Boolean).join(' · ') || '—'}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: '清单必学',
              key: 'list',
              width: 100,
              render: (_: unknown, r) => (r.listPercent === null ? <Typography.Text type="secondary">未分配</Typography.Text> : `${percentText(r.listPercent)}（${r.listRequiredDone}/${r.listRequiredTotal}）`),
            },
            {
              title: '学时（小时）',
              children: [
                {
                  title: '合计/目标',
                  key: 'hours',
                  width: 90,
                  render: (_: unknown, r: ArchiveRow) => (
                    <span>
                      <b>{hoursText(r.totalMinutes)}</b>
                      {r.targetHours !== null && ` / ${r.targetHours}`}
                    </span>
                  ),
                },
                ...CREDIT_SOURCES.map((s) => ({ title: CREDIT_SOURCE_ZH[s], key: s, width: 80, render: (_: unknown, r: ArchiveRow) => hoursText(r.minutes[s]) })),
              ],
            },
            {
              title: '活动（次）',
              children: [
                { title: '集体学法', dataIndex: 'groupStudyCount', key: 'groupStudy', width: 72 },
                { title: '听讲座', dataIndex: 'lecturesAttended', key: 'lecturesAttended', width: 64 },
                {
                  title: '讲法',
                  key: 'lectures',
                  width: 80,
                  render: (_: unknown, r: ArchiveRow) =>
                    r.lecturesRequired === null ? (
                      r.lecturesGiven
                    ) : (
                      <Tooltip title="党政主要负责人：已讲/应讲">
                        <Tag color={r.lecturesGiven >= r.lecturesRequired ? 'success' : 'warning'}>
                          {r.lecturesGiven}/{r.lecturesRequired}
                        </Tag>
                      </Tooltip>
                    ),
                },
              ],
            },
            {
              title: '年度考试',
              key: 'annual',
              width: 110,
              render: (_: unknown, r) =>
                r.annualOutcome ? (
                  <Space size={4}>
                    {r.annualScore !== null && <span>{r.annualScore}分</span>}
                    <Tag color={OUTCOME_COLOR[r.annualOutcome]}>{CANDIDATE_OUTCOME_ZH[r.annualOutcome]}</Tag>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">未参加</Typography.Text>
                ),
            },
            {
              title: '任前考试',
              key: 'pre',
              width: 90,
              render: (_: unknown, r) => (r.preOutcome ? <Tag color={OUTCOME_COLOR[r.preOutcome]}>{CANDIDATE_OUTCOME_ZH[r.preOutcome]}</Tag> : '—'),
            },
            {
              title: '练习',
              key: 'practice',
              width: 110,
              render: (_: unknown, r) => (r.practiceAnswered ? `${r.practiceAnswered} 题 · ${Math.round((r.practiceCorrectRate ?? 0) * 100)}%` : '—'),
            },
            {
              title: '操作',
              key: 'op',
              width: 110,
              fixed: 'right',
              render: (_: unknown, r) => (
                <Space size={4}>
                  <Typography.Link onClick={() => setOpen(r.personId)}>查看</Typography.Link>
                  <Typography.Link href={printUrl.person(r.personId, query.year)} target="_blank" aria-label={`打印${r.name}的学法档案`}>
                    打印
                  </Typography.Link>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <PersonDrawer personId={open} year={query.year} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}
