import { Alert, DatePicker, Form, InputNumber, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ExamDetail, RosterRow } from '../../../../common/exam-admin';
import { ApiError } from '../../../api';
import { showError, showSuccess } from '../../../components/feedback';
import { fmtTime, fmtWindow } from './labels';
import { useRosterOverride } from './useExams';

interface Values {
  extraMinutes: number | null;
  opensAt: Dayjs | null;
  closesAt: Dayjs | null;
}

/** 个人设置: extra minutes and a personal window for one examinee; applies at once, also to a running attempt. */
export function OverrideModal({ exam, row, onClose }: { exam: ExamDetail; row: RosterRow | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const save = useRosterOverride(exam.id);
  const submit = async () => {
    if (!row) return;
    const v = await form.validateFields();
    try {
      await save.mutateAsync({
        personId: row.personId,
        body: { extraMinutes: v.extraMinutes ?? 0, opensAt: v.opensAt ? v.opensAt.toISOString() : null, closesAt: v.closesAt ? v.closesAt.toISOString() : null },
      });
      showSuccess(`已保存${row.name}的个人设置${row.status === 'in_progress' ? '，正在进行的作答已按新设置计时' : ''}`);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        form.setFields(err.issues.map((i) => ({ name: i.path.split('.')[0] as keyof Values, errors: [i.message] })));
      } else showError(err);
    }
  };
  return (
    <Modal
      title={row ? `个人设置：${row.name}` : ''}
      open={!!row}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="保存并立即生效"
      confirmLoading={save.isPending}
      destroyOnHidden
      width={560}
    >
      {row && (
        <>
          <Alert
            type={row.status === 'in_progress' ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            title="保存后立即生效"
            description={
              row.status === 'in_progress'
                ? `${row.name}正在作答（当前截止 ${fmtTime(row.runningDeadlineAt)}），保存后其考试页面的倒计时会立即按新设置重新计算。`
                : '适用于该考生之后的作答；如果考生正在作答，截止时间也会立即重新计算。'
            }
          />
          <Typography.Paragraph type="secondary">
            考试开放时间 {fmtWindow(exam.opensAt, exam.closesAt)}，时长 {exam.durationMinutes} 分钟。个人时间留空表示沿用考试时间。
          </Typography.Paragraph>
          <Form<Values>
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={{ extraMinutes: row.extraMinutes, opensAt: row.opensAtOverride ? dayjs(row.opensAtOverride) : null, closesAt: row.closesAtOverride ? dayjs(row.closesAtOverride) : null }}
          >
            <Form.Item label="延长作答时间" name="extraMinutes" extra="例如视力障碍或设备故障的考生。">
              <InputNumber min={0} max={600} precision={0} suffix="分钟" style={{ width: 180 }} />
            </Form.Item>
            <Form.Item label="个人开考时间" name="opensAt">
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder="沿用考试开考时间" style={{ width: 260 }} />
            </Form.Item>
            <Form.Item
              label="个人截止时间"
              name="closesAt"
              dependencies={['opensAt']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, v: Dayjs | null) => {
                    const o = getFieldValue('opensAt') as Dayjs | null;
                    return v && o && !v.isAfter(o) ? Promise.reject(new Error('个人截止时间应晚于个人开考时间')) : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder="沿用考试截止时间" style={{ width: 260 }} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
