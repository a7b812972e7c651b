import { DeleteOutlined, EditOutlined, ImportOutlined, PaperClipOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Popconfirm, Result, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { AttendanceRow } from '../../../../common/activities';
import type { ActivityCategory, AttendanceSource } from '../../../../common/learning';
import { DownloadButton } from '../../../components/DownloadButton';
import { errorText, showError, showSuccess } from '../../../components/feedback';
import { PageContainer } from '../../../components/PageContainer';
import { ActivityFormDrawer } from './ActivityFormDrawer';
import { ImportAttendanceModal, TickAttendanceModal } from './AttendanceModals';
import { CATEGORY_PATH, CATEGORY_TITLE, fmtSpan, fmtTime, PRESENTER_LABEL, SourceTag, StatusTag } from './labels';
import { SignInPanel } from './SignInPanel';
import { useActivity, useAttendance, useDeleteActivity, useRemoveAttendance } from './useActivities';

/** One 集体学法/讲法 record: its details, attendance (tick, import, remove, 签到表) and phone sign-in. */
export function ActivityDetailPage({ category }: { category: ActivityCategory }) {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const detail = useActivity(id);
  const a = detail.data;
  const signing = !!a?.signIn.code;
  const attendance = useAttendance(id, signing);
  const remove = useRemoveAttendance(id);
  const del = useDeleteActivity();
  const [editing, setEditing] = useState(false);
  const [ticking, setTicking] = useState(false);
  const [importing, setImporting] = useState(false);
  const [loadedAt, setLoadedAt] = useState('');
  // each opening of a dialog/drawer mounts it afresh with the data of that moment
  const [session, setSession] = useState(0);

  if (detail.isPending) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;
  if (detail.error || !a) {
    return <Result status="404" title="活动不存在或无权查看" subTitle={errorText(detail.error)} extra={<Link to={CATEGORY_PATH[category]}>返回{CATEGORY_TITLE[category]}</Link>} />;
  }
  if (a.category !== category) {
    return <Result status="404" title="活动不存在" extra={<Link to={CATEGORY_PATH[a.category]}>打开{CATEGORY_TITLE[a.category]}</Link>} />;
  }
  const rows = attendance.data?.items ?? [];
  // the attendance list refreshes every 5 s while sign-in is open; the record's count does not
  const attendingCount = attendance.data ? rows.length : a.attendanceCount;
  const signed = rows.filter((r) => r.source === 'signin').length;
  const cancelled = a.status === 'cancelled';

  return (
    <PageContainer
      title={a.title}
      subtitle={
        <Space size="small" wrap>
          <Link to={CATEGORY_PATH[category]}>{CATEGORY_TITLE[category]}</Link>
          <span>·</span>
          <span>{a.kind}</span>
          <StatusTag status={a.status} />
        </Space>
      }
      extra={
        <Space wrap>
          <Button
            icon={<EditOutlined aria-hidden />}
            onClick={() => {
              setSession((n) => n + 1);
              setEditing(true);
            }}
          >
            编辑
          </Button>
          <Popconfirm
            title="删除此记录？"
            description={`参加人员（${attendingCount}人）和他们因此获得的学时将一并删除。`}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              del.mutate(a.id, {
                onSuccess: () => {
                  showSuccess('已删除');
                  navigate(CATEGORY_PATH[category]);
                },
                onError: showError,
              })
            }
          >
            <Button danger icon={<DeleteOutlined aria-hidden />} loading={del.isPending}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
            <Descriptions.Item label="时间">
              {fmtSpan(a.startsAt, a.durationMinutes)}（{a.durationMinutes} 分钟）
            </Descriptions.Item>
            <Descriptions.Item label="主办单位">{a.hostUnitPathNames}</Descriptions.Item>
            <Descriptions.Item label={PRESENTER_LABEL[category]}>{[a.speakerName, a.presenter, a.lecturerName && `师资库：${a.lecturerName}`].filter(Boolean).join('；') || '—'}</Descriptions.Item>
            <Descriptions.Item label="地点">{a.location ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="参加单位">{a.audienceUnits.map((u) => u.name).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="参加人数">
              登记 {attendingCount} 人{a.audienceSize !== null ? `；申报 ${a.audienceSize} 人` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="学习法规" span={2}>
              {a.laws.length ? a.laws.map((l, i) => <div key={i}>{l.lawId ? <Link to={`/laws/${l.lawId}`}>{l.title}</Link> : l.title}{l.articles ? ` ${l.articles}` : ''}</div>) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="附件" span={2}>
              {a.files.length
                ? a.files.map((f) => (
                    <div key={f.id}>
                      <PaperClipOutlined aria-hidden />{' '}
                      <a href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">
                        {f.name}
                      </a>
                    </div>
                  ))
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="内容摘要" span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.summary ?? '—'}</Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <SignInPanel activity={a} signedCount={signed} totalCount={rows.length} />
        <Card
          size="small"
          title={`参加人员（${rows.length}人）`}
          extra={
            <Space wrap size="small">
              <Button
                size="small"
                icon={<TeamOutlined aria-hidden />}
                disabled={cancelled}
                onClick={() => {
                  setLoadedAt(new Date(attendance.dataUpdatedAt || Date.now()).toISOString());
                  setSession((n) => n + 1);
                  setTicking(true);
                }}
              >
                勾选人员
              </Button>
              <Button size="small" icon={<ImportOutlined aria-hidden />} disabled={cancelled} onClick={() => setImporting(true)}>
                Excel 导入
              </Button>
              <DownloadButton url={`/api/activities/${a.id}/attendance.xlsx`} filename="签到表.xlsx">
                导出签到表
              </DownloadButton>
            </Space>
          }
        >
          <Table<AttendanceRow>
            size="small"
            rowKey="personId"
            loading={attendance.isFetching && !attendance.data}
            dataSource={rows}
            scroll={{ x: 640 }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: cancelled ? '活动已取消' : '还没有参加人员：可勾选人员、Excel 导入或开启扫码签到' }}
            columns={[
              { title: '姓名', dataIndex: 'name', width: 110 },
              { title: '单位', dataIndex: 'unitName' },
              { title: '工号', dataIndex: 'employeeNo', width: 110, render: (t: string | null) => t ?? '—' },
              { title: '登记方式', dataIndex: 'source', width: 120, render: (s: AttendanceSource) => <SourceTag source={s} /> },
              { title: '时间', dataIndex: 'signedAt', width: 150, render: (t: string) => fmtTime(t) },
              {
                title: '操作',
                key: 'op',
                width: 80,
                render: (_: unknown, r) => (
                  <Popconfirm title={`移除${r.name}？其因此获得的学时一并删除。`} onConfirm={() => remove.mutate(r.personId, { onSuccess: () => showSuccess('已移除'), onError: showError })}>
                    <Button type="link" size="small" danger>
                      移除
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </Card>
      </Space>
      <ActivityFormDrawer key={`edit-${session}`} category={category} activity={a} open={editing} onClose={() => setEditing(false)} />
      <TickAttendanceModal key={`tick-${session}`} activityId={a.id} open={ticking} attending={rows.map((r) => r.personId)} loadedAt={loadedAt} onClose={() => setTicking(false)} />
      <ImportAttendanceModal activityId={a.id} open={importing} onClose={() => setImporting(false)} />
    </PageContainer>
  );
}
