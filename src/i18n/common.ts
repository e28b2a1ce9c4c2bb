import type { MessageTable } from './types.js';

/** Sentences every part of the bot uses: refusals, errors, help. */
export const COMMON_MESSAGES = {
  // zod's own issues, for a field whose schema names no message key (see issue-text.ts).
  'common.issue.type': { zh: '类型不对（应为{expected}）', en: 'wrong type (expected {expected})' },
  'common.issue.type.int': { zh: '整数', en: 'a whole number' },
  'common.issue.type.number': { zh: '数字', en: 'a number' },
  'common.issue.type.string': { zh: '文字', en: 'text' },
  'common.issue.type.array': { zh: '列表', en: 'a list' },
  'common.issue.type.object': { zh: '对象', en: 'an object' },
  'common.issue.type.boolean': { zh: '是或否', en: 'yes or no' },
  'common.issue.tooSmall': { zh: '不能小于 {minimum}', en: 'must be at least {minimum}' },
  'common.issue.tooBig': { zh: '不能大于 {maximum}', en: 'must be at most {maximum}' },
  'common.issue.unknownKey': { zh: '多余的字段', en: 'unexpected field' },
  'common.issue.invalid': { zh: '取值无效', en: 'invalid value' },
  'common.unknownCommand': {
    zh: '没听懂「{text}」。发送「帮助」查看可用命令。',
    en: 'Sorry, I did not understand "{text}". Send "help" to see the commands.',
  },
  'common.notRegistered': {
    zh: '你还不在本系统的组织名单中，暂时无法使用。请联系 HR 或系统管理员把你加入组织。',
    en: 'You are not registered in the org yet. Please ask HR or an admin to add you.',
  },
  'common.inactive': {
    zh: '你的账号已停用。如有疑问请联系 HR。',
    en: 'Your account is deactivated. Please contact HR if this is a mistake.',
  },
  'common.onlyText': {
    zh: '目前只支持文字消息。发送「帮助」查看可用命令。',
    en: 'Only text messages are supported. Send "help" to see the commands.',
  },
  'common.textTooLong': {
    zh: '消息太长了（最多 {max} 个字），没有处理。请分成几条发送，较长的内容可以在网页应用中填写。',
    en: 'That message is too long (at most {max} characters), so nothing was done. Send it in parts, or use the web app for long text.',
  },
  'common.internalError': {
    zh: '抱歉，处理时出错了，请稍后再试。如果一直出错，请联系管理员。',
    en: 'Sorry, something went wrong. Please try again later, or contact an admin if it keeps happening.',
  },
  'common.forbidden': {
    zh: '你没有权限执行此操作。',
    en: 'You are not allowed to do that.',
  },
  'common.forbiddenBecause': {
    zh: '没有权限：{reason}',
    en: 'Not allowed: {reason}',
  },
  'common.validation': {
    zh: '输入有误：{reason}',
    en: 'Invalid input: {reason}',
  },
  'help.title': { zh: '销售助手 · 可用命令', en: 'Sales assistant · commands' },
  'help.intro': {
    zh: '直接发消息给我即可记录，例如「拜访 华为 聊了采购计划」。',
    en: 'Just message me to record your work, e.g. "visit Huawei discussed purchase plan".',
  },
  'help.footer': { zh: '命令也支持英文，例如 /help。', en: 'Chinese commands work too, e.g. 帮助.' },
  'help.more': { zh: '全部命令（另有 {count} 个）', en: 'All commands ({count} more)' },
  'suggest.title': { zh: '你是想 {word} 吗？', en: 'Did you mean {word}?' },
  'suggest.intro': { zh: '没听懂「{text}」。是不是要发送「{corrected}」？', en: 'I did not understand "{text}". Did you mean "{corrected}"?' },
  'suggest.run': { zh: '是，{word}', en: 'Yes, {word}' },
  'suggest.help': { zh: '查看帮助', en: 'Show help' },
  'command.help.summary': { zh: '查看可用命令和示例', en: 'list the commands with examples' },
  'card.page.previous': { zh: '上一页', en: 'Previous page' },
  'card.page.next': { zh: '下一页', en: 'Next page' },
  'card.page.of': { zh: '第 {page}/{pages} 页', en: 'Page {page} of {pages}' },
} as const satisfies MessageTable;
