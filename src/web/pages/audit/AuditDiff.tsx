import { Col, Row, Tag, Typography } from 'antd';
import type { AuditEntry } from '../../types';

function pretty(v: unknown): string {
  if (v === null || v === undefined) return '（无）';
  return JSON.stringify(v, null, 2);
}

/** Top-level keys whose values differ between before and after. */
function changedKeys(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}

const preStyle: React.CSSProperties = {
  margin: 0,
  padding: 12,
  background: '#fafafa',
  border: '1px solid #f0f0f0',
  borderRadius: 6,
  maxHeight: 360,
  overflow: 'auto',
  fontSize: 12,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
};

/** The expanded row: before and after side by side. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const changed = changedKeys(entry.before, entry.after);
  return (
    <div style={{ padding: '4px 8px' }}>
      {changed.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">变更字段：</Typography.Text>
          {changed.map((k) => (
            <Tag key={k} color="orange">
              {k}
            </Tag>
          ))}
        </div>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Typography.Text strong>修改前</Typography.Text>
          <pre style={preStyle}>{pretty(entry.before)}</pre>
        </Col>
        <Col span={12}>
          <Typography.Text strong>修改后</Typography.Text>
          <pre style={preStyle}>{pretty(entry.after)}</pre>
        </Col>
      </Row>
    </div>
  );
}
