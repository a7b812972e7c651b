import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, TreeSelect, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ACTIVITY_MAX_MINUTES, ACTIVITY_MIN_MINUTES, kindsOf, type ActivityDetail, type ActivityInputRaw, type FileMeta } from '../../../../common/activities';
import { ACTIVITY_STATUS_ZH, ACTIVITY_STATUSES, type ActivityCategory, type ActivityStatus } from '../../../../common/learning';
import { api } from '../../../api';
import { useMe } from '../../../auth/session';
import { canManageUnit, hasRole } from '../../../auth/permissions';
import { showError, showSuccess } from '../../../components/feedback';
import { applyServerErrors } from '../../../components/formErrors';
import type { Page, Person } from '../../../types';
import { UnitTreeSelect } from '../../org/UnitTreeSelect';
import { toSelectTree, type UnitNode } from '../../org/unitTree';
import { useUnits } from '../../org/useUnits';
import { CATEGORY_TITLE, PRESENTER_LABEL } from './labels';
import { useLawOptions, useLecturerOptions, useSaveActivity } from './useActivities';

interface FormValues {
  kind?: string;
  title?: string;
  startsAt?: Dayjs;
  durationMinutes?: number;
  status?: ActivityStatus;
  hostUnitId?: number;
  presenter?: string;
  speakerPersonId?: number | null;
  lecturerId?: number | null;
  audienceUnitIds?: number[];
  audienceSize?: number | null;
  location?: string;
  laws?: { lawId?: number | null; title?: string; articles?: string }[];
  summary?: string;
}

