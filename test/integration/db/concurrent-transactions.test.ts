import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, runMigrations, type Db } from '../../../src/db/client.js';
import { createOrgRepository } from '../../../src/db/repositories/org-repository.js';
import { importOrg } from '../../../src/features/org/import.js';
import { applyDirectory } from '../../../src/features/org/sync.js';
import type { TabularRecord } from '../../../src/features/imports/tabular.js';
import type { DirectorySnapshot, DirectoryUser } from '../../../src/domain/org/directory.js';

/*
 * Two real features on one SQLite connection at once. Each awaits between its writes, so without
 * the connection lock the second one's statements would run inside the first one's open
 * transaction: it would see those half-done writes, its own BEGIN would fail, and a rollback would
 * take its writes with it.
 */
const GOOD_CSV = readFileSync(new URL('../../fixtures/org-good.csv', import.meta.url), 'utf8');
const NOW = Date.parse('2026-11-20T02:00:00Z');

function csvRecords(): TabularRecord[] {
  const [header, ...rows] = parseCsv(GOOD_CSV) as string[][];
  return rows.map((cells, index) => ({ rowNumber: index + 2, record: Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])) }));
}

const person = (externalId: string, employeeNo: string): DirectoryUser => ({
  externalId,
  ids: [{ kind: 'open_id', value: `ou_${externalId}` }],
  name: `同步${externalId}`,
  employeeNo,
  departmentExternalIds: ['d1'],
  managerExternalId: null,
  active: true,
  email: null,
  mobile: null,
});

/** A second user whose record cannot be read: the sync fails half-way, after it wrote a department and a user. */
const unreadable = (): DirectoryUser =>
  Object.defineProperty({ ...person('b', 'X901') }, 'ids', {
    get() {
      throw new Error('directory record unreadable');
    },
  });

/** A sync that writes a department and a user, then fails on the second user. */
const failingSync: DirectorySnapshot = {
  platform: 'feishu',
  departments: [
    { externalId: 'root', name: '公司', parentExternalId: null, leaderExternalUserId: null },
    { externalId: 'd1', name: '渠道拓展部', parentExternalId: 'root', leaderExternalUserId: null },
  ],
  users: [person('a', 'X900'), unreadable()],
};

describe('concurrent features on one connection', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    runMigrations(db);
  });
  afterEach(() => closeDatabase(db));

  it('an import and a failing directory sync run side by side: the import commits whole, the sync leaves nothing, a reader sees no half-done writes', async () => {
    const records = csvRecords();
    const org = createOrgRepository(db);
    const [imported, synced, readDuring] = await Promise.allSettled([
      importOrg(db, records, { now: NOW, actorUserId: null, source: 'test' }),
      applyDirectory(db, failingSync, { now: NOW }),
      org.listUsers(),
    ]);

    expect(imported.status).toBe('fulfilled');
    expect(imported.status === 'fulfilled' && imported.value.ok).toBe(true);
    expect(synced.status).toBe('rejected');

    const users = await org.listUsers();
    const employeeNos = users.map((u) => u.employeeNo).sort();
    // Every row of the file, and nothing of the rolled-back sync.
    expect(employeeNos).toEqual(records.map((r) => r.record['工号']).sort());
    expect((await org.listDepartments()).map((d) => d.path)).not.toContain('渠道拓展部');

    // The reader ran between the two transactions: it saw all of the import or none of it, never the sync.
    expect(readDuring.status).toBe('fulfilled');
    const seen = readDuring.status === 'fulfilled' ? readDuring.value.map((u) => u.employeeNo) : [];
    expect(seen).not.toContain('X900');
    expect([0, records.length]).toContain(seen.length);
  });

  it('two imports at once both commit, each seeing the other only whole', async () => {
    const records = csvRecords();
    const first = records.slice(0, 2);
    const [a, b] = await Promise.all([
      importOrg(db, first, { now: NOW, actorUserId: null, source: 'test' }),
      importOrg(db, records, { now: NOW, actorUserId: null, source: 'test' }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    // The second import ran after the first had committed: the first file's people were there already.
    expect(b.ok && b.created + b.unchanged + b.updated).toBe(records.length);
    expect((await createOrgRepository(db).listUsers()).length).toBe(records.length);
  });
});
