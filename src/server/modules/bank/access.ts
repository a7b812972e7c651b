import { requireRole, type Principal } from '../../platform/principal';

/** 系统管理员 and 考评办 keep the bank; nobody else reads answer keys through the bank routes. */
export const requireBankRole = (p: Principal) => requireRole(p, 'admin', 'organiser');
