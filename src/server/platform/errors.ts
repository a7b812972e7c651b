import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_CODES, type ErrorCode, type FieldIssue, type ImportIssue } from '../../common/errors';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues?: FieldIssue[];
  readonly importIssues?: ImportIssue[];

  constructor(code: ErrorCode, message?: string, extra?: { issues?: FieldIssue[]; importIssues?: ImportIssue[] }) {
    super(message ?? ERROR_CODES[code].zh);
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.issues = extra?.issues;
    this.importIssues = extra?.importIssues;
  }
}

export const notFound = (what?: string) => new AppError('NOT_FOUND', what ? `${what}不存在或无权查看` : undefined);
export const forbidden = (msg?: string) => new AppError('FORBIDDEN', msg);
export const invalid = (issues: FieldIssue[]) => new AppError('VALIDATION', undefined, { issues });

/** "/body/roles/0/unitId" or ["roles",0,"unitId"] → "roles.0.unitId" */
function toPath(p: string | ReadonlyArray<PropertyKey>): string {
  if (typeof p === 'string') return p.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return p.map(String).join('.');
}

/** SQLSTATE → user-facing error: the one place database errors are translated. */
function fromDatabaseError(err: { code?: string; constraint?: string; detail?: string }): AppError | null {
  switch (err.code) {
    case '23505':
      return new AppError('CONFLICT', uniqueMessage(err.constraint));
    case '23503':
      return new AppError('CONFLICT', '关联的记录不存在或仍被引用');
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '23502':
    case '23514':
      return new AppError('BAD_REQUEST', '数据格式不正确');
    // a NUL (\u0000) in text or jsonb: PostgreSQL cannot store it
    case '22P05':
    case '22021':
      return new AppError('BAD_REQUEST', '内容含有无法保存的字符（如 \\u0000），请删除后重试');
    case '42501':
      return new AppError('FORBIDDEN', '此记录不允许修改');
    default:
      return null;
  }
}

function uniqueMessage(constraint?: string): string {
  const known: Record<string, string> = {
    people_id_hash_uq: '该身份证号已登记',
    people_employee_no_uq: '该工号/登录名已被使用',
    accounts_login_uq: '该登录名已被使用',
    units_parent_name_uq: '同一上级单位下已有同名单位',
  };
  return (constraint && known[constraint]) || ERROR_CODES.CONFLICT.zh;
}

/**
 * What may go into a log line: drizzle's query errors carry the bound parameters (names,
 * phone numbers) in their message, so only the SQL text and the driver's own error are kept.
 */
export function loggableError(err: unknown): { message: string; code?: string; query?: string; stack?: string } {
  if (!(err instanceof Error)) return { message: String(err) };
  const cause = (err as { cause?: unknown }).cause;
  const query = (err as { query?: unknown }).query;
  if (typeof query === 'string' && cause instanceof Error) {
    return { message: cause.message, code: (cause as { code?: string }).code, query, stack: cause.stack };
  }
  return { message: err.message, code: (err as { code?: string }).code, stack: err.stack };
}

/**
 * Fastify's router answers a malformed (%-encoding) or overlong path parameter itself, before any
 * route or error handler: give it the same error shape and a Chinese message (Fastify option
 * `frameworkErrors`).
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const appErr =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new AppError('BAD_REQUEST', '请求地址中的参数过长 / path parameter too long')
      : new AppError('BAD_REQUEST', '请求地址无效 / invalid URL');
  void reply.status(appErr.status).send({ error: { code: appErr.code, message: appErr.message } });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    let appErr: AppError;
    if (error instanceof AppError) {
      appErr = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        // the body is the default context: "title", not "body.title" — but a field NAMED body keeps its name
        path: [error.validationContext === 'body' ? '' : error.validationContext, toPath(v.instancePath)].filter(Boolean).join('.') || '(root)',
        message: v.message ?? '格式不正确',
      }));
      appErr = invalid(issues);
    } else {
      // drizzle wraps the driver's error; the SQLSTATE is on the cause
      const dbErr = fromDatabaseError(((error as { cause?: unknown }).cause ?? error) as { code?: string });
      const fe = error as FastifyError;
      if (dbErr) appErr = dbErr;
      else if (fe.code === 'FST_FILES_LIMIT' || fe.code === 'FST_PARTS_LIMIT' || fe.code === 'FST_FIELDS_LIMIT')
        appErr = new AppError('BAD_REQUEST', '一次只能上传一个文件 / only one file per upload');
      else if (fe.statusCode === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE') appErr = new AppError('PAYLOAD_TOO_LARGE');
      // busboy's own parse errors (no boundary, body cut short) are plain Errors without a status
      else if (
        /^Multipart: Boundary not found$|unexpected end of multipart data/i.test(error.message ?? '') ||
        (fe.code === 'ERR_STREAM_PREMATURE_CLOSE' && request.isMultipart())
      )
        appErr = new AppError('BAD_REQUEST', '上传内容不完整或格式不正确，请重新上传 / malformed multipart upload');
      else if (fe.statusCode === 429) appErr = new AppError('RATE_LIMITED');
      else if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
        appErr = new AppError('BAD_REQUEST', `请求无效：${fe.message}`);
      else {
        request.log.error({ err: loggableError(error) }, 'unhandled error');
        appErr = new AppError('INTERNAL');
      }
    }
    void reply.status(appErr.status).send({
      error: {
        code: appErr.code,
        message: appErr.message,
        ...(appErr.issues ? { issues: appErr.issues } : {}),
        ...(appErr.importIssues ? { importIssues: appErr.importIssues } : {}),
      },
    });
  });
}
