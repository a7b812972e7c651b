import { PrinterOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { toQuery } from '../../api';
import { DownloadButton } from '../../components/DownloadButton';
import type { QuestionQuery } from './useBank';

/**
 * 应知应会手册: the questions the list's filters select, as a printable A4 page (opened in a new
 * tab, printed with the browser) or as Excel, with answers and 解析.
 */
export function HandbookButton({ query, ids }: { query: QuestionQuery; ids: number[] }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(`${new Date().getFullYear()}年度应知应会题库`);
  const [groupBy, setGroupBy] = useState<'law' | 'category' | 'type'>('law');
  const [activeOnly, setActiveOnly] = useState(true);
  const params = { ...query, page: undefined, pageSize: undefined, title, groupBy, ids: ids.length ? ids.join(',') : undefined, ...(activeOnly ? { status: 'active' } : {}) };
  return (
    <>
      <Button icon={<PrinterOutlined aria-hidden />} onClick={() => setOpen(true)}>
        应知应会手册
      </Button>
      <Modal title="应知应会手册" open={open} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Typography.Paragraph type="secondary">{ids.length ? `收录已选的 ${ids.length} 道题` : '按当前列表的筛选条件（分类、题型、关键词等）选题'}，附答案、解析和法律依据。</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="手册标题">
            <Input value={title} maxLength={60} onChange={(e) => setTitle(e.target.value)} />
          </Form.Item>
          <Form.Item label="分组方式">
            <Select
              value={groupBy}
              onChange={setGroupBy}
              options={[
                { value: 'law', label: '按法律' },
                { value: 'category', label: '按题库分类' },
                { value: 'type', label: '按题型' },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={activeOnly} onChange={(e) => setActiveOnly(e.target.checked)}>
              只收录已启用的题目
            </Checkbox>
          </Form.Item>
        </Form>
        <Space>
          <Button type="primary" icon={<PrinterOutlined aria-hidden />} disabled={!title.trim()} href={`/api/bank/handbook${toQuery(params)}`} target="_blank">
            打开打印页面
          </Button>
          <DownloadButton url={`/api/bank/handbook.xlsx${toQuery(params)}`} filename={`${title || '应知应会'}.xlsx`}>
            导出Excel
          </DownloadButton>
        </Space>
      </Modal>
    </>
  );
}
