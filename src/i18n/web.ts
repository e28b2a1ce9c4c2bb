import type { MessageTable } from './types.js';

/** What the H5 mini-app's API says when it refuses something. */
export const WEB_MESSAGES = {
  'web.login.codeInvalid': { zh: '登录码无效或已过期，请关闭后重新打开应用', en: 'The login code is invalid or expired; close and reopen the app' },
  'web.login.notInOrg': {
    zh: '你还不在本系统的组织名单中，请联系 HR 或管理员导入后再试',
    en: 'You are not in this system’s org list yet; ask HR or an admin to import you, then try again',
  },
  'web.login.inactive': { zh: '你的账号已停用，如有疑问请联系 HR', en: 'Your account is deactivated; contact HR if this is wrong' },
  'web.login.platformDisabled': { zh: '本系统未启用{platform}登录', en: '{platform} login is not enabled on this system' },
  'web.login.busy': { zh: '登录人数较多，请稍等片刻后重试', en: 'Too many sign-ins right now; wait a moment and try again' },
  'web.login.unavailable': { zh: '{platform}登录服务暂时不可用，请稍后重试', en: '{platform} login is unavailable right now; try again later' },
  'web.session.required': { zh: '请先登录', en: 'Please log in first' },
  'web.csrf.invalid': { zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload and try again' },
  'web.forbidden': { zh: '你无权查看或修改这条数据', en: 'You may not see or change this record' },
  'web.roleForbidden': { zh: '这个页面只对{roles}开放', en: 'This page is only for {roles}' },
  'web.period.invalid': { zh: '看不懂周期「{input}」，可以用 week、month、quarter 或 2026-11、2026-W48、2026-Q4', en: 'Unknown period “{input}”; use week, month, quarter or 2026-11, 2026-W48, 2026-Q4' },
  // Role and platform names inside the refusals above ({roles}, {platform}).
  'web.role.rep': { zh: '业务员', en: 'reps' },
  'web.role.manager': { zh: '经理', en: 'managers' },
  'web.role.hr': { zh: 'HR', en: 'HR' },
  'web.role.admin': { zh: '管理员', en: 'admins' },
  'web.role.finance': { zh: '财务', en: 'finance' },
  'web.platform.feishu': { zh: '飞书', en: 'Feishu' },
  'web.platform.dingtalk': { zh: '钉钉', en: 'DingTalk' },
  'web.notFound': { zh: '找不到这条记录', en: 'Record not found' },
} as const satisfies MessageTable;
