import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, Descriptions, Form, Input, Radio, Result, Select, Space, Tree, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { LawUploadSummary } from '../../../common/laws';
import { api, ApiError } from '../../api';
import { PageContainer } from '../../components/PageContainer';
import { LAWS_KEY, useLawList } from './useLaws';

interface Fields {
  mode: 'version' | 'new';
  lawId?: number;
  title?: string;
  category?: string;
  versionDate?: string;
}

function toForm(file: File, f: Fields): FormData {
  const form = new FormData();
  if (f.mode === 'version' && f.lawId) form.append('lawId', String(f.lawId));
  if (f.mode === 'new') {
    if (f.title) form.append('title', f.title);
    if (f.category) form.append('category', f.category);
  }
  if (f.versionDate) form.append('versionDate', f.versionDate);
  form.append('file', file, file.name);
  return form;
}

function nodeTree(nodes: LawUploadSummary['nodes']) {
  type Item = { key: string; title: string; children: Item[] };
  const roots: Item[] = [];
  const stack: Item[] = [];
  nodes.forEach((n, i) => {
    const item: Item = { key: String(i), title: [n.label, n.title].filter(Boolean).join(' '), children: [] };
    stack.length = n.depth;
    (n.depth === 0 ? roots : stack[n.depth - 1]?.children ?? roots).push(item);
    stack[n.depth] = item;
  });
  return roots;
}

/** 上传法规: choose a file, preview what the parser found, then confirm (one transaction). */
export default function LawUploadPage() {
  const qc = useQueryClient();
  const laws = useLawList();
  const [form] = Form.useForm<Fields>();
  const mode = Form.useWatch('mode', form) ?? 'version';
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<LawUploadSummary | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useMutation({
    mutationFn: ({ dryRun, fields }: { dryRun: boolean; fields: Fields }) =>
      api.upload<LawUploadSummary>(`/api/laws/upload${dryRun ? '?dryRun=true' : ''}`, toForm(file!, fields)),
    meta: { handlesErrors: true },
    onSuccess: (r) => {
      setError(null);
      setPreview(r);
      if (!r.dryRun) void qc.invalidateQueries({ queryKey: LAWS_KEY });
    },
    onError: (e) => {
      setPreview(null);
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e)));
    },
  });
  const categories = [...new Set((laws.data ?? []).map((l) => l.category))];
  const reset = () => {
    setPreview(null);
    setError(null);
  };

  if (preview && !preview.dryRun) {
    return (
      <PageContainer title="上传法规">
        <Card>
          <Result
            status="success"
            title={`已保存《${preview.shortTitle}》${preview.versionDate ?? ''} 版，共 ${preview.articleCount} 条`}
            extra={[
              <Link key="open" to={`/laws/${preview.lawId}?v=${preview.versionId}`}>
                <Button type="primary">阅读此版本</Button>
              </Link>,
              <Button
                key="again"
                onClick={() => {
                  reset();
                  setFile(null);
                  form.resetFields();
                }}
              >
                继续上传
              </Button>,
            ]}
          />
        </Card>
      </PageContainer>
    );
  }

  return (
    <PageContainer title="上传法规" subtitle="上传 .md 或 .txt 文本（UTF-8 或 GBK）：新的法规，或已有法规的新版本。先预览，确认无误后保存。" extra={<Link to="/laws">返回法规库</Link>}>
      <Card>
        <Form<Fields> form={form} layout="vertical" initialValues={{ mode: 'version' }} style={{ maxWidth: 640 }} onValuesChange={reset}>
          <Form.Item name="mode" label="上传内容">
            <Radio.Group
              options={[
                { value: 'version', label: '已有法规的新版本' },
                { value: 'new', label: '新的法规' },
              ]}
            />
          </Form.Item>
          {mode === 'version' ? (
            <Form.Item name="lawId" label="法规" rules={[{ required: true, message: '请选择法规' }]}>
              <Select showSearch optionFilterProp="label" placeholder="选择法规" options={(laws.data ?? []).map((l) => ({ value: l.id, label: `${l.shortTitle}（现行 ${l.versionDate ?? '—'}）` }))} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="title" label="法规名称" extra="不填则取文件首行标题">
                <Input placeholder="如：某市文明行为促进条例" maxLength={100} />
              </Form.Item>
              <Form.Item name="category" label="类别" rules={[{ required: true, message: '请填写类别' }]}>
                <AutoComplete options={categories.map((c) => ({ value: c }))} placeholder="如：行政法规、地方性法规" />
              </Form.Item>
            </>
          )}
          <Form.Item name="versionDate" label="版本日期" extra="YYYY-MM-DD；不填则取文件中最后一次通过或修正的日期" rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式应为 YYYY-MM-DD' }]}>
            <Input placeholder="如 2024-06-28" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="文件" required>
            <Upload.Dragger
              accept=".md,.txt,.markdown"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                reset();
                return false;
              }}
              onRemove={() => {
                setFile(null);
                reset();
              }}
              fileList={file ? [{ uid: 'f', name: file.name, status: 'done' }] : []}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖入法规文本文件</p>
              <p className="ant-upload-hint">格式：首行“# 法规名称”，日期行，章节标题，每条以“第X条”开头</p>
            </Upload.Dragger>
          </Form.Item>
          <Space>
            <Button
              type={preview ? 'default' : 'primary'}
              disabled={!file}
              loading={run.isPending && run.variables?.dryRun}
              onClick={async () => run.mutate({ dryRun: true, fields: await form.validateFields() })}
            >
              预览
            </Button>
            <Button type={preview ? 'primary' : 'default'} disabled={!preview} loading={run.isPending && !run.variables?.dryRun} onClick={async () => run.mutate({ dryRun: false, fields: await form.validateFields() })}>
              确认保存
            </Button>
          </Space>
        </Form>
      </Card>
      {error && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          title={error.issues.length ? '文件或填写的内容有误，未保存任何数据' : error.message}
          description={
            error.issues.length > 0 && (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {error.issues.map((i, k) => (
                  <li key={k}>{i.message}</li>
                ))}
              </ul>
            )
          }
        />
      )}
      {preview && (
        <Card title="预览（尚未保存）" style={{ marginTop: 16 }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="法规">{preview.title}</Descriptions.Item>
            <Descriptions.Item label="类别">{preview.category}</Descriptions.Item>
            <Descriptions.Item label="版本日期">{preview.versionDate}</Descriptions.Item>
            <Descriptions.Item label="条文 / 章节">
              {preview.articleCount} 条 / {preview.nodeCount} 个章节
            </Descriptions.Item>
          </Descriptions>
          {preview.warnings.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              title="请核对以下提示（不影响保存）"
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {preview.warnings.map((w, k) => (
                    <li key={k}>
                      第{w.line}行：{w.message}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <div style={{ display: 'flex', gap: 24, marginTop: 12, flexWrap: 'wrap' }}>
            {preview.nodes.length > 0 && (
              <div style={{ flex: '0 0 280px' }}>
                <Typography.Title level={5}>章节</Typography.Title>
                <Tree defaultExpandAll treeData={nodeTree(preview.nodes)} />
              </div>
            )}
            <div style={{ flex: 1, minWidth: 280 }}>
              <Typography.Title level={5}>开头几条</Typography.Title>
              {preview.firstArticles.map((a) => (
                <Typography.Paragraph key={a.label}>
                  <b>{a.label}</b> {a.text}
                </Typography.Paragraph>
              ))}
            </div>
          </div>
        </Card>
      )}
    </PageContainer>
  );
}
