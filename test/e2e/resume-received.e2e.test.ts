import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DINGTALK_ORG_ROWS } from '../helpers/dingtalk.js';
import { E2E_ADMIN_TOKEN, importOrgThroughAdminApi } from '../helpers/feishu-server-process.js';
import { spawnService, type ServiceProcess } from '../helpers/service-process.js';
import { useProcessTimeouts } from '../helpers/timeouts.js';

useProcessTimeouts();

/**
 * A message one instance stored ('received', before its ack) and then died with, SIGKILLed before
 * handling it, is taken up by a running instance once it is RESUME_RECEIVED_AFTER_MS old, not only
 * by the next instance to start. Here the dead instance's row is written into the running service's
 * database as an instance writes it, with the event it stores.
 */
describe('a message left received by an instance that died', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skb-resume-'));
  const databasePath = join(dir, 'resume.db');
  let service: ServiceProcess | undefined;
  afterAll(async () => {
    await service?.stop(5_000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is handled by the running service, once: its reply is sent and the event marked done', async () => {
    service = await spawnService({ env: { DATABASE_PATH: databasePath, ADMIN_TOKEN: E2E_ADMIN_TOKEN, SANDBOX_ENABLED: 'true', RESUME_RECEIVED_AFTER_MS: '2000' } });
    await importOrgThroughAdminApi(service.url, DINGTALK_ORG_ROWS);

    const db = new Database(databasePath, { fileMustExist: true });
    try {
      const { id: userId } = db.prepare('SELECT id FROM users WHERE employee_no = ?').get('S101') as { id: number };
      const storedAt = Date.now() - 60_000;
      const event = {
        kind: 'message',
        platform: 'sandbox',
        eventId: 'left-received-1',
        sender: { platform: 'sandbox', ids: [{ kind: 'employee_no', value: 'S101' }] },
        conversation: { platform: 'sandbox', chatId: String(userId), chatType: 'p2p' },
        text: '帮助',
        receivedAt: storedAt,
      };
      db.prepare("INSERT INTO processed_events (platform, event_id, received_at, status, event) VALUES ('sandbox', ?, ?, 'received', ?)").run(event.eventId, storedAt, JSON.stringify(event));

      const status = () => (db.prepare('SELECT status FROM processed_events WHERE event_id = ?').get(event.eventId) as { status: string }).status;
      const replies = () => db.prepare("SELECT status FROM outbox WHERE idempotency_key LIKE 'reply:sandbox:left-received-1:%'").all() as { status: string }[];
      const deadline = Date.now() + 30_000;
      while (!(status() === 'done' && replies().length > 0 && replies().every((r) => r.status === 'sent'))) {
        if (Date.now() > deadline) throw new Error(`not handled: status ${status()}, replies ${JSON.stringify(replies())}\n${service.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Several sweeps later it is still one reply: a done event is not taken up again.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(replies()).toEqual([{ status: 'sent' }]);
      expect(service.output()).toContain('handled messages stored but left unhandled');
    } finally {
      db.close();
    }
    expect(await service.stop(20_000)).toBe(0);
    service = undefined;
  });
});
