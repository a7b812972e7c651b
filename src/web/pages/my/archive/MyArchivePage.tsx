import { PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Select, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api';
import { PageContainer } from '../../../components/PageContainer';
import { ArchiveView } from '../../learning/archives/ArchiveView';
import { currentYear, printUrl, useMyArchive, yearOptions } from '../../learning/archives/useArchives';

/** 我的学法档案 (/my/archive): the member's own record for a year, printable on A4. */
export default function MyArchivePage() {
  const [year, setYear] = useState(currentYear());
  const q = useMyArchive(year);
  return (
    <PageContainer
      title="我的学法档案"
      subtitle="本年度的学法清单完成情况、学时、集体学法、讲法、考试和练习记录。"
      extra={
        <Space wrap>
          <Select aria-label="年度" value={year} onChange={setYear} options={yearOptions()} style={{ width: 120 }} />
          <Button icon={<PrinterOutlined aria-hidden />} href={printUrl.mine(year)} target="_blank">
            打印
          </Button>
        </Space>
      }
    >
      {q.isLoading ? (
        <Skeleton active />
      ) : q.error ? (
        <Result status="warning" title="无法读取学法档案" subTitle={q.error instanceof ApiError ? q.error.message : '请稍后重试'} />
      ) : q.data ? (
        <ArchiveView a={q.data} />
      ) : null}
    </PageContainer>
  );
}
