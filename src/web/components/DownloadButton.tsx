import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState, type ReactNode } from 'react';
import { api } from '../api';
import { showError } from './feedback';

/** A button that downloads a server-made file (Excel) and reports failures as messages. */
export function DownloadButton({ url, filename, children }: { url: string; filename: string; children: ReactNode }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined aria-hidden />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        api
          .download(url, filename)
          .catch(showError)
          .finally(() => setBusy(false));
      }}
    >
      {children}
    </Button>
  );
}
