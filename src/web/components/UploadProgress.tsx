import { Progress, Typography } from 'antd';
import { useEffect, useState } from 'react';

/**
 * What a long import is doing: the file going up (percent), then the server checking or writing
 * it (an active bar with the seconds so far). Renders nothing when idle.
 */
export function UploadProgress({ active, fraction, working }: { active: boolean; fraction: number | null; working: string }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const t = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => {
      clearInterval(t);
      setSeconds(0);
    };
  }, [active]);
  if (!active) return null;
  const uploading = fraction !== null && fraction < 1;
  return (
    <div style={{ marginTop: 16, maxWidth: 520 }} data-testid="upload-progress">
      <Progress percent={uploading ? Math.round(fraction * 100) : 100} status="active" showInfo={uploading} />
      <Typography.Text type="secondary">{uploading ? `正在上传文件… ${Math.round(fraction * 100)}%` : `${working}… 已用 ${seconds} 秒`}</Typography.Text>
    </div>
  );
}
