/**
 * Toasts from outside React components (query caches, the API redirect handler). antd's static
 * `message` cannot read the ConfigProvider theme/locale, so a bridge component hands us the
 * context-aware instance from App.useApp().
 */
import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError, isAuthRedirect } from '../api';

let messageApi: MessageInstance | null = null;

export function setMessageApi(m: MessageInstance): void {
  messageApi = m;
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后重试';
}

/** Shows an unexpected error; redirects (session lost, password change) are handled elsewhere. */
export function showError(err: unknown): void {
  if (isAuthRedirect(err)) return;
  messageApi?.error(errorText(err));
}

export function showSuccess(text: string): void {
  messageApi?.success(text);
}
