import type { MessageTable } from './types.js';

/** The H5 HR and admin pages' server-side sentences. */
export const WEB_ADMIN_MESSAGES = {
  'web.assessment.nothingToExport': { zh: '{period} 没有已审批的考核，暂无可导出的内容', en: 'No approved assessment for {period} yet: nothing to export' },
  'web.template.notFound': { zh: '没有模板「{code}」', en: 'No template “{code}”' },
  'web.outbox.notFailed': { zh: '没有这条发送失败的消息（可能已重试）', en: 'No failed message with that id (it may have been retried already)' },
} as const satisfies MessageTable;
