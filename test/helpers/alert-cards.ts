import type { CardModel } from '../../src/domain/card-model.js';
import { replyText, sandboxChat } from './sandbox-chat.js';
import type { TestApp } from './test-app.js';

const ALERT_TEMPLATES = new Set(['alert', 'alert-digest']);

/** Drains the outbox, then the alert cards (single alerts and digests) in one person's sandbox chat. */
export async function alertCardsTo(t: TestApp, employeeNo: string): Promise<CardModel[]> {
  for (;;) {
    const c = await t.app.botDeps.outbox.tick(500);
    if (c.sent + c.retried + c.failed === 0) break;
  }
  const messages = await sandboxChat(t.app, employeeNo).transcript();
  return messages.flatMap((m) => (m.payload.type === 'card' && ALERT_TEMPLATES.has(m.payload.card.template) ? [m.payload.card as CardModel] : []));
}

/**
 * The alerts one person received, one text per alert: a single alert's card as a whole, and each
 * alert of a digest with its rule's heading ("**长时间未拜访**（1）\n• 张三 …").
 */
export async function alertsTo(t: TestApp, employeeNo: string): Promise<string[]> {
  return (await alertCardsTo(t, employeeNo)).flatMap((card) => {
    if (card.template === 'alert') return [replyText({ type: 'card', card })];
    let heading = '';
    return card.elements.flatMap((e) => {
      if (e.type !== 'markdown') return [];
      if (!e.text.startsWith('• ')) {
        heading = e.text;
        return [];
      }
      return [`${heading}\n${e.text}`];
    });
  });
}
