import { Card, Steps } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api';
import { showError } from '../../../components/feedback';
import { PageContainer } from '../../../components/PageContainer';
import type { ImportPreview, ImportResult } from '../../../types';
import { ImportFilePicker } from './ImportFilePicker';
import { UploadProgress } from '../../../components/UploadProgress';
import { ImportIssuesTable } from './ImportIssuesTable';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { ImportResultPanel } from './ImportResultPanel';
import { useImport } from './useImport';

/** 人员导入: ① choose the file ② 预检 (nothing written) ③ 确认导入 (one transaction). */
export default function ImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [createUnits, setCreateUnits] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const { preview: previewMut, commit, progress } = useImport();

  // Any change to the input invalidates the last 预检.
  const changeFile = (f: File | null) => {
    setFile(f);
    setPreview(null);
  };
  const changeCreateUnits = (v: boolean) => {
    setCreateUnits(v);
    setPreview(null);
  };

  const runPreview = () => {
    if (!file) return;
    setPreview(null);
    previewMut.mutate({ file, createUnits }, { onSuccess: setPreview });
  };

  const runCommit = () => {
    if (!file) return;
    commit.mutate(
      { file, createUnits },
      {
        onSuccess: setResult,
        onError: (err) => {
          if (err instanceof ApiError && err.importIssues.length) {
            setPreview({ ok: false, issues: err.importIssues, summary: { total: 0, create: 0, update: 0, unchanged: 0, unitsToCreate: [] }, rows: [] });
          } else showError(err);
        },
      },
    );
  };

  const restart = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    previewMut.reset();
    commit.reset();
  };

  const current = result ? 2 : preview ? 1 : 0;
  const status = preview && !preview.ok ? 'error' : result ? 'finish' : 'process';

  return (
    <PageContainer title="人员导入" subtitle="按模板填写人员信息批量导入。先预检，全部通过后才会写入，有任何错误都不会写入数据。">
      <Card>
        <Steps
          current={current}
          status={status}
          style={{ maxWidth: 760, margin: '0 auto 32px' }}
          items={[{ title: '选择文件', content: '下载模板并填写' }, { title: '预检', content: '检查文件，不写入数据' }, { title: '确认导入', content: '一次性写入' }]}
        />
        {result ? (
          <ImportResultPanel result={result} onRestart={restart} />
        ) : (
          <>
            <ImportFilePicker
              file={file}
              onFile={changeFile}
              createUnits={createUnits}
              onCreateUnits={changeCreateUnits}
              onPreview={runPreview}
              previewing={previewMut.isPending}
              canCommit={!!preview?.ok}
              onCommit={runCommit}
              committing={commit.isPending}
            />
            <UploadProgress active={previewMut.isPending || commit.isPending} fraction={progress} working={commit.isPending ? '正在校验并写入' : '正在校验文件'} />
            {preview && !preview.ok && <ImportIssuesTable issues={preview.issues} total={preview.issueCount} />}
            {preview?.ok && <ImportPreviewPanel preview={preview} />}
          </>
        )}
      </Card>
    </PageContainer>
  );
}
