import { Button, Result } from 'antd';
import { useRouteError } from 'react-router-dom';

/** A page failed to render or its code failed to load (e.g. after an upgrade): offer a reload, not a blank screen. */
export default function RouteError() {
  const err = useRouteError();
  const chunkMissing = err instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(err.message);
  return (
    <Result
      status={chunkMissing ? 'warning' : '500'}
      title={chunkMissing ? '系统已更新' : '页面出错了'}
      subTitle={chunkMissing ? '系统刚刚完成升级，请刷新页面后继续使用。' : '页面加载时发生错误，请刷新重试；如仍有问题请联系系统管理员。'}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
