import type { CardModel } from '../../src/domain/card-model.js';
import { replyText, sandboxChat } from './sandbox-chat.js';
import type { TestApp } from './test-app.js';

/** Drains the outbox, then the alert cards in one person's sandbox chat, as text. */
export async function alertsTo(t: TestApp, employeeNo: string): Promise<string[]> {
  for (;;) {
    const c = await t.app.botDeps.outbox.tick(500);
    if (c.sent + c.retried + c.failed === 0) break;
  }
  const messages = await sandboxChat(t.app, employeeNo).transcript();
  return messages.flatMap((m) => (m.payload.type === 'card' && m.payload.card.template === 'alert' ? [replyText({ type: 'card', card: m.payload.card as CardModel })] : []));
}
