import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router-dom';
import type { GradingQueueItem } from '../../../../common/exam-results';
import { fmtScore } from './format';
import { RegradePanel } from './RegradePanel';
import { useGradingQueue } from './useResults';
import './results.css';

/** Where the grading screen of a question lives. */
export const gradingPath = (examId: number, questionId: number) => `/exams/${examId}/grading/${questionId}`;

/**
 * 阅卷: the 简答 questions of the exam with progress (graded / submitted answers), each opening
 * the blind grading screen; below, 更正答案重新评分 and its history.
 */
export function GradingTab({ examId }: { examId: number }) {
  const navigate = useNavigate();
  const queue = useGradingQueue(examId);
  const q = queue.data;
  const two = q?.gradersPerEssay === 2;

  const columns: ColumnsType<GradingQueueItem> = [
    {
      title: '题目',
      dataIndex: 'stem',
      ellipsis: { showTitle: false },
      render: (stem: string, it) => (
        <Tooltip title={stem} placement="topLeft">
          <span>
            <Typography.Text type="secondary">#{it.questionId}</Typography.Text> {stem}
          </span>
        </Tooltip>
      ),
    },
    { title: '分值', dataIndex: 'points', width: 70, align: 'right', render: (p: number) => fmtScore(p) },
    { title: '答卷', dataIndex: 'answers', width: 70, align: 'right', render: (n: number) => `${n} 份` },
    {
      title: '我已评',
      dataIndex: 'gradedByMe',
      width: 80,
      align: 'right',
      render: (n: number, it) => (n === it.answers && n > 0 ? <Tag color="green">{n}</Tag> : n),
    },
    {
      title: two ? '进度（两人评完）' : '进度',
      key: 'progress',
      width: 220,
      render: (_, it) => (
        <Tooltip title={`已评定 ${it.fullyGraded} / ${it.answers} 份`}>
          <Progress
            percent={it.answers ? Math.floor((it.fullyGraded / it.answers) * 100) : 0}
            size="small"
            status={it.answers > 0 && it.fullyGraded === it.answers ? 'success' : 'active'}
            format={() => `${it.fullyGraded}/${it.answers}`}
          />
        </Tooltip>
      ),
    },
    {
      title: '操作',
      key: 'action',
      width: 120,
      render: (_, it) => {
        const mine = it.answers - it.gradedByMe;
        return (
          <Button
            type={mine > 0 ? 'primary' : 'default'}
            size="small"
            icon={<EditOutlined aria-hidden />}
            disabled={it.answers === 0}
            onClick={() => navigate(gradingPath(examId, it.questionId))}
            aria-label={`阅卷：题目${it.questionId}`}
          >
            {mine > 0 ? (it.gradedByMe > 0 ? '继续阅卷' : '开始阅卷') : '查看'}
          </Button>
        );
      },
    },
  ];

  const remaining = q?.items.reduce((s, it) => s + (it.answers - it.gradedByMe), 0) ?? 0;

  return (
    <div>
      <Card size="small" title="简答题阅卷" style={{ marginBottom: 16 }} extra={q && q.items.length > 0 && <Typography.Text type="secondary">{remaining > 0 ? `还有 ${remaining} 份待我评分` : '我的评分已全部完成'}</Typography.Text>}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            two
              ? '盲评：阅卷页面不显示考生姓名和单位。本考试每份答卷由两位阅卷人分别评分，取两人平均分；你只能看到自己的评分。'
              : '盲评：阅卷页面不显示考生姓名和单位，答卷按随机顺序排列。客观题已在交卷时自动评分。'
          }
        />
        <div data-testid="grading-queue">
          <Table<GradingQueueItem>
            rowKey="questionId"
            size="middle"
            columns={columns}
            dataSource={q?.items ?? []}
            loading={queue.isPending}
            pagination={false}
            scroll={{ x: 760 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={queue.isError ? '阅卷列表加载失败' : '本场考试没有需要人工评分的简答题'} /> }}
          />
        </div>
      </Card>
      <Card size="small" title="更正答案重新评分">
        <RegradePanel examId={examId} />
      </Card>
    </div>
  );
}
