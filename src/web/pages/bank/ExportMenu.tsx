import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useState } from 'react';
import { api, toQuery } from '../../api';
import { showError } from '../../components/feedback';
import type { QuestionQuery } from './useBank';

const FORMATS = [
  { key: 'excel', label: 'Excel（可再导入）', ext: 'xlsx' },
  { key: 'gift', label: 'Moodle GIFT', ext: 'gift.txt' },
  { key: 'moodlexml', label: 'Moodle XML', ext: 'xml' },
  { key: 'aiken', label: 'Aiken（仅单选题）', ext: 'aiken.txt' },
] as const;

/** Exports the selected questions, or else all the list's filters select, in a format that re-imports here or into Moodle. */
export function ExportMenu({ query, ids }: { query: QuestionQuery; ids: number[] }) {
  const [busy, setBusy] = useState(false);
  return (
    <Dropdown
      menu={{
        items: FORMATS.map((f) => ({ key: f.key, label: f.label })),
        onClick: ({ key }) => {
          const f = FORMATS.find((x) => x.key === key)!;
          setBusy(true);
          api
            .download(`/api/bank/export${toQuery({ ...query, page: undefined, pageSize: undefined, format: f.key, ids: ids.length ? ids.join(',') : undefined })}`, `题库导出.${f.ext}`)
            .catch(showError)
            .finally(() => setBusy(false));
        },
      }}
    >
      <Button icon={<DownloadOutlined aria-hidden />} loading={busy}>
        {ids.length ? `导出已选 ${ids.length} 题` : '导出'}
      </Button>
    </Dropdown>
  );
}
