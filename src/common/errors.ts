/**
 * The one list of API error codes. The server sends {error:{code,message,issues?}};
 * the web app shows `message` (already Chinese) and marks `issues` on form fields.
 */
export const ERROR_CODES = {
  VALIDATION: { status: 400, zh: '输入有误，请检查标出的字段' },
  BAD_REQUEST: { status: 400, zh: '请求无效' },
  IMPORT_INVALID: { status: 422, zh: '导入文件有错误，未写入任何数据' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录' },
  SESSION_EXPIRED: { status: 401, zh: '登录已超时，请重新登录' },
  SESSION_REPLACED: { status: 401, zh: '账号已在其他地方登录，本次登录已失效' },
  LOGIN_FAILED: { status: 401, zh: '账号或密码错误' },
  ACCOUNT_LOCKED: { status: 423, zh: '连续登录失败次数过多，账号已锁定15分钟' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系管理员' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '请先修改初始密码' },
  PASSWORD_WEAK: { status: 400, zh: '密码强度不足' },
  PASSWORD_REUSED: { status: 400, zh: '新密码不能与最近5次使用过的密码相同' },
  PASSWORD_WRONG: { status: 400, zh: '原密码不正确' },
  CSRF: { status: 403, zh: '页面已过期，请刷新后重试' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作' },
  NOT_FOUND: { status: 404, zh: '记录不存在或无权查看' },
  CONFLICT: { status: 409, zh: '与已有记录冲突' },
  UNIT_NOT_EMPTY: { status: 409, zh: '单位下还有人员或下级单位，不能删除' },
  EXAM_NOT_OPEN: { status: 409, zh: '考试不在开放时间内' },
  NO_ATTEMPTS_LEFT: { status: 409, zh: '作答次数已用完' },
  ATTEMPT_CLOSED: { status: 409, zh: '本次作答已结束，不能再保存答案' },
  ATTEMPT_SUBMITTED: { status: 409, zh: '本次作答已交卷' },
  DEVICE_ACTIVE: { status: 409, zh: '本场考试正在另一台设备上作答' },
  DEVICE_REPLACED: { status: 409, zh: '本场考试已在另一台设备上继续作答，本设备不能再保存答案' },
  PRACTICE_BLOCKED: { status: 409, zh: '考试进行中，暂不能练习' },
  PRACTICE_EMPTY: { status: 422, zh: '没有可练习的题目' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '文件过大' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请联系管理员' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  /** dotted path, e.g. "idNumber" or "roles.0.unitId" */
  path: string;
  message: string;
}

export interface ImportIssue {
  sheet: string;
  /** 1-based Excel row number */
  row: number;
  /** Excel column letter and header, e.g. "D（身份证号）"; empty for whole-row problems */
  column: string;
  message: string;
}

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    issues?: FieldIssue[];
    importIssues?: ImportIssue[];
  };
}
