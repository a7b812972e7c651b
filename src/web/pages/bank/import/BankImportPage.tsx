import { CheckOutlined, FileTextOutlined, InboxOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Result, Select, Space, Steps, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../../api';
import { DownloadButton } from '../../../components/DownloadButton';
import { showError } from '../../../components/feedback';
import { PageContainer } from '../../../components/PageContainer';
import { UploadProgress } from '../../../components/UploadProgress';
import { CategorySelect } from '../CategorySelect';
import { BankImportIssues } from './BankImportIssues';
import { BankImportPreviewPanel } from './BankImportPreviewPanel';
import { FORMAT_ACCEPT, FORMAT_ZH, IMPORT_FORMATS, type BankImportPreview, type BankImportResult, type ImportFormat } from './types';
import { useBankImport } from './useBankImport';

const MAX_BYTES = 10 * 1024 * 1024;

const FORMAT_HELP: Record<ImportFormat, string> = {
  excel: '按系统模板填写：题型、题干、选项A…H、答案、解析、难度、法律依据、知识点、分类。答案可写 AC、A,C、A、C、正确/错误、对/错、√/×。',
  gift: 'Moodle 的 GIFT 文本格式（.txt），例如 ::标题:: 题干 {=正确 ~错误}。',
  aiken: 'Aiken 文本格式（.txt）：题干一行，A. B. … 选项各一行，最后一行 ANSWER: B。只支持单选题。',
  moodlexml: 'Moodle 导出的 XML 文件（.xml），支持单选、多选、判断、填空（简答）和论述题。',
};

/** 导入题目: ① format, file, default category ② 预检 (nothing written) ③ 确认导入 (one transaction). */
export default function BankImportPage() {
  const navigate = useNavigate();
  const [format, setFormat] = useState<ImportFormat>('excel');
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [skipDuplicates, setSkipDuplicates] = useState(true);
  const [preview, setPreview] = useState<BankImportPreview | null>(null);
  const [result, setResult] = useState<BankImportResult | null>(null);
  const { preview: previewMut, commit, progress } = useBankImport();

  // Any change to the input invalidates the last 预检.
  const reset = () => setPreview(null);

  const runPreview = () => {
    if (!file) return;
    setPreview(null);
    previewMut.mutate({ format, categoryId, file }, { onSuccess: setPreview });
  };

  const runCommit = () => {
    if (!file) return;
    commit.mutate(
      { format, categoryId, file, skipDuplicates },
      {
        onSuccess: setResult,
        onError: (err) => {
          if (err instanceof ApiError && err.importIssues.length) {
            setPreview({
              ok: false,
              format,
              issueCount: err.importIssues.length,
              issues: err.importIssues,
              warnings: [],
              summary: { total: 0, valid: 0, create: 0, duplicatesInBank: 0, duplicatesInFile: 0, categoriesToCreate: [] },
              rows: [],
            });
          } else showError(err);
        },
      },
    );
  };

  const restart = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    previewMut.reset();
    commit.reset();
  };

  const current = result ? 2 : preview ? 1 : 0;
  const status = preview && !preview.ok ? 'error' : result ? 'finish' : 'process';

  return (
    <PageContainer title="导入题目" subtitle="从 Excel 模板或 Moodle 的 GIFT、Aiken、Moodle XML 文件批量导入。先预检，全部通过后才会写入，有任何错误都不会写入数据。">
      <Card>
        <Steps
          current={current}
          status={status}
          style={{ maxWidth: 760, margin: '0 auto 32px' }}
          items={[{ title: '选择文件', content: '格式、文件和分类' }, { title: '预检', content: '检查文件，不写入数据' }, { title: '确认导入', content: '一次性写入，均为草稿' }]}
        />
        {result ? (
          <Result
            status="success"
            title="导入完成"
            subTitle={`新增 ${result.created} 道题（草稿）${result.skippedDuplicates ? `，跳过重复 ${result.skippedDuplicates} 道` : ''}${result.categoriesCreated ? `，新建分类 ${result.categoriesCreated} 个` : ''}。导入的题目经审核启用后才会被组卷抽取。`}
            extra={[
              <Button type="primary" key="list" onClick={() => navigate('/bank/questions?status=draft')}>
                查看题目
              </Button>,
              <Button key="again" onClick={restart}>
                继续导入
              </Button>,
            ]}
          />
        ) : (
          <>
            <Form layout="vertical" style={{ maxWidth: 760, marginBottom: 8 }}>
              <Form.Item label="文件格式" htmlFor="import-format" extra={FORMAT_HELP[format]}>
                <Space>
                  <Select
                    id="import-format"
                    style={{ width: 180 }}
                    value={format}
                    options={IMPORT_FORMATS.map((f) => ({ value: f, label: FORMAT_ZH[f] }))}
                    onChange={(f) => {
                      setFormat(f);
                      setFile(null);
                      reset();
                    }}
                  />
                  {format === 'excel' && (
                    <DownloadButton url="/api/bank/import/template.xlsx" filename="题目导入模板.xlsx">
                      下载Excel模板
                    </DownloadButton>
                  )}
                </Space>
              </Form.Item>
              <Form.Item label="默认分类" htmlFor="import-category" extra="文件中没有填写分类的题目放入此分类；填写了分类的按文件中的分类（不存在的将新建）。">
                <CategorySelect
                  id="import-category"
                  value={categoryId}
                  onChange={(v) => {
                    setCategoryId(v);
                    reset();
                  }}
                  placeholder="不指定"
                />
              </Form.Item>
              <Form.Item label="文件">
                <Upload.Dragger
                  accept={FORMAT_ACCEPT[format]}
                  multiple={false}
                  maxCount={1}
                  showUploadList={false}
                  beforeUpload={(f) => {
                    if (f.size > MAX_BYTES) {
                      showError(new Error('文件超过 10MB，请拆分后分批导入'));
                      return Upload.LIST_IGNORE;
                    }
                    setFile(f);
                    reset();
                    return false;
                  }}
                  aria-label="选择题库文件"
                >
                  <p className="ant-upload-drag-icon">{file ? <FileTextOutlined aria-hidden style={{ color: '#389e0d' }} /> : <InboxOutlined aria-hidden />}</p>
                  {file ? (
                    <>
                      <p className="ant-upload-text">{file.name}</p>
                      <p className="ant-upload-hint">{(file.size / 1024).toFixed(1)} KB · 点击或拖拽可更换文件</p>
                    </>
                  ) : (
                    <>
                      <p className="ant-upload-text">点击或拖拽 {FORMAT_ZH[format]} 文件（{FORMAT_ACCEPT[format]}）到此处</p>
                      <p className="ant-upload-hint">文件只在预检和导入时上传，预检不会写入任何数据</p>
                    </>
                  )}
                </Upload.Dragger>
              </Form.Item>
              <Space>
                <Button icon={<SearchOutlined aria-hidden />} onClick={runPreview} disabled={!file || commit.isPending} loading={previewMut.isPending}>
                  预检
                </Button>
                <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={runCommit} disabled={!preview?.ok || previewMut.isPending} loading={commit.isPending}>
                  确认导入
                </Button>
              </Space>
            </Form>
            <UploadProgress active={previewMut.isPending || commit.isPending} fraction={progress} working={commit.isPending ? '正在校验并写入题库' : '正在校验文件、查找相似题'} />
            {previewMut.isError && previewMut.error instanceof ApiError && previewMut.error.status === 404 && (
              <Alert type="warning" showIcon style={{ marginTop: 16 }} title="服务器尚未提供题目导入接口" />
            )}
            <div style={{ marginTop: 24 }}>
              {preview && !preview.ok && <BankImportIssues issues={preview.issues} total={preview.issueCount} />}
              {preview?.ok && <BankImportPreviewPanel preview={preview} skipDuplicates={skipDuplicates} onSkipDuplicates={setSkipDuplicates} />}
            </div>
          </>
        )}
      </Card>
    </PageContainer>
  );
}
