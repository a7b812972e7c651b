import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { FILE_ACCEPT, FILE_ACCEPT_ZH, fileUrl, type FileMeta } from '../../../../common/files';
import { MATERIAL_KINDS, type MaterialKind } from '../../../../common/learning';
import { api } from '../../../api';
import type { MaterialView } from '../../../../common/learning-lists';
import { applyServerErrors } from '../../../components/formErrors';
import { showError, showSuccess } from '../../../components/feedback';
import { uploadFile, useMaterialMutations, useMaterials } from './useLists';

interface FormValues {
  title: string;
  kind: MaterialKind;
  source?: string;
  body?: string;
}

const fmtSize = (n: number) => (n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

/** 学习材料: readings with a text body and/or an uploaded document, used by list items. */
export function MaterialsTab() {
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const materials = useMaterials({ q: q || undefined, kind });
  const m = useMaterialMutations();
  const { modal } = App.useApp();
  const [editing, setEditing] = useState<MaterialView | 'new' | null>(null);

  return (
    <Card size="small">
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          新增材料
        </Button>
        <Input.Search allowClear placeholder="搜索标题或来源" onSearch={setQ} style={{ width: 220 }} />
        <Select allowClear placeholder="全部类别" value={kind} onChange={setKind} options={MATERIAL_KINDS.map((k) => ({ value: k, label: k }))} style={{ width: 160 }} />
      </Space>
      <Table<MaterialView>
        rowKey="id"
        size="small"
        loading={materials.isPending}
        dataSource={materials.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty description="还没有学习材料" /> }}
        columns={[
          { title: '标题', dataIndex: 'title' },
          { title: '类别', dataIndex: 'kind', width: 120 },
          { title: '来源', dataIndex: 'source', width: 160, render: (s: string | null) => s ?? '—' },
          {
            title: '文件',
            dataIndex: 'file',
            width: 200,
            render: (f: FileMeta | null) =>
              f ? (
                <a href={fileUrl(f.id)} target="_blank" rel="noreferrer">
                  <PaperClipOutlined aria-hidden /> {f.name}
                </a>
              ) : (
                '—'
              ),
          },
          { title: '被引用', dataIndex: 'usedBy', width: 80, align: 'right', render: (n: number) => (n ? `${n} 处` : '—') },
          {
            title: '操作',
            key: 'a',
            width: 120,
            render: (_: unknown, r) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(r)}>
                  编辑
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  disabled={r.usedBy > 0}
                  title={r.usedBy > 0 ? '已被清单引用，不能删除' : undefined}
                  onClick={() =>
                    modal.confirm({
                      title: `删除“${r.title}”？`,
                      okButtonProps: { danger: true },
                      onOk: () =>
                        m.remove
                          .mutateAsync(r.id)
                          .then(() => showSuccess('已删除'))
                          .catch(showError),
                    })
                  }
                >
                  删除
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <MaterialModal material={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function MaterialModal({ material, onClose }: { material: MaterialView | null; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const { save } = useMaterialMutations();
  const [file, setFile] = useState<FileMeta | null>(material?.file ?? null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploading, setUploading] = useState(false);
  const [loadingBody, setLoadingBody] = useState(!!material);

  // the list omits bodies: load the full material for editing
  useEffect(() => {
    if (!material) return;
    api
      .get<MaterialView>(`/api/learning/materials/${material.id}`)
      .then((full) => form.setFieldsValue({ body: full.body ?? '' }))
      .catch(showError)
      .finally(() => setLoadingBody(false));
  }, [material, form]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync({ id: material?.id ?? null, body: { title: v.title, kind: v.kind, source: v.source || null, body: v.body || null, fileId: file?.id ?? null } });
      showSuccess(material ? '已保存' : '已新增');
      onClose();
    } catch (err) {
      applyServerErrors(form, err, { fileId: 'body' });
    }
  };

  return (
    <Modal title={material ? '编辑学习材料' : '新增学习材料'} open onCancel={onClose} onOk={() => void submit()} confirmLoading={save.isPending} okButtonProps={{ disabled: uploading || loadingBody }} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ title: material?.title, kind: (material?.kind as MaterialKind | undefined) ?? MATERIAL_KINDS[0], source: material?.source ?? '', body: '' }}>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写材料标题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} size="middle">
          <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
            <Select style={{ width: 180 }} options={MATERIAL_KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="source" label="来源">
            <Input maxLength={200} style={{ width: 320 }} placeholder="如：人民出版社，2021年" />
          </Form.Item>
        </Space>
        <Form.Item label="文件" extra={`可选。${FILE_ACCEPT_ZH}，不超过 10MB。`}>
          <Space wrap>
            <Upload
              accept={FILE_ACCEPT}
              showUploadList={false}
              customRequest={({ file }) => {
                setUploading(true);
                uploadFile(file as File, 'material', setProgress)
                  .then((meta) => {
                    setFile(meta);
                    form.setFields([{ name: 'body', errors: [] }]);
                  })
                  .catch(showError)
                  .finally(() => {
                    setUploading(false);
                    setProgress(null);
                  });
              }}
            >
              <Button icon={<UploadOutlined aria-hidden />} loading={uploading}>
                {uploading && progress !== null ? `上传中 ${Math.round(progress * 100)}%` : file ? '更换文件' : '上传文件'}
              </Button>
            </Upload>
            {file && (
              <>
                <a href={fileUrl(file.id)} target="_blank" rel="noreferrer">
                  <PaperClipOutlined aria-hidden /> {file.name}
                </a>
                <Typography.Text type="secondary">{fmtSize(file.size)}</Typography.Text>
                <Button size="small" type="link" danger onClick={() => setFile(null)}>
                  移除
                </Button>
              </>
            )}
          </Space>
        </Form.Item>
        <Form.Item name="body" label="正文" extra="纯文本，按段落换行。正文与文件至少填写其一。">
          <Input.TextArea rows={10} disabled={loadingBody} placeholder={loadingBody ? '加载中…' : undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
