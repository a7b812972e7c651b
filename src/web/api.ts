/**
 * The one way the web app talks to the server: JSON over /api with the session cookie and the
 * CSRF header. Failures become ApiError; session loss and the forced password change are
 * reported to a single handler (registered in main.tsx) that redirects.
 */
import type { ApiErrorBody, FieldIssue, ImportIssue } from '../common/errors';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly importIssues: ImportIssue[];

  constructor(status: number, code: string, message: string, issues: FieldIssue[] = [], importIssues: ImportIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.importIssues = importIssues;
  }
}

/** 401 codes that mean "the session is gone": go back to the login page. */
export const SESSION_LOST_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'SESSION_REPLACED']);

export type AuthFailure = { kind: 'session-lost'; code: string; message: string } | { kind: 'password-change-required' };

let csrfToken: string | null = null;
let authFailureHandler: ((f: AuthFailure) => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function onAuthFailure(handler: (f: AuthFailure) => void): void {
  authFailureHandler = handler;
}

type QueryValue = string | number | boolean | null | undefined;

/** Builds "?a=1&b=x" leaving out empty values, so filters map 1:1 onto the URL. */
export function toQuery(params: object = {}): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params as Record<string, QueryValue>)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  /** Do not redirect on 401 (used by the /me probe and the login form). */
  quietAuth?: boolean;
  /** Upload progress, 0–1 while the file is sent, then null while the server works on it. */
  onUploadProgress?: (fraction: number | null) => void;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    body = null;
  }
  const e = body?.error;
  if (e && typeof e.code === 'string') {
    return new ApiError(res.status, e.code, e.message || '操作失败', e.issues ?? [], e.importIssues ?? []);
  }
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    return new ApiError(res.status, 'UNAVAILABLE', '服务器暂时无法访问，请稍后再试');
  }
  return new ApiError(res.status, 'HTTP_' + res.status, `请求失败（HTTP ${res.status}）`);
}

function reportAuthFailure(err: ApiError, opts: RequestOptions): void {
  if (opts.quietAuth || !authFailureHandler) return;
  if (err.status === 401 && SESSION_LOST_CODES.has(err.code)) {
    authFailureHandler({ kind: 'session-lost', code: err.code, message: err.message });
  } else if (err.code === 'PASSWORD_CHANGE_REQUIRED') {
    authFailureHandler({ kind: 'password-change-required' });
  }
}

/** "人员名单.xlsx" from `filename*=UTF-8''…` (or the plain filename=) of a Content-Disposition header. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
}

/**
 * Downloads a file (Excel export, template) through fetch rather than navigation, so a lost
 * session or a refusal shows as a message instead of replacing the page with JSON.
 */
async function download(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const err = await parseError(res);
    reportAuthFailure(err, {});
    throw err;
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filenameFromDisposition(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

async function request<T>(method: string, url: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = opts.onUploadProgress
      ? await xhrFetch(url, method, headers, payload, opts.onUploadProgress)
      : await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const err = await parseError(res);
    reportAuthFailure(err, opts);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** fetch() cannot report upload progress; XMLHttpRequest can. Same request, same Response. */
function xhrFetch(url: string, method: string, headers: Record<string, string>, body: BodyInit | undefined, onProgress: (f: number | null) => void): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress(null);
    xhr.onload = () => resolve(new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } }));
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(body as XMLHttpRequestBodyInit | null | undefined);
  });
}

export const api = {
  get: <T>(url: string, params?: object, opts?: RequestOptions) => request<T>('GET', url + toQuery(params), undefined, opts),
  post: <T>(url: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', url, body ?? {}, opts),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  del: <T>(url: string) => request<T>('DELETE', url),
  upload: <T>(url: string, form: FormData, onUploadProgress?: (fraction: number | null) => void) => request<T>('POST', url, form, { onUploadProgress }),
  download,
};

/** True when the error will be (or was) handled by the redirect handler; callers stay quiet. */
export function isAuthRedirect(err: unknown): boolean {
  return err instanceof ApiError && ((err.status === 401 && SESSION_LOST_CODES.has(err.code)) || err.code === 'PASSWORD_CHANGE_REQUIRED');
}
