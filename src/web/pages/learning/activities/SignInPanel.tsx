import { DesktopOutlined, PrinterOutlined, QrcodeOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Modal, Popconfirm, Space, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { ActivityDetail } from '../../../../common/activities';
import { showError, showSuccess } from '../../../components/feedback';
import { fmtTime } from './labels';
import { useSignInCode } from './useActivities';
import './activities.css';

/** The QR image of a sign-in link, drawn in the browser (no outside service sees the code). */
function QrImage({ text, size }: { text: string; size: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { width: size, margin: 1, errorCorrectionLevel: 'M' })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text, size]);
  return src ? <img src={src} width={size} height={size} alt={`签到二维码：${text}`} className="signin-qr" /> : <div style={{ width: size, height: size }} />;
}

export const signUrl = (code: string) => `${window.location.origin}/sign/${code}`;

/** 签到 panel on an activity: open/regenerate/stop the code, a big QR, live count and a 投屏 view. */
export function SignInPanel({ activity, signedCount, totalCount }: { activity: ActivityDetail; signedCount: number; totalCount: number }) {
  const { start, stop } = useSignInCode(activity.id);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [screen, setScreen] = useState(false);
  const { code, opensAt, closesAt } = activity.signIn;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(t);
  }, []);
  const phase = !code || !opensAt || !closesAt ? null : now < Date.parse(opensAt) ? 'before' : now > Date.parse(closesAt) ? 'closed' : 'open';

  if (activity.status === 'cancelled') {
    return (
      <Card title="扫码签到" size="small">
        <Typography.Text type="secondary">活动已取消，不能签到。</Typography.Text>
      </Card>
    );
  }

  const open = () =>
    start.mutate(range ? { opensAt: range[0].toISOString(), closesAt: range[1].toISOString() } : {}, {
      onSuccess: () => showSuccess('签到码已生成'),
      onError: showError,
    });

  if (!code) {
    return (
      <Card title="扫码签到" size="small">
        <Typography.Paragraph type="secondary">开启后生成 6 位签到码和二维码，参加人员用手机扫码或输入签到码签到，自动计入学时。</Typography.Paragraph>
        <Space wrap>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="MM-DD HH:mm"
            value={range}
            onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
            placeholder={['默认：开始前30分钟', '结束后30分钟']}
            aria-label="签到时段"
          />
          <Button type="primary" icon={<QrcodeOutlined aria-hidden />} loading={start.isPending} onClick={open}>
            开启签到
          </Button>
        </Space>
      </Card>
    );
  }

  return (
    <Card
      title="扫码签到"
      size="small"
      extra={
        <Space wrap size="small">
          <Button
            size="small"
            icon={<DesktopOutlined aria-hidden />}
            onClick={() => {
              setScreen(true);
              // full screen where the browser allows it; the view works without it too
              document.documentElement.requestFullscreen?.().catch(() => undefined);
            }}
          >
            投屏
          </Button>
          <Popconfirm title="重新生成后旧签到码立即失效，确定吗？" onConfirm={open}>
            <Button size="small" icon={<ReloadOutlined aria-hidden />} loading={start.isPending}>
              重新生成
            </Button>
          </Popconfirm>
          <Popconfirm title="停止后签到码失效，已签到的记录保留。确定停止吗？" onConfirm={() => stop.mutate(undefined, { onSuccess: () => showSuccess('已停止签到'), onError: showError })}>
            <Button size="small" danger icon={<StopOutlined aria-hidden />} loading={stop.isPending}>
              停止签到
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      <div className="signin-panel">
        <QrImage text={signUrl(code)} size={200} />
        <div>
          <div className="signin-code" aria-label="签到码">
            {code}
          </div>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            签到时段：{fmtTime(opensAt)} 至 {fmtTime(closesAt)}
          </Typography.Paragraph>
          {phase === 'before' && <Alert type="info" showIcon title="签到尚未开始" style={{ marginBottom: 8 }} />}
          {phase === 'closed' && <Alert type="warning" showIcon title="签到已截止，可重新生成签到码延长时段" style={{ marginBottom: 8 }} />}
          <Space size="large">
            <Statistic title="扫码签到" value={signedCount} suffix="人" />
            <Statistic title="参加人员合计" value={totalCount} suffix="人" />
          </Space>
          <Typography.Paragraph type="secondary" copyable={{ text: signUrl(code) }} style={{ marginTop: 8, marginBottom: 0 }}>
            {signUrl(code)}
          </Typography.Paragraph>
        </div>
      </div>
      <Modal
        open={screen}
        onCancel={() => {
          setScreen(false);
          if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
        }} footer={null} width="100%" style={{ top: 0, maxWidth: '100vw', paddingBottom: 0 }} className="signin-screen-modal" destroyOnHidden>
        <div className="signin-screen">
          <Typography.Title level={2} style={{ textAlign: 'center' }}>
            {activity.title}
          </Typography.Title>
          <Typography.Paragraph style={{ textAlign: 'center', fontSize: 18 }}>
            {activity.hostUnitName} · {dayjs(activity.startsAt).format('YYYY年M月D日 HH:mm')}
          </Typography.Paragraph>
          <QrImage text={signUrl(code)} size={360} />
          <div className="signin-code signin-code-big">{code}</div>
          <Typography.Paragraph style={{ textAlign: 'center', fontSize: 18 }}>
            手机扫码，或登录后打开“{window.location.host}/sign”输入签到码 · 已签到 <b>{signedCount}</b> 人
          </Typography.Paragraph>
          <Button className="signin-print" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
            打印
          </Button>
        </div>
      </Modal>
    </Card>
  );
}
