import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { RequireAuth } from '../../../auth/guards';

const AttemptPage = lazy(() => import('./AttemptPage'));

/** The exam page's route element: signed in, full screen (no menu), loaded on demand. */
export function AttemptRoute() {
  return (
    <RequireAuth>
      <Suspense fallback={<Spin fullscreen size="large" />}>
        <AttemptPage />
      </Suspense>
    </RequireAuth>
  );
}
