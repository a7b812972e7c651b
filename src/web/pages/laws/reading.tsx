/**
 * The member's side of the law reader: honest progress (✓ on read articles, 已读 n/N), today's
 * credited minutes, bookmarks and notes on articles, and the 我的笔记 drawer.
 */
import { CheckOutlined, EditOutlined, StarFilled, StarOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Empty, Input, List, Popconfirm, Popover, Progress, Space, Tooltip, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { LawArticleView } from '../../../common/laws';
import { beijingDay } from '../../../common/learning';
import { NOTE_MAX_CHARS, type LawReadingProgress, type ReadingBeatResult, type ReadingNote } from '../../../common/reading';
import { api } from '../../api';
import { showError, showSuccess } from '../../components/feedback';
import { useReadingTracker } from '../../reading/useReadingTracker';

const progressKey = (lawId: number, versionId: number | undefined) => ['reading', 'law', lawId, versionId ?? 'current'] as const;
const notesKey = (lawId: number) => ['reading', 'notes', lawId] as const;

/** Progress, notes and the tracker for one law; `enabled` only for members. */
export function useLawReading(lawId: number, versionId: number | undefined, enabled: boolean) {
  const qc = useQueryClient();
  const progress = useQuery({
    queryKey: progressKey(lawId, versionId),
    queryFn: () => api.get<LawReadingProgress>(`/api/reading/laws/${lawId}`, { versionId }),
    enabled: enabled && !!versionId,
  });
  const notes = useQuery({
    queryKey: notesKey(lawId),
    queryFn: () => api.get<{ items: ReadingNote[] }>('/api/reading/notes', { lawId }).then((r) => r.items),
    enabled,
  });
  const onBeat = useCallback(
    (r: ReadingBeatResult) => {
      qc.setQueryData<LawReadingProgress>(progressKey(lawId, versionId), (old) => {
        if (!old) return old;
        const read = new Set(old.readArticleIds);
        for (const id of r.acceptedArticleIds) read.add(id);
        return { ...old, readArticleIds: [...read], readCount: read.size, minutesToday: r.minutesToday, capMinutes: r.capMinutes };
      });
    },
    [qc, lawId, versionId],
  );
  const tracker = useReadingTracker({
    target: enabled && versionId ? { kind: 'law', lawId } : null,
    alreadyRead: progress.data?.readArticleIds,
    onBeat,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['reading', 'law', lawId] });
    void qc.invalidateQueries({ queryKey: notesKey(lawId) });
  };
  return { progress: progress.data, notes: notes.data ?? [], register: tracker.register, refresh };
}

export type LawReading = ReturnType<typeof useLawReading>;

const fmtMinutes = (m: number) => (Number.isInteger(m) ? String(m) : m.toFixed(1));

/** 已读 n/N 条 · 今日已计学时 a/b 分钟 · 我的笔记 */
export function ReadingProgressBar({ reading, lawId }: { reading: LawReading; lawId: number }) {
  const [open, setOpen] = useState(false);
  const p = reading.progress;
  if (!p) return null;
  const percent = p.total ? Math.floor((p.readCount / p.total) * 100) : 0;
  return (
    <div className="law-reading">
      <div className="law-reading__progress">
        <Typography.Text style={{ whiteSpace: 'nowrap' }}>
          已读 <b>{p.readCount}</b>/{p.total} 条
        </Typography.Text>
        <Progress percent={percent} size="small" showInfo={false} aria-label="阅读进度" />
      </div>
      <Tooltip title="法规和学习材料的自学时间合计，每天计入的学时有上限">
        <Typography.Text type="secondary">
          今日已计学时 {fmtMinutes(p.minutesToday)}/{p.capMinutes} 分钟
        </Typography.Text>
      </Tooltip>
      <Button size="small" onClick={() => setOpen(true)}>
        我的笔记{reading.notes.length ? `（${reading.notes.length}）` : ''}
      </Button>
      <NotesDrawer open={open} onClose={() => setOpen(false)} notes={reading.notes} lawId={lawId} onChanged={reading.refresh} />
    </div>
  );
}

