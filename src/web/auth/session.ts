/** The signed-in user ("me") lives in the TanStack Query cache under ['me']. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../api';
import type { Me } from '../types';

export const ME_KEY = ['me'] as const;

/** A message for the login page left by the /me probe (e.g. the session timed out while away). */
let pendingNotice: string | null = null;

export function peekLoginNotice(): string | null {
  return pendingNotice;
}

export function setLoginNotice(text: string): void {
  pendingNotice = text;
}

export function clearLoginNotice(): void {
  pendingNotice = null;
}

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me', undefined, { quietAuth: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      // A plain "not signed in" on first visit needs no message; a lost session does.
      if (err.code === 'SESSION_EXPIRED' || err.code === 'SESSION_REPLACED') pendingNotice = err.message;
      return null;
    }
    throw err;
  }
}

export function useMe() {
  const q = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, retry: false });
  return { me: q.data ?? null, isLoading: q.isPending, error: q.error, refetch: q.refetch };
}

/** After login: cache the user and its CSRF token. */
export function rememberMe(qc: QueryClient, me: Me): void {
  setCsrfToken(me.csrfToken);
  qc.setQueryData(ME_KEY, me);
}

/** After logout or a lost session: drop every cached answer, keep "nobody is signed in". */
export function forgetMe(qc: QueryClient): void {
  setCsrfToken(null);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  qc.setQueryData(ME_KEY, null);
}

/** Header text for the user's place in the organisation. */
export function describeUnit(me: Me): string {
  if (me.unit) return me.unit.pathNames.filter(Boolean).join(' / ') || me.unit.name;
  return me.roles.find((r) => r.role !== 'member')?.label ?? me.roles[0]?.label ?? '';
}
