import { inTransaction } from '../../db/client.js';
import { createGroupBindRepository } from '../../db/repositories/group-binds.js';
import { textReply } from '../../domain/card-model.js';
import type { PlatformName } from '../../domain/platform-name.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { OutboxMessage, OutboxTarget } from '../../outbox/outbox.js';
import type { AppDeps } from '../deps.js';
import { createRecipientResolver } from '../recipients.js';

/**
 * The outbox gave up on a message. A group post that failed permanently (the bot was removed, the
 * group dissolved) marks its bind gone, so nothing more is posted there, and tells every admin, once
 * per bind (a rebind clears the mark; the notice key names the bind and when it was bound).
 */
export async function noteFailedGroupPost(
  deps: AppDeps,
  row: { idempotencyKey: string; platform: PlatformName; target: OutboxTarget },
  failure: { permanent: boolean },
): Promise<void> {
  if (!failure.permanent || !row.idempotencyKey.startsWith('group-') || row.target.kind !== 'conversation') return;
  const { chatId } = row.target.conversation;
  const repository = createGroupBindRepository(deps.db);
  const bind = await repository.byChat(row.platform, chatId);
  // Unbound since: nobody needs telling.
  if (!bind) return;
  const departments = await deps.org.listDepartments();
  const department = departments.find((d) => d.id === bind.departmentId)?.name ?? '';
  const recipients = await createRecipientResolver(deps);
  await inTransaction(deps.db, async () => {
    if (!(await repository.markGone(bind.id, deps.clock()))) return;
    const notices: OutboxMessage[] = [];
    for (const admin of await deps.org.activeUsersWithRole('admin')) {
      const recipient = recipients.resolve(admin.id);
      if (!recipient) continue;
      const locale = await deps.org.localeOf(admin.id);
      const platform = row.platform === 'sandbox' ? 'sandbox' : t(locale, `web.platform.${row.platform}` as MessageKey);
      notices.push({
        idempotencyKey: `group-gone:${bind.id}:${bind.boundAt}:admin-${admin.id}`,
        platform: recipient.platform,
        target: { kind: 'user', recipient },
        payload: textReply(t(locale, 'group.gone.notice', { department, platform })),
      });
    }
    if (notices.length > 0) await deps.outbox.enqueue(notices);
  });
  deps.logger.warn({ platform: row.platform, bindId: bind.id }, 'group post failed permanently: bind marked gone, admins told');
}