function NotesDrawer({ open, onClose, notes, onChanged }: { open: boolean; onClose: () => void; notes: ReadingNote[]; lawId: number; onChanged: () => void }) {
  const [editing, setEditing] = useState<{ id: number; text: string } | null>(null);
  const save = useMutation({
    mutationFn: (e: { id: number; text: string }) => api.put<ReadingNote>(`/api/reading/notes/${e.id}`, { text: e.text }),
    onSuccess: () => {
      setEditing(null);
      onChanged();
    },
    onError: showError,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.del(`/api/reading/notes/${id}`),
    onSuccess: () => {
      showSuccess('笔记已删除');
      onChanged();
    },
    onError: showError,
  });
  return (
    <Drawer title="我的笔记" open={open} onClose={onClose} size="default" styles={{ body: { paddingTop: 8 } }}>
      {notes.length === 0 ? (
        <Empty description="还没有笔记：在条文右侧点「笔记」即可记录" />
      ) : (
        <List
          dataSource={notes}
          renderItem={(n) => (
            <List.Item key={n.id} className="law-note">
              <div style={{ width: '100%' }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Link to={`/laws/articles/${n.articleId}`} onClick={onClose}>
                    {n.lawShortTitle} {n.label}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {beijingDay(new Date(n.updatedAt))}
                  </Typography.Text>
                </Space>
                {editing?.id === n.id ? (
                  <div style={{ marginTop: 6 }}>
                    <Input.TextArea
                      aria-label="笔记内容"
                      autoSize={{ minRows: 3, maxRows: 10 }}
                      maxLength={NOTE_MAX_CHARS}
                      showCount
                      value={editing.text}
                      onChange={(e) => setEditing({ id: n.id, text: e.target.value })}
                    />
                    <Space style={{ marginTop: 8 }}>
                      <Button size="small" type="primary" loading={save.isPending} onClick={() => save.mutate(editing)}>
                        保存
                      </Button>
                      <Button size="small" onClick={() => setEditing(null)}>
                        取消
                      </Button>
                    </Space>
                  </div>
                ) : (
                  <>
                    <div className="law-note__text">{n.text}</div>
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing({ id: n.id, text: n.text })}>
                        修改
                      </Button>
                      <Popconfirm title="删除这条笔记？" okText="删除" cancelText="取消" onConfirm={() => remove.mutate(n.id)}>
                        <Button type="link" size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  </>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}

/** ✓, 收藏 and 笔记 at an article's right edge. */
export function ArticleTools({ article, reading }: { article: LawArticleView; reading: LawReading }) {
  const p = reading.progress;
  const read = !!p?.readArticleIds.includes(article.id);
  const marked = !!p?.bookmarkedArticleIds.includes(article.id);
  const noteCount = p?.noteCounts[String(article.id)] ?? 0;
  const mine = useMemo(() => reading.notes.filter((n) => n.label === article.label), [reading.notes, article.label]);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const toggle = useMutation({
    mutationFn: () => (marked ? api.del(`/api/reading/bookmarks/${article.id}`) : api.put(`/api/reading/bookmarks/${article.id}`, {})),
    onSuccess: () => {
      showSuccess(marked ? '已取消收藏' : '已收藏');
      reading.refresh();
    },
    onError: showError,
  });
  const add = useMutation({
    mutationFn: () => api.post<ReadingNote>('/api/reading/notes', { articleId: article.id, text }),
    onSuccess: () => {
      setText('');
      setOpen(false);
      showSuccess('笔记已保存');
      reading.refresh();
    },
    onError: showError,
  });
  return (
    <span className="law-article__tools">
      {read && (
        <Tooltip title="已读">
          <CheckOutlined className="law-article__read" aria-label="已读" />
        </Tooltip>
      )}
      <Button
        type="text"
        size="small"
        aria-label={marked ? '取消收藏' : '收藏'}
        aria-pressed={marked}
        icon={marked ? <StarFilled style={{ color: '#faad14' }} /> : <StarOutlined />}
        loading={toggle.isPending}
        onClick={() => toggle.mutate()}
      />
      <Popover
        trigger="click"
        open={open}
        onOpenChange={setOpen}
        title={`笔记 · ${article.label}`}
        placement="bottomRight"
        content={
          <div className="law-note-editor">
            {mine.map((n) => (
              <div key={n.id} className="law-note__text law-note__text--small">
                {n.text}
              </div>
            ))}
            <Input.TextArea
              aria-label="新笔记"
              placeholder="写下对本条的理解、要点或疑问"
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={NOTE_MAX_CHARS}
              showCount
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <Space style={{ marginTop: 8 }}>
              <Button type="primary" size="small" disabled={!text.trim()} loading={add.isPending} onClick={() => add.mutate()}>
                保存笔记
              </Button>
              <Button size="small" onClick={() => setOpen(false)}>
                关闭
              </Button>
            </Space>
          </div>
        }
      >
        <Button type="text" size="small" aria-label="笔记" icon={<EditOutlined />}>
          {noteCount ? noteCount : null}
        </Button>
      </Popover>
    </span>
  );
}
