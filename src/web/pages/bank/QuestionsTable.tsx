import { Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { BLANK_MARKER_RE } from '../../../common/bank';
import { Link } from 'react-router-dom';
import type { Page } from '../../types';
import { difficultyText, legalBasisText, StatusTag, TypeTag } from './labels';
import type { QuestionSummary } from './types';

interface Props {
  data: Page<QuestionSummary> | undefined;
  loading: boolean;
  selected: number[];
  onSelect: (ids: number[]) => void;
  onPage: (page: number) => void;
}

export function QuestionsTable({ data, loading, selected, onSelect, onPage }: Props) {
  return (
    <Table<QuestionSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data?.items ?? []}
      rowSelection={{ selectedRowKeys: selected, onChange: (keys) => onSelect(keys.map(Number)), preserveSelectedRowKeys: true }}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 20,
        total: data?.total ?? 0,
        showSizeChanger: false,
        showTotal: (t) => `共 ${t} 题`,
        onChange: onPage,
      }}
      scroll={{ x: 1300 }}
      locale={{ emptyText: '没有符合条件的题目' }}
      columns={[
        {
          title: '题干',
          dataIndex: 'stemText',
          width: 340,
          render: (raw: string, r) => {
            const t = raw.replace(BLANK_MARKER_RE, '（　）');
            return (
            <Link to={`/bank/questions/${r.id}`} title={t}>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, color: 'inherit' }}>
                {t}
              </Typography.Paragraph>
            </Link>
            );
          },
        },
        { title: '题型', dataIndex: 'type', width: 90, render: (t: QuestionSummary['type']) => <TypeTag type={t} /> },
        { title: '状态', dataIndex: 'status', width: 90, render: (s: QuestionSummary['status']) => <StatusTag status={s} /> },
        { title: '难度', dataIndex: 'difficulty', width: 90, render: difficultyText },
        {
          title: '知识点',
          dataIndex: 'knowledgePoints',
          width: 160,
          render: (kps: string[]) =>
            kps.length ? (
              <Space size={[0, 4]} wrap>
                {kps.map((k) => (
                  <Tag key={k}>{k}</Tag>
                ))}
              </Space>
            ) : (
              '—'
            ),
        },
        {
          title: '法律依据',
          dataIndex: 'legalBasis',
          width: 200,
          render: (bs: QuestionSummary['legalBasis']) => (bs.length ? bs.map((b, i) => <div key={i}>{legalBasisText(b)}</div>) : '—'),
        },
        { title: '分类', dataIndex: 'categoryPath', width: 150, render: (p: string[]) => (p.length ? p.join(' / ') : '—') },
        { title: '版本', dataIndex: 'versionNo', width: 70, render: (n: number) => `v${n}` },
        { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
        {
          title: '操作',
          key: 'op',
          width: 110,
          fixed: 'right',
          render: (_: unknown, r) => (
            <Space size="small">
              <Link to={`/bank/questions/${r.id}`}>查看</Link>
              <Link to={`/bank/questions/${r.id}/edit`}>编辑</Link>
            </Space>
          ),
        },
      ]}
    />
  );
}
