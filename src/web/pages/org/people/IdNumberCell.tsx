import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Popconfirm, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { api } from '../../../api';
import type { Person } from '../../../types';

/** Masked 身份证号 with a "查看" eye: revealing the full number is audited on the server. */
export function IdNumberCell({ person, canReveal }: { person: Person; canReveal: boolean }) {
  const [full, setFull] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => api.post<{ idNumber: string }>(`/api/people/${person.id}/reveal-id`),
    onSuccess: (r) => setFull(r.idNumber),
  });
  if (!person.idNumberMasked) return <span style={{ color: 'rgba(0,0,0,0.25)' }}>—</span>;
  return (
    <Space size={4} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Consolas, monospace', whiteSpace: 'nowrap' }}>
      <span>{full ?? person.idNumberMasked}</span>
      {canReveal &&
        (full ? (
          <Tooltip title="隐藏">
            <Button type="text" size="small" aria-label="隐藏身份证号" icon={<EyeInvisibleOutlined aria-hidden />} onClick={() => setFull(null)} />
          </Tooltip>
        ) : (
          <Popconfirm title="查看完整身份证号将记入审计日志" okText="查看" onConfirm={() => reveal.mutateAsync().catch(() => undefined)}>
            <Button type="text" size="small" aria-label="查看完整身份证号" icon={<EyeOutlined aria-hidden />} loading={reveal.isPending} />
          </Popconfirm>
        ))}
    </Space>
  );
}
