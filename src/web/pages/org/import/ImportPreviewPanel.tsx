import { Alert, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ImportAction, ImportPreview } from '../../../types';

const ACTION_TAG: Record<ImportAction, { color: string; text: string }> = {
  create: { color: 'green', text: '新增' },
  update: { color: 'blue', text: '更新' },
  unchanged: { color: 'default', text: '无变化' },
};

type Row = ImportPreview['rows'][number];

/** A clean 预检: what the import would do, before anything is written. */
export function ImportPreviewPanel({ preview }: { preview: ImportPreview }) {
  const s = preview.summary;
  return (
    <>
      <Alert type="success" showIcon title="预检通过，文件没有错误。请核对下列变更，确认无误后点击“确认导入”。" style={{ marginBottom: 16 }} />
      <div data-testid="import-summary">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={6}>
            <Statistic title="数据行" value={s.total} suffix="行" />
          </Col>
          <Col span={6}>
            <Statistic title="新增" value={s.create} suffix="人" styles={{ content: { color: '#389e0d' } }} />
          </Col>
          <Col span={6}>
            <Statistic title="更新" value={s.update} suffix="人" styles={{ content: { color: '#1677ff' } }} />
          </Col>
          <Col span={6}>
            <Statistic title="无变化" value={s.unchanged} suffix="人" />
          </Col>
        </Row>
        {s.unitsToCreate.length > 0 && (
          <div style={{ marginTop: 16 }}>
            <Typography.Text strong>将新建单位（{s.unitsToCreate.length}）：</Typography.Text>
            <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
              {s.unitsToCreate.map((u) => (
                <Tag key={u} color="orange">
                  {u}
                </Tag>
              ))}
            </Space>
          </div>
        )}
      </Card>
      </div>
      {preview.rows.length < s.total && (
        <Typography.Paragraph type="secondary">
          下表列出前 {preview.rows.length} 行，共 {s.total} 行；确认导入时处理全部数据。
        </Typography.Paragraph>
      )}
      {!!preview.exampleRowsSkipped && (
        <Typography.Paragraph type="secondary">模板中的示例行（{preview.exampleRowsSkipped} 行）已自动跳过。</Typography.Paragraph>
      )}
      <Table<Row>
        rowKey="row"
        size="small"
        dataSource={preview.rows}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 行` }}
        scroll={{ x: 900 }}
        columns={[
          { title: '行', dataIndex: 'row', width: 70 },
          {
            title: '处理',
            dataIndex: 'action',
            width: 90,
            filters: (Object.keys(ACTION_TAG) as ImportAction[]).map((a) => ({ text: ACTION_TAG[a].text, value: a })),
            onFilter: (v, r) => r.action === v,
            render: (a: ImportAction) => <Tag color={ACTION_TAG[a].color}>{ACTION_TAG[a].text}</Tag>,
          },
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '单位', dataIndex: 'unitPath', width: 240, ellipsis: true },
          { title: '身份证号', dataIndex: 'idNumberMasked', width: 180, render: (v: string | null) => v ?? '—' },
          { title: '工号', dataIndex: 'employeeNo', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '变更内容', dataIndex: 'changes', render: (c: string[]) => (c.length ? c.join('；') : '—') },
        ]}
      />
    </>
  );
}
