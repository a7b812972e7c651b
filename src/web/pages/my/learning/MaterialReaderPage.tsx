import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Progress, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { MaterialReadView, ReadingBeatResult } from '../../../../common/reading';
import { api, ApiError } from '../../../api';
import { showError } from '../../../components/feedback';
import { PageContainer } from '../../../components/PageContainer';
import { useReadingTracker } from '../../../reading/useReadingTracker';

const fmtMinutes = (m: number) => (Number.isInteger(m) ? String(m) : m.toFixed(1));

/**
 * /my/learning/materials/:id — a learning material: its text as plain paragraphs (never HTML),
 * its document (a PDF shown inline, anything else to download), and the same heartbeat as the
 * law reader, so time spent here counts as 材料自学 under the daily cap.
 * `?expected=60` (from the learning list) shows 已学 12/60 分钟.
 */
export default function MaterialReaderPage() {
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const expectedRaw = Number(params.get('expected'));
  const expected = Number.isFinite(expectedRaw) && expectedRaw > 0 ? Math.round(expectedRaw) : null;
  const q = useQuery({ queryKey: ['reading', 'material', id], queryFn: () => api.get<MaterialReadView>(`/api/learning/materials/${id}/read`) });
  const qc = useQueryClient();
  const [today, setToday] = useState<ReadingBeatResult | null>(null);
  const onBeat = useCallback(
    (r: ReadingBeatResult) => {
      setToday(r);
      // the server measured more time on this material (even past the daily cap): re-read it
      if (r.creditedMinutes > 0 || r.minutesToday >= r.capMinutes) void qc.invalidateQueries({ queryKey: ['reading', 'material', id] });
    },
    [qc, id],
  );
  useReadingTracker({ target: q.data ? { kind: 'material', materialId: id } : null, onBeat });

  if (q.isError) {
    const missing = q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400);
    if (!missing) showError(q.error);
    return <Result status={missing ? '404' : 'error'} title={missing ? '学习材料不存在' : '学习材料加载失败'} extra={<Link to="/my/learning">返回我的学习</Link>} />;
  }
  const m = q.data;
  if (!m) {
    return (
      <PageContainer title="学习材料">
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </PageContainer>
    );
  }
  const minutes = Math.floor(m.mySeconds / 60);
  const fileUrl = `/api/learning/materials/${m.id}/file`;
  const isPdf = m.file?.mime === 'application/pdf';
  const paragraphs = (m.body ?? '').split(/\n+/).map((p) => p.trim()).filter(Boolean);

  return (
    <PageContainer
      title={m.title}
      subtitle={
        <Space size={4} wrap>
          <Tag>{m.kind}</Tag>
          {m.source && <span>来源：{m.source}</span>}
        </Space>
      }
      extra={<Link to="/my/learning">返回我的学习</Link>}
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="material-progress">
          <Typography.Text>
            已学 <b>{minutes}</b>
            {expected ? `/${expected}` : ''} 分钟
          </Typography.Text>
          {expected && <Progress percent={Math.min(100, Math.floor((minutes / expected) * 100))} size="small" style={{ flex: '1 1 160px', margin: 0 }} aria-label="学习进度" />}
          {today && (
            <Typography.Text type="secondary">
              今日已计学时 {fmtMinutes(today.minutesToday)}/{today.capMinutes} 分钟
            </Typography.Text>
          )}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          页面在前台且有阅读操作（滚动、点击、按键）时才计时；离开超过1分钟不计。
        </Typography.Text>
      </Card>
      {m.file && (
        <Card
          size="small"
          title={m.file.name}
          style={{ marginBottom: 12 }}
          extra={
            <Space wrap>
              {isPdf && (
                <Button size="small" icon={<ExportOutlined />} href={fileUrl} target="_blank" rel="noopener">
                  新窗口打开
                </Button>
              )}
              <Button size="small" icon={<DownloadOutlined />} onClick={() => api.download(fileUrl, m.file!.name).catch(showError)}>
                下载
              </Button>
            </Space>
          }
        >
          {isPdf ? (
            <iframe className="material-pdf" src={fileUrl} title={m.file.name} />
          ) : (
            <Typography.Text type="secondary">此文件不能在页面内显示，请下载后阅读（{Math.ceil(m.file.size / 1024)} KB）。</Typography.Text>
          )}
        </Card>
      )}
      {paragraphs.length > 0 ? (
        <Card>
          <div className="material-text">
            {paragraphs.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
        </Card>
      ) : (
        !m.file && (
          <Card>
            <Empty description="本材料没有正文" />
          </Card>
        )
      )}
      <style>{MATERIAL_CSS}</style>
    </PageContainer>
  );
}

const MATERIAL_CSS = `
.material-progress { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin-bottom: 4px; }
.material-text { max-width: 46em; margin: 0 auto; font-size: 16px; line-height: 1.9; }
.material-text p { text-indent: 2em; margin: 0 0 10px; word-break: break-word; }
.material-pdf { width: 100%; height: 75vh; border: 0; }
`;
