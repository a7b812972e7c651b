import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { ImportResult } from '../../../types';

export function ImportResultPanel({ result, onRestart }: { result: ImportResult; onRestart: () => void }) {
  const navigate = useNavigate();
  const units = Array.isArray(result.unitsCreated) ? result.unitsCreated.length : result.unitsCreated;
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
    />
  );
}
