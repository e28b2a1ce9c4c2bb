import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows, tablesOf } from '../../../src/db/dialect.js';
import { admin, flush, seedNovember, userIdOf } from '../../helpers/assessment.js';
import { seedCustomer } from '../../helpers/records.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin, type WebClient } from '../../helpers/web-session.js';

/** Who tries: the matrix's "role" column. */
export const ROLES = ['rep', 'otherRep', 'manager', 'otherManager', 'hr', 'admin', 'deactivated', 'stranger'] as const;
/** The SoD section's extra subject: a rep of 华东一组 who is also HR (so assessed in the round they would decide). */
export type Role = (typeof ROLES)[number] | 'assessedHr';

/**
 * The demo org's people in each role: two teams (华东一组 led by S100, 华南二组 led by S200), HR and an
 * admin who are not assessed (no rep role) and sit in departments of their own, a rep deactivated after
 * logging in, and an employee number the directory has never heard of.
 */
export const EMPLOYEE_NO: Record<Role, string> = {
  rep: 'S101',
  otherRep: 'S201',
  manager: 'S100',
  otherManager: 'S200',
  hr: 'H001',
  admin: 'A001',
  deactivated: 'S105',
  stranger: 'X999',
  assessedHr: 'S102',
};

/** Whose rows: the matrix's "owner" column (a rep of 华东一组, a rep of 华南二组, or none). */
export const OWNERS = ['rep', 'otherRep', '-'] as const;
export type Owner = (typeof OWNERS)[number];
export type RowOwner = Exclude<Owner, '-'>;

/** How far the November assessment has gone when the cell is tried. */
export const STAGES = ['review', 'approval', 'published', 'appealed'] as const;
export type Stage = (typeof STAGES)[number];

export interface OwnedRows {
  userId: number;
  employeeNo: string;
  customerId: number;
  customerName: string;
  visitId: number;
  visitEntryId: number;
  /** The team's November assessment and the rep's result in it. */
  assessmentId: number;
  department: string;
  resultId: number;
  appealId: number | null;
}

export interface Org {
  t: TestApp;
  stage: Stage;
  /** Each role's H5 session; the stranger's is a cookie no login ever issued, the deactivated user's one issued before. */
  web: Record<Role, WebClient>;
  rows: Record<RowOwner, OwnedRows>;
  /** The assessment's version now (a card or page carries the one it showed). */
  version(assessmentId: number): Promise<number>;
  close(): Promise<void>;
}

export interface OrgOptions {
  /** SoD section: 华东一组's S102 is also HR, so 华东一组's assessment contains an HR user's own result. */
  assessedHr?: boolean;
  /** SoD section: 华南二组 has no leader, so only an admin may review it. */
  leaderlessSouth?: boolean;
}

const CUSTOMER_NAME: Record<RowOwner, string> = { rep: '授权甲科技', otherRep: '授权乙贸易' };

