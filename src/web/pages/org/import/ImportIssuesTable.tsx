import { Alert, Table } from 'antd';
import type { ImportIssue } from '../../../../common/errors';

/** The problems the server found, by sheet/row/column, so the user can fix the file. */
export function ImportIssuesTable({ issues, total }: { issues: ImportIssue[]; total?: number }) {
  const count = Math.max(total ?? 0, issues.length);
  return (
    <>
      <Alert
        type="error"
        showIcon
        title={`文件有${count}处错误，未写入任何数据，请修改后重新上传`}
        description={`按下表逐条修改 Excel 文件后，重新选择文件并点击“预检”。${count > issues.length ? `下表列出前${issues.length}处。` : ''}`}
        style={{ marginBottom: 16 }}
      />
      <div data-testid="import-issues">
        <Table<ImportIssue & { key: number }>
          size="small"
          bordered
          dataSource={issues.map((i, key) => ({ ...i, key }))}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 处` }}
          columns={[
            { title: '工作表', dataIndex: 'sheet', width: 140 },
            { title: '行', dataIndex: 'row', width: 80, render: (r: number) => (r > 0 ? r : '—') },
            { title: '列', dataIndex: 'column', width: 180, render: (c: string) => c || '整行' },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      </div>
    </>
  );
}
