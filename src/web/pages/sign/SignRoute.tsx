import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { RequireAuth } from '../../auth/guards';

const SignInPage = lazy(() => import('./SignInPage'));

/**
 * /sign and /sign/:code: full width without the menu (a phone gets the whole screen). Signed out,
 * RequireAuth sends the person to the login page with `from`, which brings them back here.
 */
export function SignRoute() {
  return (
    <RequireAuth>
      <Suspense fallback={<Spin fullscreen size="large" />}>
        <SignInPage />
      </Suspense>
    </RequireAuth>
  );
}