/** The fixture org at a stage of the November assessment (clock: 1 December 2026, November just closed). */
export async function buildOrg(stage: Stage, options: OrgOptions = {}): Promise<Org> {
  const t = await createTestApp({ now: '2026-12-01T08:00:00+08:00' });
  const { departments, userRoles, users } = tablesOf(t.db);
  if (options.assessedHr) await t.db.insert(userRoles).values({ userId: await userIdOf(t.db, 'S102'), role: 'hr', source: 'admin', createdAt: t.clock.now });
  if (options.leaderlessSouth) await t.db.update(departments).set({ leaderUserId: null }).where(eq(departments.name, '华南二组'));
  await seedNovember(t.db);

  const web = {} as Record<Role, WebClient>;
  for (const role of [...ROLES, 'assessedHr'] as const) if (role !== 'stranger') web[role] = await devLogin(t.app, EMPLOYEE_NO[role]);
  web.stranger = strangerClient(t, web.rep);

  const rows = {} as Record<RowOwner, OwnedRows>;
  for (const owner of ['rep', 'otherRep'] as const) {
    const employeeNo = EMPLOYEE_NO[owner];
    const customer = seedCustomer(t.db, { name: CUSTOMER_NAME[owner], owner: employeeNo });
    const visit = await web[owner].post('/api/visits', { customerId: (await customer).id, notes: '初次拜访' });
    expect(visit.statusCode, visit.body).toBe(201);
    rows[owner] = {
      userId: (await userIdOf(t.db, employeeNo)),
      employeeNo,
      customerId: (await customer).id,
      customerName: CUSTOMER_NAME[owner],
      visitId: visit.json().visit.id,
      visitEntryId: visit.json().entryId,
      assessmentId: 0,
      department: owner === 'rep' ? '华东一组' : '华南二组',
      resultId: 0,
      appealId: null,
    };
  }

  const run = await admin(t.app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' });
  expect(run.statusCode, run.body).toBe(200);
  await flush(t.app);
  const version = async (assessmentId: number) => (await queryRows<{ version: number }>(t.db, sql`SELECT version FROM assessments WHERE id = ${assessmentId}`))[0]!.version;
  for (const owner of ['rep', 'otherRep'] as const) {
    const row = rows[owner];
    const [found] = await queryRows<{ assessmentId: number; resultId: number }>(
      t.db,
      sql`SELECT a.id AS "assessmentId", r.id AS "resultId" FROM assessments a JOIN departments d ON d.id = a.department_id JOIN assessment_results r ON r.assessment_id = a.id WHERE d.name = ${row.department} AND r.user_id = ${row.userId}`,
    );
    expect(found, `no November result of ${row.employeeNo}`).toBeDefined();
    Object.assign(row, found);
  }

  const reviewer: Record<RowOwner, WebClient> = { rep: web.manager, otherRep: options.leaderlessSouth ? web.admin : web.otherManager };
  if (stage !== 'review') {
    for (const owner of ['rep', 'otherRep'] as const) {
      const id = rows[owner].assessmentId;
      const submitted = await reviewer[owner].post(`/api/assessments/${id}/submit`, { version: await version(id) });
      expect(submitted.statusCode, submitted.body).toBe(200);
    }
  }
  if (stage === 'published' || stage === 'appealed') {
    for (const owner of ['rep', 'otherRep'] as const) {
      const id = rows[owner].assessmentId;
      const approved = await web.hr.post(`/api/assessments/${id}/decision`, { version: await version(id), decision: 'approve' });
      expect(approved.statusCode, approved.body).toBe(200);
    }
    await flush(t.app);
  }
  if (stage === 'appealed') {
    for (const owner of ['rep', 'otherRep'] as const) {
      const appealed = await web[owner].post(`/api/assessment-results/${rows[owner].resultId}/appeal`, { reason: '回款统计漏了一笔' });
      expect(appealed.statusCode, appealed.body).toBe(200);
      rows[owner].appealId = appealed.json().appealId;
    }
    await flush(t.app);
  }

  // Deactivated last: the session and the chat identity stay, the person is gone.
  await t.db.update(users).set({ active: false, deactivatedAt: t.clock.now }).where(eq(users.employeeNo, EMPLOYEE_NO.deactivated));
  return { t, stage, web, rows, version, close: () => t.close() };
}

/** A client with a cookie no login issued (and a made-up CSRF token): what a stranger to the directory can send. */
function strangerClient(t: TestApp, like: WebClient): WebClient {
  const cookie = 'skb_session=not-a-session-0000000000000000';
  const csrf = { 'x-csrf-token': 'not-a-token' };
  const write = (method: 'POST' | 'PATCH' | 'PUT') => (url: string, body: unknown) => t.app.inject({ method, url, headers: { cookie, ...csrf }, payload: body as object });
  return { ...like, cookie, csrfToken: csrf['x-csrf-token'], get: (url) => t.app.inject({ method: 'GET', url, headers: { cookie } }), post: write('POST'), patch: write('PATCH'), put: write('PUT') };
}
