/**
 * The part of the accounts text that the page frame and the public pages need on their first load (navigation,
 * the login page's links and answers); the rest (users/i18n.ts) comes with the account pages (users/text.ts).
 */
export const usersShellZh = {
  nav: { users: '用户管理', audit: '审计日志', settings: '系统设置', profile: '个人信息', password: '修改密码' },
  login: {
    register: '没有账号？注册',
    forgot: '忘记密码',
    disabled: '该账号已停用，请联系本单位系统管理员。',
    wrong: '用户名或密码错误。',
    rateLimited: '尝试次数过多，请 {{minutes}} 分钟后再试。',
  },
};

export const usersShellEn: typeof usersShellZh = {
  nav: { users: 'Users', audit: 'Audit log', settings: 'Settings', profile: 'Profile', password: 'Change password' },
  login: {
    register: 'No account? Register',
    forgot: 'Forgot password',
    disabled: 'This account is disabled; contact your system administrator.',
    wrong: 'Wrong login or password.',
    rateLimited: 'Too many attempts; try again in {{minutes}} minute(s).',
  },
};
