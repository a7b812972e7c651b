import { ClockCircleOutlined, ImportOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ROSTER_SOURCE_ZH, type ExamDetail, type RosterRow } from '../../../../common/exam-admin';
import { DownloadButton } from '../../../components/DownloadButton';
import { showError, showSuccess } from '../../../components/feedback';
import { fmtPoints, fmtTime, RosterStatusTag } from './labels';
import { OverrideModal } from './OverrideModal';
import { PersonPickerModal } from './PersonPickerModal';
import { RosterImportModal } from './RosterImportModal';
import { useRoster, useRosterAdd, useRosterRemove } from './useExams';

/** 考生名单: who may take the exam; add by search or Excel, remove, per-person time overrides. */
export function RosterTab({ exam }: { exam: ExamDetail }) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const roster = useRoster(exam.id, { q: q || undefined, page });
  const add = useRosterAdd(exam.id);
  const remove = useRosterRemove(exam.id);
  const [picking, setPicking] = useState(false);
  const [importing, setImporting] = useState(false);
  const [overriding, setOverriding] = useState<RosterRow | null>(null);
  const closed = exam.status === 'closed';
  const hasRule = !!exam.settings.rosterRule;

  return (
    <Card size="small">
      {exam.status === 'draft' && hasRule && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="按规则确定的考生在发布时生成"
          description="下表是手工添加或导入的名单；发布时再按考试设置中的规则从人员库加入考生，两者合并。"
        />
      )}
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Input.Search allowClear placeholder="搜索姓名、工号或单位" aria-label="搜索考生" onSearch={(v) => (setQ(v.trim()), setPage(1))} style={{ width: 280 }} />
        {!closed && (
          <Space wrap>
            <DownloadButton url="/api/exams/roster-template.xlsx" filename="考生名单模板.xlsx">
              下载名单模板
            </DownloadButton>
            <Button icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
              导入名单
            </Button>
            <Button type="primary" icon={<UserAddOutlined aria-hidden />} onClick={() => setPicking(true)}>
              添加考生
            </Button>
          </Space>
        )}
      </Space>
      <Table<RosterRow>
        rowKey="personId"
        size="middle"
        loading={roster.isFetching}
        dataSource={roster.data?.items ?? []}
        pagination={{
          current: roster.data?.page ?? page,
          pageSize: roster.data?.pageSize ?? 20,
          total: roster.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 人`,
          onChange: setPage,
        }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: q ? '没有符合条件的考生' : '名单中还没有考生' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100, fixed: 'left' },
          { title: '单位', dataIndex: 'unitPath', render: (p: string[]) => p.join(' / ') },
          { title: '职务', dataIndex: 'title', width: 120, render: (t: string | null) => t ?? '—' },
          { title: '职级', dataIndex: 'rank', width: 90, render: (t: string | null) => t ?? '—' },
          { title: '来源', dataIndex: 'source', width: 90, render: (s: RosterRow['source']) => <Tag>{ROSTER_SOURCE_ZH[s]}</Tag> },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (s: RosterRow['status'], r) => (
              <Space orientation="vertical" size={0}>
                <RosterStatusTag status={s} />
                {r.score !== null && <Typography.Text type="secondary">{fmtPoints(r.score)} 分</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '个人设置',
            key: 'override',
            width: 200,
            render: (_: unknown, r) => {
              const parts = [
                r.extraMinutes > 0 && `延时 ${r.extraMinutes} 分钟`,
                r.opensAtOverride && `开考 ${fmtTime(r.opensAtOverride)}`,
                r.closesAtOverride && `截止 ${fmtTime(r.closesAtOverride)}`,
              ].filter(Boolean);
              return parts.length ? (
                <Space orientation="vertical" size={0}>
                  {parts.map((p) => (
                    <Typography.Text key={String(p)} style={{ fontSize: 13 }}>
                      <ClockCircleOutlined aria-hidden style={{ color: '#fa8c16', marginRight: 4 }} />
                      {p}
                    </Typography.Text>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              );
            },
          },
          {
            title: '操作',
            key: 'op',
            width: 150,
            fixed: 'right',
            render: (_: unknown, r) =>
              closed ? null : (
                <Space size="small">
                  <Typography.Link onClick={() => setOverriding(r)}>个人设置</Typography.Link>
                  {r.attemptsUsed > 0 ? (
                    <Tooltip title="已开始作答的考生不能移除">
                      <Typography.Text type="secondary">移除</Typography.Text>
                    </Tooltip>
                  ) : (
                    <Popconfirm
                      title={`将${r.name}移出考生名单？`}
                      description={r.source === 'rule' ? '此人按规则加入，移除后不会再自动加入。' : undefined}
                      okText="移除"
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        remove
                          .mutateAsync(r.personId)
                          .then(() => showSuccess(`已移除${r.name}`))
                          .catch(showError)
                      }
                    >
                      <Typography.Link type="danger">移除</Typography.Link>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <PersonPickerModal
        open={picking}
        busy={add.isPending}
        onCancel={() => setPicking(false)}
        onPick={(people) =>
          add
            .mutateAsync(people.map((p) => p.id))
            .then((r) => {
              showSuccess(r.added === people.length ? `已添加 ${r.added} 人` : `已添加 ${r.added} 人，其余 ${people.length - r.added} 人已在名单中`);
              setPicking(false);
            })
            .catch(showError)
        }
      />
      <RosterImportModal examId={exam.id} open={importing} onClose={() => setImporting(false)} />
      <OverrideModal exam={exam} row={overriding} onClose={() => setOverriding(null)} />
    </Card>
  );
}
