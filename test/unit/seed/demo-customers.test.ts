import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contacts, customers } from '../../../src/db/schema/index.js';
import { seedDemoCustomers } from '../../../src/seed/demo-customers.js';
import { DEMO_ORG_ROWS } from '../../../src/seed/demo-org.js';
import { importOrg } from '../../../src/features/org/import.js';
import { readJsonRows } from '../../../src/features/imports/tabular.js';
import { createTestDb } from '../../helpers/test-app.js';

describe('demo customers', () => {
  let t: ReturnType<typeof createTestDb>;
  beforeEach(async () => {
    t = createTestDb();
    await importOrg(t.db, readJsonRows(DEMO_ORG_ROWS), { now: 0, actorUserId: null, source: 'cli' });
  });
  afterEach(() => t.cleanup());

  it('seeds five customers with a contact each, once', async () => {
    expect(await seedDemoCustomers(t.db, 1)).toBe(5);
    expect(await seedDemoCustomers(t.db, 2)).toBe(0);
    expect(t.db.select().from(customers).all().map((c) => c.normalizedName)).toEqual(['华为技术', '小米科技', '比亚迪', '腾讯科技', '美的集团']);
    expect(t.db.select().from(contacts).all()).toHaveLength(5);
  });
});
