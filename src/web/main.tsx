import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { ApiError, onAuthFailure } from './api';
import { forgetMe, ME_KEY, setLoginNotice } from './auth/session';
import { FeedbackBridge } from './components/FeedbackBridge';
import { showError } from './components/feedback';
import { router } from './routes';
import './global.css';

dayjs.locale('zh-cn');

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { quiet?: boolean };
    mutationMeta: { handlesErrors?: boolean };
  }
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (err, query) => !query.meta?.quiet && showError(err) }),
  mutationCache: new MutationCache({ onError: (err, _v, _c, mutation) => !mutation.meta?.handlesErrors && showError(err) }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 15_000,
      // Retry only what might heal by itself: the network and 5xx, once.
      retry: (count, err) => count < 1 && (!(err instanceof ApiError) || err.status === 0 || err.status >= 500),
    },
  },
});

onAuthFailure((failure) => {
  const { pathname, search } = router.state.location;
  if (failure.kind === 'session-lost') {
    setLoginNotice(failure.message);
    forgetMe(queryClient);
    if (pathname !== '/login') {
      void router.navigate('/login', { replace: true, state: { notice: failure.message, from: pathname + search } });
    }
  } else {
    void queryClient.invalidateQueries({ queryKey: ME_KEY });
    if (pathname !== '/password/required') void router.navigate('/password/required', { replace: true });
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* No auto space in two-character buttons: "登录" stays "登录" for screen readers and getByRole. */}
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { borderRadius: 6, fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif" } }}>
      <AntApp>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
