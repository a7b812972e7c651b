import { CheckOutlined, FileExcelOutlined, InboxOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Space, Typography, Upload } from 'antd';
import { DownloadButton } from '../../../components/DownloadButton';
import { showError } from '../../../components/feedback';

interface Props {
  file: File | null;
  onFile: (f: File | null) => void;
  createUnits: boolean;
  onCreateUnits: (v: boolean) => void;
  onPreview: () => void;
  previewing: boolean;
  canCommit: boolean;
  onCommit: () => void;
  committing: boolean;
}

const MAX_BYTES = 10 * 1024 * 1024; // the server's upload limit

/** Step ①: template, file and options, with the 预检 / 确认导入 buttons. */
export function ImportFilePicker(p: Props) {
  return (
    <div style={{ marginBottom: 24 }}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="导入说明"
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            <li>请使用系统模板填写，列包括：姓名、身份证号、工号、单位、职务、职级、岗位类别、手机等；身份证号和工号至少填写一项。</li>
            <li>“单位”填写完整路径，用“/”分隔，例如：区司法局/办公室；模板的“单位列表”工作表列出了您可以导入的单位。</li>
            <li>已登记的人员（按身份证号或工号匹配）将按文件内容更新。</li>
            <li>只支持 .xlsx 格式，文件不超过 10MB。</li>
          </ul>
        }
      />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <DownloadButton url="/api/people/import/template.xlsx" filename="人员导入模板.xlsx">
          下载模板
        </DownloadButton>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            if (!/\.xlsx$/i.test(f.name)) {
              showError(new Error('只支持 .xlsx 格式的 Excel 文件（旧版 .xls 请先另存为 .xlsx）'));
              return Upload.LIST_IGNORE;
            }
            if (f.size > MAX_BYTES) {
              showError(new Error('文件超过 10MB，请拆分后分批导入'));
              return Upload.LIST_IGNORE;
            }
            p.onFile(f);
            return false;
          }}
          aria-label="选择Excel文件"
        >
          <p className="ant-upload-drag-icon">{p.file ? <FileExcelOutlined aria-hidden style={{ color: '#389e0d' }} /> : <InboxOutlined aria-hidden />}</p>
          {p.file ? (
            <>
              <p className="ant-upload-text">{p.file.name}</p>
              <p className="ant-upload-hint">
                {(p.file.size / 1024).toFixed(1)} KB · 点击或拖拽可更换文件
              </p>
            </>
          ) : (
            <>
              <p className="ant-upload-text">点击或拖拽 Excel 文件（.xlsx）到此处</p>
              <p className="ant-upload-hint">文件只在预检和导入时上传，预检不会写入任何数据</p>
            </>
          )}
        </Upload.Dragger>
        <Checkbox checked={p.createUnits} onChange={(e) => p.onCreateUnits(e.target.checked)}>
          自动创建不存在的单位
        </Checkbox>
        {p.createUnits && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            勾选后，文件中填写的单位如不存在将按路径自动新建；不勾选则作为错误提示。
          </Typography.Text>
        )}
        <Space>
          <Button icon={<SearchOutlined aria-hidden />} onClick={p.onPreview} disabled={!p.file || p.committing} loading={p.previewing}>
            预检
          </Button>
          <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={p.onCommit} disabled={!p.canCommit || p.previewing} loading={p.committing}>
            确认导入
          </Button>
        </Space>
      </Space>
    </div>
  );
}
