import { Alert, Card, Checkbox, Col, Collapse, Popover, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { legalBasisText, TypeTag } from '../labels';
import { BankImportIssues } from './BankImportIssues';
import type { BankImportPreview, BankImportRow } from './types';

interface Props {
  preview: BankImportPreview;
  skipDuplicates: boolean;
  onSkipDuplicates: (v: boolean) => void;
}

function SimilarCell({ row }: { row: BankImportRow }) {
  const inFile = row.similarInFile ?? [];
  if (!row.similar.length && !inFile.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {row.similar.map((s) => (
        <Popover
          key={s.id}
          title={`题库中的 #${s.id}（相似度 ${Math.round(s.score * 100)}%）`}
          content={
            <div style={{ maxWidth: 420 }}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>{s.stemText}</Typography.Paragraph>
              <Link to={`/bank/questions/${s.id}`} target="_blank">
                打开该题
              </Link>
            </div>
          }
        >
          <Tag color={s.level === 'duplicate' ? 'red' : 'orange'} style={{ cursor: 'pointer' }}>
            {s.level === 'duplicate' ? '重复' : '相似'} #{s.id}
          </Tag>
        </Popover>
      ))}
      {inFile.map((s) => (
        <Popover key={`f${s.ref}`} title={`本文件第 ${s.ref} 处的题目（相似度 ${Math.round(s.score * 100)}%）`} content={<div style={{ maxWidth: 420 }}>{s.stemText}</div>}>
          <Tag color={s.level === 'duplicate' ? 'volcano' : 'gold'} style={{ cursor: 'pointer' }}>
            文件内{s.level === 'duplicate' ? '重复' : '相似'} {s.ref}
          </Tag>
        </Popover>
      ))}
    </Space>
  );
}

/** A clean 预检: counts, categories to create, the questions with their near-duplicates. */
export function BankImportPreviewPanel({ preview, skipDuplicates, onSkipDuplicates }: Props) {
  const s = preview.summary;
  const dups = s.duplicatesInBank + s.duplicatesInFile;
  return (
    <>
      <Alert type="success" showIcon title="预检通过，文件没有错误。请核对下列题目，确认无误后点击“确认导入”。" style={{ marginBottom: 16 }} />
      <div data-testid="import-summary">
        <Card size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title="题目" value={s.total} suffix="道" />
            </Col>
            <Col span={6}>
              <Statistic title="将新增" value={skipDuplicates ? s.create : s.valid} suffix="道" styles={{ content: { color: '#389e0d' } }} />
            </Col>
            <Col span={6}>
              <Statistic title="与题库重复" value={s.duplicatesInBank} suffix="道" styles={{ content: { color: s.duplicatesInBank ? '#cf1322' : undefined } }} />
            </Col>
            <Col span={6}>
              <Statistic title="文件内重复" value={s.duplicatesInFile} suffix="道" styles={{ content: { color: s.duplicatesInFile ? '#d46b08' : undefined } }} />
            </Col>
          </Row>
          {s.categoriesToCreate.length > 0 && (
            <div style={{ marginTop: 16 }}>
              <Typography.Text strong>将新建分类（{s.categoriesToCreate.length}）：</Typography.Text>
              <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
                {s.categoriesToCreate.map((c) => (
                  <Tag key={c} color="orange">
                    {c}
                  </Tag>
                ))}
              </Space>
            </div>
          )}
          <div style={{ marginTop: 16 }}>
            <Checkbox checked={skipDuplicates} onChange={(e) => onSkipDuplicates(e.target.checked)}>
              跳过与题库重复的题目{dups ? `（${dups} 道）` : ''}
            </Checkbox>
          </div>
        </Card>
      </div>
      {preview.warnings.length > 0 && (
        <Collapse
          style={{ marginBottom: 16 }}
          items={[{ key: 'w', label: `提示 ${preview.warnings.length} 条（不影响导入）`, children: <BankImportIssues issues={preview.warnings} warnings /> }]}
        />
      )}
      {preview.rows.length < s.total && (
        <Typography.Paragraph type="secondary">
          下表列出前 {preview.rows.length} 道，共 {s.total} 道；确认导入时处理全部题目。
        </Typography.Paragraph>
      )}
      <Table<BankImportRow>
        rowKey="ref"
        size="small"
        dataSource={preview.rows}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 道` }}
        scroll={{ x: 1000 }}
        columns={[
          { title: '位置', dataIndex: 'ref', width: 90 },
          { title: '题型', dataIndex: 'type', width: 90, render: (t: BankImportRow['type']) => <TypeTag type={t} /> },
          { title: '题干', dataIndex: 'stemText', ellipsis: true },
          { title: '分类', dataIndex: 'categoryPath', width: 160, render: (p: string[]) => (p.length ? p.join(' / ') : '—') },
          { title: '法律依据', dataIndex: 'legalBasis', width: 180, render: (bs: BankImportRow['legalBasis']) => (bs.length ? bs.map(legalBasisText).join('；') : '—') },
          {
            title: '相似题',
            key: 'similar',
            width: 150,
            filters: [{ text: '有重复或相似', value: 'y' }],
            onFilter: (_v, r) => r.similar.length > 0 || !!r.similarInFile?.length,
            render: (_: unknown, r) => <SimilarCell row={r} />,
          },
        ]}
      />
    </>
  );
}
