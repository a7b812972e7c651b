import { CheckCircleFilled, ClockCircleOutlined, EnvironmentOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Result, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ACTIVITY_CATEGORY_ZH, isWellFormedSignCode, normaliseSignCode, SIGN_CODE_LENGTH, type SignInfo } from '../../../common/activities';
import { api, ApiError } from '../../api';
import { errorText } from '../../components/feedback';

const fmt = (t: string) => dayjs(t).format('M月D日 HH:mm');

function CodeEntry({ initial, error }: { initial?: string; error?: string }) {
  const navigate = useNavigate();
  const [code, setCode] = useState(initial ?? '');
  const norm = normaliseSignCode(code);
  const go = () => isWellFormedSignCode(norm) && navigate(`/sign/${norm}`, { replace: true });
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        输入签到码
      </Typography.Title>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space.Compact style={{ width: '100%' }}>
        <Input
          size="large"
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          onPressEnter={go}
          maxLength={SIGN_CODE_LENGTH + 2}
          placeholder="6位签到码"
          aria-label="签到码"
          autoComplete="off"
          style={{ letterSpacing: '0.3em', fontWeight: 600 }}
        />
        <Button size="large" type="primary" disabled={!isWellFormedSignCode(norm)} onClick={go}>
          前往
        </Button>
      </Space.Compact>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        签到码由 6 位字母和数字组成（不含 0、O、1、I），见会场投屏或主持人告知。
      </Typography.Paragraph>
    </Card>
  );
}

/** /sign/:code — a member's phone sign-in for a group study or lecture (full width, no menu). */
export default function SignInPage() {
  const { code } = useParams();
  const qc = useQueryClient();
  const key = ['sign', code];
  const info = useQuery({
    queryKey: key,
    queryFn: () => api.get<SignInfo>(`/api/sign/${encodeURIComponent(code ?? '')}`),
    enabled: !!code,
    retry: false,
    meta: { quiet: true },
    // the window may open while the page is on screen
    refetchInterval: (q) => (q.state.data && q.state.data.window === 'before' && !q.state.data.signedAt ? 30_000 : false),
  });
  const sign = useMutation({
    meta: { handlesErrors: true },
    mutationFn: () => api.post<SignInfo>(`/api/sign/${encodeURIComponent(code ?? '')}`),
    onSuccess: (d) => qc.setQueryData(key, d),
  });
  useEffect(() => {
    document.title = '签到 - 学讲考评';
  }, []);

  let body;
  if (!code) body = <CodeEntry />;
  else if (info.isPending) body = <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;
  else if (info.error) {
    const e = info.error;
    body = <CodeEntry initial={code} error={e instanceof ApiError && e.status === 404 ? '签到码无效，请核对后重新输入' : errorText(e)} />;
  } else {
    const d = info.data;
    const done = d.signedAt;
    body = (
      <Card>
        <Typography.Text type="secondary">
          {ACTIVITY_CATEGORY_ZH[d.category]} · {d.kind}
        </Typography.Text>
        <Typography.Title level={3} style={{ marginTop: 4 }}>
          {d.title}
        </Typography.Title>
        <Space orientation="vertical" size={4} style={{ marginBottom: 16 }}>
          <span>
            <ClockCircleOutlined aria-hidden /> {fmt(d.startsAt)}（{d.durationMinutes} 分钟）
          </span>
          <span>
            <TeamOutlined aria-hidden /> {d.hostUnitName}
          </span>
          {d.location && (
            <span>
              <EnvironmentOutlined aria-hidden /> {d.location}
            </span>
          )}
          <Typography.Text type="secondary">
            签到时间：{fmt(d.opensAt)} 至 {fmt(d.closesAt)}
          </Typography.Text>
        </Space>
        {done ? (
          <Result
            status="success"
            icon={<CheckCircleFilled aria-hidden />}
            title={`已签到 ✓ ${dayjs(done).format('HH:mm')}`}
            subTitle={`学时按活动时长 ${d.durationMinutes} 分钟计入（活动取消的不计）`}
            style={{ padding: '16px 0' }}
          />
        ) : d.window === 'open' ? (
          <>
            {sign.error && <Alert type="error" showIcon title={errorText(sign.error)} style={{ marginBottom: 12 }} />}
            <Button type="primary" size="large" block loading={sign.isPending} onClick={() => sign.mutate()} style={{ height: 64, fontSize: 24 }}>
              签到
            </Button>
          </>
        ) : (
          <Alert
            type={d.window === 'before' ? 'info' : 'warning'}
            showIcon
            title={d.window === 'before' ? `签到尚未开始，${fmt(d.opensAt)} 开始` : `签到已于 ${fmt(d.closesAt)} 截止`}
          />
        )}
      </Card>
    );
  }

  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 16, minHeight: '100vh', background: '#f5f5f5' }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        学讲考评 · 签到
      </Typography.Title>
      {body}
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <Link to="/">
          <HomeOutlined aria-hidden /> 返回首页
        </Link>
      </div>
    </div>
  );
}
