import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PageContainer } from '../../components/PageContainer';
import { BulkBar } from './BulkBar';
import { ExportMenu } from './ExportMenu';
import { HandbookButton } from './HandbookButton';
import { ReviewSetting } from './ReviewSetting';
import { CategoryPanel } from './CategoryPanel';
import { categoryLabel } from './categoryTree';
import { QuestionFilters } from './QuestionFilters';
import { QuestionsTable } from './QuestionsTable';
import { useCategories, useQuestionFilters, useQuestionPage } from './useBank';
import './bank.css';

/** 题目: category tree, filters in the URL, server-paginated table, bulk actions. */
export default function QuestionsPage() {
  const navigate = useNavigate();
  const { query, update } = useQuestionFilters();
  const page = useQuestionPage(query);
  const { categories } = useCategories();
  const [selected, setSelected] = useState<number[]>([]);
  const catLabel = categoryLabel(categories, query.categoryId);

  return (
    <PageContainer
      title="题目"
      subtitle="题库中的全部题目。修改题目会生成新版本；题目经审核启用后才会被组卷抽取。"
      extra={
        <Space>
          <ReviewSetting />
          <HandbookButton query={query} ids={selected} />
          <ExportMenu query={query} ids={selected} />
          <Button icon={<ImportOutlined aria-hidden />} onClick={() => navigate('/bank/import')}>
            导入题目
          </Button>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate(`/bank/questions/new${query.categoryId ? `?categoryId=${query.categoryId}` : ''}`)}>
            新建题目
          </Button>
        </Space>
      }
    >
      <Row gutter={16} wrap={false}>
        <Col flex="250px">
          <Card size="small" title="题库分类" styles={{ body: { padding: 12 } }} style={{ position: 'sticky', top: 88 }}>
            <CategoryPanel selectedId={query.categoryId ?? null} onSelect={(id) => update({ categoryId: id ?? undefined })} />
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card>
            <QuestionFilters query={query} onChange={update} />
            {catLabel && (
              <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
                当前分类：{catLabel}（含下级分类）
                <Button type="link" size="small" onClick={() => update({ categoryId: undefined })}>
                  查看全部
                </Button>
              </Typography.Paragraph>
            )}
            <BulkBar ids={selected} onDone={() => setSelected([])} />
            <QuestionsTable data={page.data} loading={page.isFetching} selected={selected} onSelect={setSelected} onPage={(p) => update({ page: p })} />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