const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Searches people in the caller's scope (the server applies it) by name or 工号. */
function PersonSelect({ value, onChange, initialLabel }: { value?: number | null; onChange?: (v: number | null) => void; initialLabel?: string | null }) {
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['people', 'activity-speaker', q],
    queryFn: () => api.get<Page<Person>>('/api/people', { q: q || undefined, status: '在职', page: 1, pageSize: 20 }),
    enabled: q.length > 0,
  });
  const options = (people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.unitPathNames.at(-1) ?? ''}）` }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder="输入姓名或工号搜索本系统人员"
      notFoundContent={q ? (people.isFetching ? '搜索中…' : '没有找到') : '输入姓名或工号'}
      options={options}
      aria-label="主讲人（本系统人员）"
    />
  );
}

/** 新建/编辑 a group study or lecture record, in a drawer over the list or detail page. */
export function ActivityFormDrawer({
  category,
  activity,
  open,
  onClose,
  onSaved,
}: {
  category: ActivityCategory;
  activity: ActivityDetail | null;
  open: boolean;
  onClose: () => void;
  onSaved?: (a: ActivityDetail) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const { me } = useMe();
  const { index } = useUnits();
  const save = useSaveActivity(activity?.id ?? null);
  // the parent gives the drawer a new key each time it opens, so this starts from the record
  const [files, setFiles] = useState<FileMeta[]>(() => activity?.files ?? []);
  const [uploading, setUploading] = useState(false);
  const lawOptions = useLawOptions();
  const lecturers = useLecturerOptions(open && category === 'lecture');
  const everything = hasRole(me, 'admin', 'organiser');
  const disableNode = useMemo(() => (u: UnitNode) => !everything && !canManageUnit(me, u), [everything, me]);
  const audienceTree = useMemo(() => toSelectTree(index.roots), [index]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      activity
        ? {
            kind: activity.kind,
            title: activity.title,
            startsAt: dayjs(activity.startsAt),
            durationMinutes: activity.durationMinutes,
            status: activity.status,
            hostUnitId: activity.hostUnitId,
            presenter: activity.presenter ?? undefined,
            speakerPersonId: activity.speakerPersonId,
            lecturerId: activity.lecturerId,
            audienceUnitIds: activity.audienceUnits.map((u) => u.id),
            audienceSize: activity.audienceSize,
            location: activity.location ?? undefined,
            laws: activity.laws.map((l) => ({ lawId: l.lawId, title: l.title, articles: l.articles ?? undefined })),
            summary: activity.summary ?? undefined,
          }
        : { kind: kindsOf(category)[0], durationMinutes: 60, audienceUnitIds: [], laws: [], hostUnitId: me?.adminUnits.length === 1 && !everything ? me.adminUnits[0].id : undefined },
    );
  }, [open, activity, category, form, me, everything]);

  const upload = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      showError(new Error('文件超过 10MB'));
      return;
    }
    const fd = new FormData();
    fd.append('purpose', 'activity');
    fd.append('file', file);
    setUploading(true);
    try {
      const meta = await api.upload<FileMeta>('/api/files', fd);
      setFiles((f) => [...f, meta]);
    } catch (e) {
      showError(e);
    } finally {
      setUploading(false);
    }
  };

  const submit = (v: FormValues) => {
    const input: ActivityInputRaw = {
      category,
      kind: v.kind ?? '',
      title: v.title ?? '',
      startsAt: v.startsAt ? v.startsAt.toISOString() : '',
      durationMinutes: v.durationMinutes ?? 0,
      hostUnitId: v.hostUnitId ?? 0,
      presenter: v.presenter || null,
      speakerPersonId: v.speakerPersonId ?? null,
      lecturerId: category === 'lecture' ? (v.lecturerId ?? null) : null,
      audienceUnitIds: v.audienceUnitIds ?? [],
      audienceSize: v.audienceSize ?? null,
      laws: (v.laws ?? []).map((l) => ({ lawId: l.lawId ?? null, title: l.title ?? '', articles: l.articles || null })),
      location: v.location || null,
      summary: v.summary || null,
      fileIds: files.map((f) => f.id),
      ...(activity ? { status: v.status } : {}),
    };
    save.mutate(input, {
      onSuccess: (a) => {
        showSuccess(activity ? '已保存' : `已登记${CATEGORY_TITLE[category]}`);
        onSaved?.(a);
        onClose();
      },
      onError: (err) => applyServerErrors(form, err),
    });
  };

  const lawById = new Map((lawOptions.data ?? []).map((l) => [l.id, l.title]));

  return (
    <Drawer
      title={`${activity ? '编辑' : '登记'}${CATEGORY_TITLE[category]}`}
      open={open}
      onClose={onClose}
      size={Math.min(720, typeof window === 'undefined' ? 720 : window.innerWidth)}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} requiredMark="optional" scrollToFirstError>
        <Space wrap size="middle" style={{ width: '100%' }} styles={{ item: { minWidth: 200, flex: 1 } }}>
          <Form.Item name="kind" label="形式" rules={[{ required: true, message: '请选择形式' }]}>
            <Select options={kindsOf(category).map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          {activity && (
            <Form.Item name="status" label="状态">
              <Select options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: ACTIVITY_STATUS_ZH[s] }))} />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="title" label={category === 'study' ? '学习主题' : '讲座主题'} rules={[{ required: true, whitespace: true, message: '请填写主题' }]}>
          <Input maxLength={200} showCount />
        </Form.Item>
        <Space wrap size="middle" style={{ width: '100%' }} styles={{ item: { minWidth: 200, flex: 1 } }}>
          <Form.Item name="startsAt" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="durationMinutes"
            label="时长（分钟）"
            extra="参加人员按此时长计入学时"
            rules={[{ required: true, message: '请填写时长' }, { type: 'number', min: ACTIVITY_MIN_MINUTES, max: ACTIVITY_MAX_MINUTES, message: `时长应在 ${ACTIVITY_MIN_MINUTES}–${ACTIVITY_MAX_MINUTES} 分钟之间` }]}
          >
            <InputNumber min={ACTIVITY_MIN_MINUTES} max={ACTIVITY_MAX_MINUTES} step={10} style={{ width: '100%' }} />
          </Form.Item>
        </Space>
        <Form.Item name="hostUnitId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
          <UnitTreeSelect disableNode={disableNode} />
        </Form.Item>
        <Form.Item name="location" label="地点">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="speakerPersonId" label={`${PRESENTER_LABEL[category]}（本系统人员）`} extra={category === 'lecture' ? '党政主要负责人讲法请在此选择本人，计入讲法责任' : undefined}>
          <PersonSelect initialLabel={activity?.speakerName} />
        </Form.Item>
        <Form.Item name="presenter" label={`${PRESENTER_LABEL[category]}（文字，可填外请人员）`}>
          <Input maxLength={100} placeholder="如：王某某（某律师事务所律师）" />
        </Form.Item>
        {category === 'lecture' && lecturers.data && (
          <Form.Item name="lecturerId" label="师资库讲师">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={lecturers.data.map((l) => ({ value: l.id, label: `${l.name}（${l.level}${l.organisation ? ` · ${l.organisation}` : ''}）` }))}
              placeholder="从师资库选择"
            />
          </Form.Item>
        )}
        <Space wrap size="middle" style={{ width: '100%' }} styles={{ item: { minWidth: 200, flex: 1 } }}>
          <Form.Item name="audienceUnitIds" label="参加单位" extra="勾选参加人员时，从主办单位和参加单位中选人">
            <TreeSelect
              multiple
              treeData={audienceTree}
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll={index.byId.size <= 60}
              placeholder="可多选"
              allowClear
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item name="audienceSize" label="参加人数（申报）" extra="可含系统外人员">
            <InputNumber min={0} max={100000} style={{ width: '100%' }} />
          </Form.Item>
        </Space>
        <Typography.Text strong>学习法规</Typography.Text>
        <Form.List name="laws">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'lawId']} style={{ width: 210, marginBottom: 8 }}>
                    <Select
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder="从法规库选择"
                      options={(lawOptions.data ?? []).map((l) => ({ value: l.id, label: l.title }))}
                      onChange={(id: number | undefined) => {
                        if (id) form.setFieldValue(['laws', f.name, 'title'], lawById.get(id));
                      }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '请填写法规名称' }]} style={{ width: 190, marginBottom: 8 }}>
                    <Input placeholder="法规名称" maxLength={200} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'articles']} style={{ width: 170, marginBottom: 8 }}>
                    <Input placeholder="条款，如 第一条至第十条" maxLength={500} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined aria-hidden />} aria-label="删除此法规" onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                添加法规
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item label="学习材料/课件" extra="PDF、Word、PPT、图片等，每个不超过 10MB">
          <div>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {files.map((f) => (
                <Space key={f.id}>
                  <PaperClipOutlined aria-hidden />
                  <a href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">
                    {f.name}
                  </a>
                  <Button size="small" type="text" icon={<DeleteOutlined aria-hidden />} aria-label={`移除${f.name}`} onClick={() => setFiles((l) => l.filter((x) => x.id !== f.id))} />
                </Space>
              ))}
              <Upload
                showUploadList={false}
                multiple={false}
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined aria-hidden />} loading={uploading}>
                  上传附件
                </Button>
              </Upload>
            </Space>
          </div>
        </Form.Item>
        <Form.Item name="summary" label="内容摘要">
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
