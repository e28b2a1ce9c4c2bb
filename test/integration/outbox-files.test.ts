import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/dialect.js';
import { filePayload } from '../../src/outbox/outbox.js';
import type { Channel } from '../../src/platforms/channel.js';
import { userIdOf } from '../helpers/assessment.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/test-app.js';

const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10, 0x80]);
const file = filePayload({ name: 'assessment-2026-11.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: bytes });

describe('outbox file payloads', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('delivers a file byte for byte through Channel.sendFile, once per key; the admin listing shows its size, not its bytes', async () => {
    const userRef = String((await userIdOf(t.db, 'H001')));
    const message = { idempotencyKey: 'file:1', platform: 'sandbox' as const, target: { kind: 'user' as const, recipient: { platform: 'sandbox' as const, userRef } }, payload: file };
    expect(await t.app.botDeps.outbox.enqueue([message, message])).toEqual({ queued: 1, duplicates: 1 });
    expect(await t.app.botDeps.outbox.tick()).toMatchObject({ sent: 1 });
    const stored = await queryRows<{ id: number; content: Buffer }>(t.db, sql`SELECT id, content FROM sandbox_files`);
    expect(stored).toHaveLength(1);
    const download = await t.app.inject({ method: 'GET', url: `/sandbox/api/files/${stored[0]!.id}` });
    expect(download.rawPayload.equals(bytes)).toBe(true);
    const listing = await t.app.inject({ method: 'GET', url: '/admin/outbox', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(listing.body).not.toContain(bytes.toString('base64'));
    expect(listing.json().messages[0].payload).toEqual({ type: 'file', file: { name: 'assessment-2026-11.xlsx', mimeType: file.file.mimeType, bytes: 8 } });
    expect((await t.app.inject({ method: 'GET', url: '/sandbox/api/files/999' })).statusCode).toBe(404);
  });

  it('fails at once, without retries, on a channel that cannot send files or towards a conversation', async () => {
    const sandbox = t.app.platformChannels.get('sandbox') as Channel;
    const userRef = String((await userIdOf(t.db, 'H001')));
    await t.app.botDeps.outbox.enqueue([{ idempotencyKey: 'file:conversation', platform: 'sandbox', target: { kind: 'conversation', conversation: { platform: 'sandbox', chatId: userRef, chatType: 'p2p' } }, payload: file }]);
    expect(await t.app.botDeps.outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 1 });
    delete sandbox.sendFile;
    await t.app.botDeps.outbox.enqueue([{ idempotencyKey: 'file:nosupport', platform: 'sandbox', target: { kind: 'user', recipient: { platform: 'sandbox', userRef } }, payload: file }]);
    expect(await t.app.botDeps.outbox.tick()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const rows = await queryRows(t.db, sql`SELECT idempotency_key AS k, status, attempts, last_error AS e FROM outbox WHERE idempotency_key LIKE 'file:%' ORDER BY id`);
    expect(rows).toEqual([
      { k: 'file:conversation', status: 'failed', attempts: 1, e: 'files are sent to a user, not a conversation' },
      { k: 'file:nosupport', status: 'failed', attempts: 1, e: expect.stringContaining('cannot send files') },
    ]);
  });
});
