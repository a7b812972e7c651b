import { Button, Result, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { ImportResult } from '../../../types';

export function ImportResultPanel({ result, onRestart }: { result: ImportResult; onRestart: () => void }) {
  const navigate = useNavigate();
  const units = result.unitsCreated;
  return (
    <Result
      status="success"
      title="导入完成"
      subTitle={`新增 ${result.created} 人，更新 ${result.updated} 人，无变化 ${result.unchanged} 人${units ? `，新建单位 ${units} 个` : ''}。`}
      extra={[
        <Button type="primary" key="people" onClick={() => navigate('/org/people')}>
          查看人员
        </Button>,
        <Button key="again" onClick={onRestart}>
          继续导入
        </Button>,
      ]}
    >
      {result.unitPaths && result.unitPaths.length > 0 && (
        <div>
          <Typography.Text strong>新建的单位：</Typography.Text>
          <div style={{ marginTop: 8 }}>
            {result.unitPaths.map((p) => (
              <Tag key={p} color="orange" style={{ marginBottom: 4 }}>
                {p}
              </Tag>
            ))}
          </div>
        </div>
      )}
    </Result>
  );
}
