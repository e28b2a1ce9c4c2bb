import type { MessageTable } from './types.js';

/** Sentences only the DingTalk channel says. */
export const DINGTALK_MESSAGES = {
  'dingtalk.noStaffId': {
    zh: '抱歉，暂时无法识别你的身份（外部成员或机器人尚未发布时钉钉不提供员工 ID），所以不能为你记录。请在本企业内与我单聊，或联系管理员。',
    en: 'Sorry, DingTalk did not tell me who you are (external members, or the bot is not published yet), so I cannot record anything for you. Please message me from inside the company, or contact an admin.',
  },
  'dingtalk.cardButtonsHint': {
    zh: '（此消息不支持按钮，请在钉钉中打开卡片或直接回复命令。）',
    en: '(Buttons are not available here; open the card in DingTalk or type the command.)',
  },
  'dingtalk.notCardRecipient': {
    zh: '这张卡片不是发给你的，不能由你操作。',
    en: 'This card was not sent to you, so you cannot act on it.',
  },
  'dingtalk.readMore': { zh: '查看全文', en: 'Read in full' },
  'dingtalk.typedHint': {
    zh: '也可以直接回复命令：',
    en: 'Or type the command:',
  },
} as const satisfies MessageTable;
