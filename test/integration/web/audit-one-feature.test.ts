import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, novemberInReview, userIdOf } from '../../helpers/assessment.js';
import type { TestApp } from '../../helpers/test-app.js';
import type { WebClient } from '../../helpers/web-session.js';
import { systemActor, type Actor } from '../../../src/features/actor.js';
import { listAuditLog } from '../../../src/features/audit/log.js';
import { isProblemError } from '../../../src/domain/problem.js';

/**
 * The audit log has one reader, listAuditLog: the H5 page (HR, newest first, in sentences) and the
 * Bearer-token admin API (oldest first, raw rows) list the same rows for the same filter, and the
 * feature itself refuses a person who is neither HR nor admin (clock: 1 December 2026).
 */
describe('audit log: one feature behind the H5 page and the admin API', () => {
  let t: TestApp;
  let hr: WebClient;
  let manager: WebClient;

  beforeEach(async () => {
    ({ t, hr, manager } = await novemberInReview());
    const list = (await hr.get('/api/assessments?period=2026-11')).json().assessments as { id: number; department: string }[];
    const east = list.find((a) => a.department === '华东一组') as { id: number };
    const { version } = (await manager.get(`/api/assessments/${east.id}`)).json().assessment as { version: number };
    expect((await manager.post(`/api/assessments/${east.id}/submit`, { version })).statusCode).toBe(200);
  });
  afterEach(async () => t.close());

  it('the H5 page and the admin API list the same rows, each in its own order', async () => {
    const page = (await hr.get('/api/audit?period=2026-11&system=true')).json().entries as { id: number; action: string }[];
    const api = (await admin(t.app, 'GET', '/admin/audit?period=2026-11')).json().entries as { id: number; action: string }[];
    expect(page.length).toBeGreaterThan(1);
    expect(page.map((e) => e.action)).toContain('assessment.submit');
    expect(api.map((e) => [e.id, e.action])).toEqual([...page].reverse().map((e) => [e.id, e.action]));
  });

  it('the feature refuses a manager and a rep, and lets HR and the system read', async () => {
    const deps = t.app.botDeps;
    const as = async (employeeNo: string): Promise<Actor> => {
      const user = (await deps.org.getUser((await userIdOf(t.db, employeeNo))))!;
      return { user, scope: await deps.org.dataScopeOf(user), locale: 'zh', source: 'h5', now: t.clock.now };
    };
    for (const employeeNo of ['S100', 'S101']) {
      const refused = await listAuditLog(deps, await as(employeeNo), { periodKey: '2026-11' }).catch((error: unknown) => error);
      expect(isProblemError(refused) && refused.problem, employeeNo).toEqual({ code: 'FORBIDDEN', key: 'audit.problem.forbidden', params: {} });
    }
    const byHr = await listAuditLog(deps, await as('H001'), { periodKey: '2026-11' });
    expect(byHr.map((row) => row.action)).toContain('assessment.submit');
    expect(await listAuditLog(deps, systemActor('admin-api', t.clock.now), { periodKey: '2026-11' })).toEqual(byHr);
  });
});
