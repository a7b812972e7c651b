import { ReloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { toQuery } from '../../api';
import { DownloadButton } from '../../components/DownloadButton';
import type { AuditFilter } from '../../types';
import { AUDIT_ACTION_OPTIONS } from './auditActions';

interface FilterForm {
  q?: string;
  action?: string;
  actorName?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export function toAuditFilter(v: FilterForm): AuditFilter {
  return {
    q: v.q?.trim() || undefined,
    action: v.action || undefined,
    actorName: v.actorName?.trim() || undefined,
    from: v.range?.[0]?.startOf('day').toISOString(),
    to: v.range?.[1]?.endOf('day').toISOString(),
  };
}

const PRESETS = [
  { label: '今天', value: [dayjs().startOf('day'), dayjs()] as [Dayjs, Dayjs] },
  { label: '最近7天', value: [dayjs().subtract(6, 'day'), dayjs()] as [Dayjs, Dayjs] },
  { label: '最近30天', value: [dayjs().subtract(29, 'day'), dayjs()] as [Dayjs, Dayjs] },
];

/** 关键词, 操作, 操作人, 时间范围 + 查询/重置/导出Excel (the export uses the applied filters). */
export function AuditFilters({ applied, onApply }: { applied: AuditFilter; onApply: (f: AuditFilter) => void }) {
  const [form] = Form.useForm<FilterForm>();
  return (
    <Form<FilterForm> form={form} layout="inline" style={{ rowGap: 12, marginBottom: 16 }} onFinish={(v) => onApply(toAuditFilter(v))}>
      <Form.Item label="关键词" name="q">
        <Input allowClear placeholder="摘要、对象" style={{ width: 180 }} />
      </Form.Item>
      <Form.Item label="操作" name="action">
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="全部" options={AUDIT_ACTION_OPTIONS} style={{ width: 220 }} popupMatchSelectWidth={false} />
      </Form.Item>
      <Form.Item label="操作人" name="actorName">
        <Input allowClear placeholder="姓名" style={{ width: 130 }} />
      </Form.Item>
      <Form.Item label="时间" name="range">
        <DatePicker.RangePicker presets={PRESETS} allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          icon={<ReloadOutlined aria-hidden />}
          onClick={() => {
            form.resetFields();
            onApply({});
          }}
        >
          重置
        </Button>
      </Form.Item>
      <Form.Item>
        <DownloadButton url={'/api/audit/export.xlsx' + toQuery(applied)} filename="审计日志.xlsx">
          导出Excel
        </DownloadButton>
      </Form.Item>
    </Form>
  );
}
