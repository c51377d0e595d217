/** Staff administration rules shared by server and web. */
import { Role } from './enums';

/** Role names as people in the centres say them (workbook cells, chips). */
export const ROLE_LABELS_ZH: Record<Role, string> = {
  [Role.CITIZEN]: '群众',
  [Role.AGENT]: '代办员',
  [Role.CLERK]: '窗口人员',
  [Role.DIRECTORY_ADMIN]: '事项管理员',
  [Role.SUPERVISOR]: '督查员',
  [Role.SYSTEM_ADMIN]: '系统管理员',
};

/** Roles a system administrator grants (citizens register themselves). */
export const STAFF_ROLES: readonly Role[] = [Role.AGENT, Role.CLERK, Role.DIRECTORY_ADMIN, Role.SUPERVISOR, Role.SYSTEM_ADMIN];

/** A staff login: 3–50 letters, digits, dot, dash or underscore, starting with a letter (so never a phone number). */
export const STAFF_LOGIN_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{2,49}$/;
