import { CheckOutlined, FileExcelOutlined, InboxOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { RosterImportPreview, RosterImportRow } from '../../../../common/exam-admin';
import { ApiError } from '../../../api';
import { DownloadButton } from '../../../components/DownloadButton';
import { showError, showSuccess } from '../../../components/feedback';
import { UploadProgress } from '../../../components/UploadProgress';
import { ImportIssuesTable } from '../../org/import/ImportIssuesTable';
import { useRosterImport } from './useExams';

const MAX_BYTES = 10 * 1024 * 1024;

/** 导入考生名单: template, file, 预检 (dry run, nothing written) and 确认导入. */
export function RosterImportModal({ examId, open, onClose }: { examId: number; open: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<RosterImportPreview | null>(null);
  const [progress, setProgress] = useState<number | null>(0);
  const imp = useRosterImport(examId);

  const run = (dryRun: boolean) => {
    if (!file) return;
    setProgress(0);
    imp.mutate(
      { file, dryRun, onProgress: setProgress },
      {
        onSuccess: (r) => {
          if (dryRun) setPreview(r);
          else {
            showSuccess(r.added > 0 ? `已将 ${r.added} 人加入考生名单` : '文件中的人员都已在名单中，没有新增');
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
  const close = () => {
    setFile(null);
    setPreview(null);
    imp.reset();
    onClose();
  };
  const ok = !!preview && preview.issues.length === 0;

  return (
    <Modal
      title="导入考生名单"
      open={open}
      width={820}
      onCancel={close}
      footer={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button icon={<SearchOutlined aria-hidden />} disabled={!file} loading={imp.isPending && imp.variables?.dryRun} onClick={() => run(true)}>
            预检
          </Button>
          <Button type="primary" icon={<CheckOutlined aria-hidden />} disabled={!ok || !preview || preview.added === 0} loading={imp.isPending && !imp.variables?.dryRun} onClick={() => run(false)}>
            确认导入
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="按模板填写姓名和身份证号（或工号），人员须已在人员库中登记。"
        description="先预检：文件有任何错误都不会写入；预检通过后点击“确认导入”加入名单。已在名单中的人员自动跳过。"
      />
      <Space orientation="vertical" style={{ width: '100%' }}>
        <DownloadButton url="/api/exams/roster-template.xlsx" filename="考生名单模板.xlsx">
          下载模板
        </DownloadButton>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          maxCount={1}
          showUploadList={false}
          aria-label="选择考生名单文件"
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
          {file && <p className="ant-upload-hint">点击或拖拽可更换文件</p>}
        </Upload.Dragger>
        <UploadProgress active={imp.isPending} fraction={progress} working={imp.variables?.dryRun ? '正在校验文件' : '正在导入'} />
        {preview && preview.issues.length > 0 && <ImportIssuesTable issues={preview.issues} />}
        {ok && (
          <>
            <Alert
              type={preview.added > 0 ? 'success' : 'warning'}
              showIcon
              data-testid="roster-import-summary"
              title={preview.added > 0 ? `预检通过：共 ${preview.rows.length} 行，将新增 ${preview.added} 名考生。` : `预检通过：文件中的 ${preview.rows.length} 人都已在名单中，没有需要新增的考生。`}
            />
            <Table<RosterImportRow>
              size="small"
              rowKey="row"
              dataSource={preview.rows}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                { title: '行', dataIndex: 'row', width: 70 },
                { title: '姓名', dataIndex: 'name', width: 120 },
                { title: '单位', dataIndex: 'unitName' },
                { title: '处理', dataIndex: 'alreadyOnRoster', width: 120, render: (on: boolean) => (on ? <Tag>已在名单中</Tag> : <Tag color="green">新增</Tag>) },
              ]}
            />
          </>
        )}
        {!preview && file && !imp.isPending && <Typography.Text type="secondary">点击“预检”检查文件，预检不会写入数据。</Typography.Text>}
      </Space>
    </Modal>
  );
}
