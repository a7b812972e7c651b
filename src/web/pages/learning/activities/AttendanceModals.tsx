import { CheckOutlined, FileExcelOutlined, InboxOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { AttendanceCandidate, AttendanceImportPreview, AttendanceImportRow } from '../../../../common/activities';
import { ApiError } from '../../../api';
import { DownloadButton } from '../../../components/DownloadButton';
import { showError, showSuccess } from '../../../components/feedback';
import { UploadProgress } from '../../../components/UploadProgress';
import { ImportIssuesTable } from '../../org/import/ImportIssuesTable';
import { useAttendanceImport, useCandidates, useSetAttendance } from './useActivities';

/**
 * 勾选参加人员: people of the host and audience units, ticked as the list stands now. Saving sends
 * the whole ticked set with the moment the list was loaded, so someone who signs in meanwhile is
 * kept, and anyone unticked here is removed.
 */
export function TickAttendanceModal({ activityId, open, attending, loadedAt, onClose }: { activityId: number; open: boolean; attending: number[]; loadedAt: string; onClose: () => void }) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  // the parent gives the dialog a new key each time it opens: later refetches must not undo the user's ticks
  const [ticked, setTicked] = useState<Set<number>>(() => new Set(attending));
  const [asOf] = useState(loadedAt);
  const list = useCandidates(activityId, q, page, open);
  const save = useSetAttendance(activityId);
  const toggle = (rows: AttendanceCandidate[], on: boolean) =>
    setTicked((s) => {
      const n = new Set(s);
      for (const r of rows) {
        if (on) n.add(r.personId);
        else n.delete(r.personId);
      }
      return n;
    });
  return (
    <Modal
      title="勾选参加人员"
      open={open}
      width={760}
      onCancel={onClose}
      okText={`保存（${ticked.size} 人）`}
      okButtonProps={{ loading: save.isPending }}
      onOk={() =>
        save.mutate(
          { personIds: [...ticked], asOf },
          {
            onSuccess: (r) => {
              showSuccess(`已保存：新增 ${r.added} 人，移除 ${r.removed} 人，共 ${r.total} 人`);
              onClose();
            },
            onError: showError,
          },
        )
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">列出主办单位和参加单位（含下级）的在职人员。勾选即登记参加，取消勾选即移除（连同学时）。</Typography.Paragraph>
      <Input.Search allowClear placeholder="姓名或工号" aria-label="搜索人员" onSearch={(v) => (setQ(v.trim()), setPage(1))} style={{ maxWidth: 280, marginBottom: 12 }} />
      <Table<AttendanceCandidate>
        size="small"
        rowKey="personId"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        rowSelection={{ selectedRowKeys: [...ticked], preserveSelectedRowKeys: true, onSelect: (r, on) => toggle([r], on), onSelectAll: (on, _rows, changed) => toggle(changed, on) }}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 人` }}
        locale={{ emptyText: '没有符合条件的在职人员（可在活动中设置参加单位）' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 120 },
          { title: '单位', dataIndex: 'unitName' },
          { title: '工号', dataIndex: 'employeeNo', width: 120, render: (t: string | null) => t ?? '—' },
        ]}
      />
    </Modal>
  );
}

const MAX_BYTES = 10 * 1024 * 1024;

/** 导入参加人员: template, file, 预检 (nothing written) and 确认导入 (all or nothing). */
export function ImportAttendanceModal({ activityId, open, onClose }: { activityId: number; open: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<AttendanceImportPreview | null>(null);
  const [progress, setProgress] = useState<number | null>(0);
  const imp = useAttendanceImport(activityId);
  const close = () => {
    setFile(null);
    setPreview(null);
    imp.reset();
    onClose();
  };
  const run = (dryRun: boolean) => {
    if (!file) return;
    setProgress(0);
    imp.mutate(
      { file, dryRun, onProgress: setProgress },
      {
        onSuccess: (r) => {
          if (dryRun) setPreview(r);
          else {
            showSuccess(r.added > 0 ? `已登记 ${r.added} 人参加` : '文件中的人员都已登记，没有新增');
            close();
          }
        },
        onError: (err) => {
          if (err instanceof ApiError && err.importIssues.length) setPreview({ dryRun, rows: [], added: 0, issues: err.importIssues });
          else showError(err);
        },
      },
    );
  };
  const ok = !!preview && preview.issues.length === 0;
  return (
    <Modal
      title="导入参加人员"
      open={open}
      width={760}
      onCancel={close}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={close}>取消</Button>
          <Button icon={<SearchOutlined aria-hidden />} disabled={!file} loading={imp.isPending && imp.variables?.dryRun} onClick={() => run(true)}>
            预检
          </Button>
          <Button type="primary" icon={<CheckOutlined aria-hidden />} disabled={!ok || !preview || preview.added === 0} loading={imp.isPending && !imp.variables?.dryRun} onClick={() => run(false)}>
            确认导入
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="按模板填写姓名和身份证号（或工号），人员须已在人员库中登记。"
        description="先预检：文件有任何错误都不会写入；预检通过后点击“确认导入”。已登记参加的人员自动跳过。"
      />
      <Space orientation="vertical" style={{ width: '100%' }}>
        <DownloadButton url="/api/activities/attendance-template.xlsx" filename="参加人员导入模板.xlsx">
          下载模板
        </DownloadButton>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          maxCount={1}
          showUploadList={false}
          aria-label="选择参加人员文件"
          beforeUpload={(f) => {
            if (!/\.xlsx$/i.test(f.name)) {
              showError(new Error('只支持 .xlsx 格式的 Excel 文件'));
              return Upload.LIST_IGNORE;
            }
            if (f.size > MAX_BYTES) {
              showError(new Error('文件超过 10MB'));
              return Upload.LIST_IGNORE;
            }
            setFile(f);
            setPreview(null);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">{file ? <FileExcelOutlined aria-hidden style={{ color: '#389e0d' }} /> : <InboxOutlined aria-hidden />}</p>
          <p className="ant-upload-text">{file ? file.name : '点击或拖拽 Excel 文件（.xlsx）到此处'}</p>
        </Upload.Dragger>
        <UploadProgress active={imp.isPending} fraction={progress} working={imp.variables?.dryRun ? '正在校验文件' : '正在导入'} />
        {preview && preview.issues.length > 0 && <ImportIssuesTable issues={preview.issues} />}
        {ok && (
          <>
            <Alert
              type={preview.added > 0 ? 'success' : 'warning'}
              showIcon
              title={preview.added > 0 ? `预检通过：共 ${preview.rows.length} 行，将新增 ${preview.added} 人。` : `预检通过：文件中的 ${preview.rows.length} 人都已登记，没有需要新增的人员。`}
            />
            <Table<AttendanceImportRow>
              size="small"
              rowKey="row"
              dataSource={preview.rows}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                { title: '行', dataIndex: 'row', width: 70 },
                { title: '姓名', dataIndex: 'name', width: 120 },
                { title: '单位', dataIndex: 'unitName' },
                { title: '处理', dataIndex: 'alreadyAttending', width: 110, render: (on: boolean) => (on ? <Tag>已登记</Tag> : <Tag color="green">新增</Tag>) },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
