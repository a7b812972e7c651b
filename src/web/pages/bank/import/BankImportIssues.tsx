import { Alert, Table } from 'antd';
import type { ImportIssue } from '../../../../common/errors';

/** Where the problems are: 行/列 for Excel, 行号 for the text formats. */
export function BankImportIssues({ issues, total, warnings }: { issues: ImportIssue[]; total?: number; warnings?: boolean }) {
  const count = Math.max(total ?? 0, issues.length);
  const excel = issues.some((i) => i.column);
  return (
    <>
      {!warnings && (
        <Alert
          type="error"
          showIcon
          title={`文件有${count}处错误，未写入任何数据，请修改后重新上传`}
          description={`按下表逐条修改文件后，重新选择文件并点击“预检”。${count > issues.length ? `下表列出前${issues.length}处。` : ''}`}
          style={{ marginBottom: 16 }}
        />
      )}
      <div data-testid={warnings ? 'import-warnings' : 'import-issues'}>
        <Table<ImportIssue & { key: number }>
          size="small"
          bordered
          dataSource={issues.map((i, key) => ({ ...i, key }))}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 处` }}
          columns={[
            ...(excel
              ? [
                  { title: '行', dataIndex: 'row', width: 80, render: (r?: number) => (r && r > 0 ? r : '—') },
                  { title: '列', dataIndex: 'column', width: 160, render: (c?: string) => c || '整行' },
                ]
              : [{ title: '行号', key: 'line', width: 90, render: (_: unknown, i: ImportIssue & { line?: number }) => i.line ?? (i.row && i.row > 0 ? i.row : '—') }]),
            { title: warnings ? '提示' : '问题', dataIndex: 'message' },
          ]}
        />
      </div>
    </>
  );
}
