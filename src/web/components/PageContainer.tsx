import { Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';

/** Title row (h4 + optional subtitle and actions) above a page's content. */
export function PageContainer({ title, subtitle, extra, children }: { title: string; subtitle?: ReactNode; extra?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} - 学讲考评`;
  }, [title]);
  return (
    <div>
      <div className="page-header">
        <div>
          <Typography.Title level={4}>{title}</Typography.Title>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
        {extra && <div>{extra}</div>}
      </div>
      {children}
    </div>
  );
}
