import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { createProcessedEvents } from '../../src/db/repositories/processed-events.js';
import { openFreshPgDb } from './app-db.js';

/**
 * jsonb refuses NUL and a lone UTF-16 surrogate inside a string, both of which a platform's JSON can
 * carry in chat text (SQLite stores them). The inbound event is stored as jsonb before it is
 * acknowledged, so a refusal there would fail the acknowledgement and have the platform retry it for
 * ever: on PostgreSQL each such character is stored as U+FFFD, and the rest of the text as sent. A text
 * column cannot hold NUL at all: there too it becomes U+FFFD, in the lookup as in the insert.
 */
describe('characters PostgreSQL would refuse, in chat text', () => {
  let pg: Awaited<ReturnType<typeof openFreshPgDb>>;
  let db: Db;
  beforeAll(async () => {
    pg = await openFreshPgDb('jsonb_strings');
    db = pg.db;
  });
  afterAll(async () => pg.close());

  it('stores an event whose text holds NUL, a lone surrogate and a whole emoji, replacing only the first two', async () => {
    const events = createProcessedEvents(db);
    const text = '拜访 华为\u0000 聊了\udfff预算 \ud83d 👍';
    expect(await events.receive('feishu', 'odd-text', { text, nested: [{ note: '\ud800' }] }, 1_000)).toBe(true);
    expect(await events.received(10)).toEqual([{ platform: 'feishu', eventId: 'odd-text', event: { text: '拜访 华为\ufffd 聊了\ufffd预算 \ufffd 👍', nested: [{ note: '\ufffd' }] } }]);
  });

  it('stores and finds a text value holding NUL, the same value each time', async () => {
    const events = createProcessedEvents(db);
    expect(await events.receive('feishu', 'nul\u0000id', { text: '拜访 华为' }, 2_000)).toBe(true);
    expect(await events.receive('feishu', 'nul\u0000id', { text: 'retried' }, 3_000)).toBe(false);
    expect((await events.received(10)).map((e) => e.eventId)).toContain('nul\ufffdid');
  });
});
