/** Chinese names for audit action codes; unknown codes are shown as they are. */
export const AUDIT_ACTION_ZH: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.login_locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.password_changed': '修改密码',
  'unit.create': '新增单位',
  'unit.update': '修改单位',
  'unit.move': '移动单位',
  'unit.disable': '停用单位',
  'unit.enable': '启用单位',
  'unit.delete': '删除单位',
  'person.create': '新增人员',
  'person.update': '修改人员',
  'person.delete': '删除人员',
  'person.import': '导入人员',
  'person.export': '导出人员',
  'person.reveal_id_number': '查看身份证号',
  'person.reset_password': '重置密码',
  'person.set_roles': '设置角色',
  'audit.export': '导出审计日志',
  'system.bootstrap_admin': '初始化管理员',
  'system.demo_data': '生成演示数据',
};

export const ENTITY_ZH: Record<string, string> = {
  account: '账号',
  person: '人员',
  unit: '单位',
  audit: '审计日志',
  system: '系统',
};

export function actionLabel(code: string): string {
  return AUDIT_ACTION_ZH[code] ?? code;
}

export const AUDIT_ACTION_OPTIONS = Object.entries(AUDIT_ACTION_ZH).map(([value, label]) => ({ value, label: `${label}（${value}）` }));
