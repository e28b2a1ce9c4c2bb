import { sql } from 'drizzle-orm';
import { queryRows } from '../../../src/db/dialect.js';
import { adminApi, chat, click, http, listed, type Outcome } from './doors.js';
import { EMPLOYEE_NO, type Org, type Owner, type OwnedRows, type Role, type Stage } from './fixture.js';

export const DOORS = ['chat', 'card', 'h5', 'admin'] as const;
export type Door = (typeof DOORS)[number];

/**
 * How one action is tried through one door. `stage`: how far the November assessment must have gone.
 * `oneShot`: a success uses the row up (a round decided once), so each let-through try gets its own org.
 */
export interface Probe {
  stage: Stage;
  oneShot?: boolean;
  run(org: Org, role: Role, owner: Owner): Promise<Outcome>;
}

const rowOf = (org: Org, owner: Owner): OwnedRows => {
  if (owner === '-') throw new Error('this action needs a row owner');
  return org.rows[owner];
};
/** The edit form sends the sales channel it shows (the customer's own). */
const salesChannelOf = async (org: Org, owner: Owner): Promise<string> =>
  String((await queryRows<{ id: number }>(org.t.db, sql`SELECT sales_channel_id AS id FROM customers WHERE id = ${rowOf(org, owner).customerId}`))[0]!.id);
let unique = 0;
const next = () => ++unique;
const PERIOD = '2026-11';

type Probes = Record<string, Probe>;

const records: Probes = {
  'customer.read@h5': { stage: 'review', run: async (o, r, w) => http(await o.web[r].get(`/api/customers/${rowOf(o, w).customerId}`)) },
  'customer.read@chat': { stage: 'review', run: (o, r, w) => chat(o, r, `客户 ${rowOf(o, w).customerName}`) },
  'customer.read@card': { stage: 'review', run: (o, r, w) => click(o, r, { command: 'customer.show', args: { customerId: String(rowOf(o, w).customerId) } }) },
  'customer.list@h5': {
    stage: 'review',
    run: async (o, r, w) => listed(await o.web[r].get('/api/customers'), (b) => (b as { customers: { id: number }[] }).customers.some((c) => c.id === rowOf(o, w).customerId)),
  },
  'customer.edit@h5': { stage: 'review', run: async (o, r, w) => http(await o.web[r].patch(`/api/customers/${rowOf(o, w).customerId}`, { region: `上海${next()}` })) },
  'customer.edit@card': {
    stage: 'review',
    run: async (o, r, w) => click(o, r, { command: 'customer.update', args: { customerId: String(rowOf(o, w).customerId) } }, { salesChannel: await salesChannelOf(o, w), region: `杭州${next()}` }),
  },
  'visit.read@h5': { stage: 'review', run: async (o, r, w) => http(await o.web[r].get(`/api/visits/${rowOf(o, w).visitId}`)) },
  'visit.list@h5': {
    stage: 'review',
    run: async (o, r, w) => listed(await o.web[r].get('/api/visits'), (b) => (b as { visits: { id: number }[] }).visits.some((v) => v.id === rowOf(o, w).visitId)),
  },
  'visit.edit@h5': { stage: 'review', run: async (o, r, w) => http(await o.web[r].patch(`/api/visits/${rowOf(o, w).visitId}`, { notes: `改过的纪要${next()}` })) },
  'visit.edit@card': { stage: 'review', run: (o, r, w) => click(o, r, { command: 'visit.edit', args: { entryId: String(rowOf(o, w).visitEntryId) } }) },
  'visit.update@card': {
    stage: 'review',
    run: (o, r, w) => click(o, r, { command: 'visit.update', args: { entryId: String(rowOf(o, w).visitEntryId) } }, { visitDate: '2026-12-01', kind: 'onsite', notes: `卡片改纪要${next()}` }),
  },
  // Undo is for the one who made the entry (a manager corrects through edit, which is audited).
  'visit.undo@card': { stage: 'review', oneShot: true, run: (o, r, w) => click(o, r, { command: 'undo.entry', args: { entryId: String(rowOf(o, w).visitEntryId) } }) },
  'visit.create@h5': { stage: 'review', run: async (o, r, w) => http(await o.web[r].post('/api/visits', { customerId: rowOf(o, w).customerId, notes: `补录${next()}` })) },
  'visit.create@chat': { stage: 'review', run: (o, r, w) => chat(o, r, `拜访 ${rowOf(o, w).customerName} 聊了续约${next()}`) },
  'deal.create@h5': { stage: 'review', run: async (o, r, w) => http(await o.web[r].post('/api/deals', { customerId: rowOf(o, w).customerId, amount: '5万', stage: 'lead', title: `扩容${next()}` })) },
  'deal.create@chat': { stage: 'review', run: (o, r, w) => chat(o, r, `商机 ${rowOf(o, w).customerName} ${next()}万`) },
};

const kpi: Probes = {
  'login.dev@h5': { stage: 'review', run: async (o, r) => http(await o.t.app.inject({ method: 'POST', url: '/api/login/dev', payload: { employeeNo: EMPLOYEE_NO[r] } })) },
  'kpi.scorecard@h5': { stage: 'review', run: async (o, r, w) => http(await o.web[r].get(`/api/scorecard?period=${PERIOD}&userId=${rowOf(o, w).userId}`)) },
  'kpi.trend@h5': { stage: 'review', run: async (o, r, w) => http(await o.web[r].get(`/api/trend?userId=${rowOf(o, w).userId}`)) },
  'kpi.completeness@h5': { stage: 'review', run: async (o, r, w) => http(await o.web[r].get(`/api/completeness?userId=${rowOf(o, w).userId}`)) },
  'kpi.own@chat': { stage: 'review', run: (o, r) => chat(o, r, `业绩 ${PERIOD}`) },
  'rank@chat': { stage: 'review', run: (o, r) => chat(o, r, `排行 ${PERIOD}`) },
  'team.ranking@h5': { stage: 'review', run: async (o, r) => http(await o.web[r].get(`/api/team/ranking?period=${PERIOD}`)) },
  'team.funnel@h5': { stage: 'review', run: async (o, r) => http(await o.web[r].get(`/api/team/funnel?period=${PERIOD}`)) },
  'team.alerts@h5': { stage: 'review', run: async (o, r) => http(await o.web[r].get('/api/team/alerts')) },
  'team.members@h5': {
    stage: 'review',
    run: async (o, r, w) =>
      listed(await o.web[r].get('/api/team/members'), (b) => JSON.stringify(b).includes(`"userId":${rowOf(o, w).userId},`) || JSON.stringify(b).includes(`"id":${rowOf(o, w).userId},`)),
  },
  'audit.read@h5': { stage: 'review', run: async (o, r) => http(await o.web[r].get('/api/audit')) },
};

const review: Probes = {
  'assessment.read@h5': { stage: 'review', run: async (o, r, w) => http(await o.web[r].get(`/api/assessments/${rowOf(o, w).assessmentId}`)) },
  'assessment.read@card': { stage: 'review', run: (o, r, w) => click(o, r, { command: 'assessment.reviewPage', args: { id: String(rowOf(o, w).assessmentId), page: '1' } }) },
  'assessment.list@h5': {
    stage: 'review',
    run: async (o, r, w) =>
      listed(await o.web[r].get(`/api/assessments?period=${PERIOD}`), (b) => (b as { assessments: { id: number }[] }).assessments.some((a) => a.id === rowOf(o, w).assessmentId)),
  },
  'assessment.adjust@h5': {
    stage: 'review',
    run: async (o, r, w) => http(await o.web[r].post(`/api/assessments/${rowOf(o, w).assessmentId}/adjust`, { repUserId: rowOf(o, w).userId, points: '+1', reason: '授权矩阵' })),
  },
  'assessment.adjust@card': {
    stage: 'review',
    run: (o, r, w) => click(o, r, { command: 'assessment.adjust', args: { id: String(rowOf(o, w).assessmentId) } }, { rep: String(rowOf(o, w).userId), points: '+1', reason: '授权矩阵' }),
  },
  // A tampered body: the owner's team's round, with a rep of the other team in it.
  'assessment.adjustForeignRep@h5': {
    stage: 'review',
    run: async (o, r, w) => {
      const foreign = w === 'rep' ? o.rows.otherRep : o.rows.rep;
      return http(await o.web[r].post(`/api/assessments/${rowOf(o, w).assessmentId}/adjust`, { repUserId: foreign.userId, points: '+1', reason: '授权矩阵' }));
    },
  },
  'assessment.submit@h5': {
    stage: 'review',
    oneShot: true,
    run: async (o, r, w) => http(await o.web[r].post(`/api/assessments/${rowOf(o, w).assessmentId}/submit`, { version: await o.version(rowOf(o, w).assessmentId) })),
  },
  'assessment.submit@card': {
    stage: 'review',
    oneShot: true,
    run: async (o, r, w) => click(o, r, { command: 'assessment.submit', args: { id: String(rowOf(o, w).assessmentId), v: String(await o.version(rowOf(o, w).assessmentId)) } }),
  },
};

const decide = (decision: 'approve' | 'reject') => async (o: Org, r: Role, w: Owner) => {
  const id = rowOf(o, w).assessmentId;
  return http(await o.web[r].post(`/api/assessments/${id}/decision`, { version: await o.version(id), decision, reason: '请补充证明' }));
};
const decideCard = (step: 'approve' | 'reject') => async (o: Org, r: Role, w: Owner) => {
  const id = rowOf(o, w).assessmentId;
  return click(o, r, { command: `assessment.${step}`, args: { id: String(id), v: String(await o.version(id)) } }, { reason: '请补充证明' });
};

const approval: Probes = {
  'assessment.approve@h5': { stage: 'approval', oneShot: true, run: decide('approve') },
  'assessment.approve@card': { stage: 'approval', oneShot: true, run: decideCard('approve') },
  'assessment.approve@chat': { stage: 'approval', oneShot: true, run: (o, r, w) => chat(o, r, `通过 ${rowOf(o, w).department} ${PERIOD}`) },
  'assessment.reject@h5': { stage: 'approval', oneShot: true, run: decide('reject') },
  'assessment.reject@card': { stage: 'approval', oneShot: true, run: decideCard('reject') },
  'assessment.reject@chat': { stage: 'approval', oneShot: true, run: (o, r, w) => chat(o, r, `驳回 ${rowOf(o, w).department} ${PERIOD} 请补充证明`) },
};

const published: Probes = {
  'result.ack@h5': { stage: 'published', oneShot: true, run: async (o, r, w) => http(await o.web[r].post(`/api/assessment-results/${rowOf(o, w).resultId}/acknowledge`, {})) },
  'result.ack@card': { stage: 'published', oneShot: true, run: (o, r, w) => click(o, r, { command: 'assessment.ack', args: { result: String(rowOf(o, w).resultId) } }) },
  'result.appeal@h5': {
    stage: 'published',
    oneShot: true,
    run: async (o, r, w) => http(await o.web[r].post(`/api/assessment-results/${rowOf(o, w).resultId}/appeal`, { reason: '回款少算了一笔' })),
  },
  'result.appeal@card': {
    stage: 'published',
    oneShot: true,
    run: (o, r, w) => click(o, r, { command: 'assessment.appeal', args: { result: String(rowOf(o, w).resultId) } }, { reason: '回款少算了一笔' }),
  },
  'export@h5': { stage: 'published', run: async (o, r) => http(await o.web[r].get(`/api/assessment-export?period=${PERIOD}`)) },
  'export@chat': { stage: 'published', run: (o, r) => chat(o, r, `导出 ${PERIOD}`) },
  'export@admin': { stage: 'published', run: (o, r) => adminApi(o, r, 'GET', `/admin/assessments/${PERIOD}/export.xlsx`) },
};

const appealed: Probes = {
  'appeal.list@h5': {
    stage: 'appealed',
    run: async (o, r, w) => listed(await o.web[r].get(`/api/appeals?period=${PERIOD}`), (b) => (b as { appeals: { appealId: number }[] }).appeals.some((a) => a.appealId === rowOf(o, w).appealId)),
  },
  'appeal.resolve@h5': {
    stage: 'appealed',
    oneShot: true,
    run: async (o, r, w) => http(await o.web[r].post(`/api/appeals/${rowOf(o, w).appealId}/resolve`, { outcome: 'uphold', reason: '核对无误' })),
  },
  'appeal.resolve@card': {
    stage: 'appealed',
    oneShot: true,
    run: (o, r, w) => click(o, r, { command: 'assessment.resolve', args: { appeal: String(rowOf(o, w).appealId) } }, { outcome: 'uphold', reason: '核对无误' }),
  },
};

const settings: Probes = {
  'channels.list@h5': { stage: 'review', run: async (o, r) => http(await o.web[r].get('/api/admin/channels')) },
  'channels.create@h5': { stage: 'review', run: async (o, r) => http(await o.web[r].post('/api/admin/channels', { name: `授权渠道${next()}` })) },
  'templates.read@h5': { stage: 'review', run: async (o, r) => http(await o.web[r].get('/api/admin/templates')) },
  'templates.read@admin': { stage: 'review', run: (o, r) => adminApi(o, r, 'GET', '/admin/kpi/templates') },
  'targets.read@h5': { stage: 'review', run: async (o, r) => http(await o.web[r].get('/api/admin/targets?period=2026-12')) },
  'targets.read@admin': { stage: 'review', run: (o, r) => adminApi(o, r, 'GET', '/admin/kpi/targets?period=2026-12') },
  'targets.write@h5': {
    stage: 'review',
    run: async (o, r) => {
      const reps = (await o.web.admin.get('/api/admin/targets?period=2026-12')).json().reps as { userId: number; lines: { line: string }[] }[];
      const rep = reps.find((x) => x.userId === o.rows.rep.userId);
      return http(await o.web[r].put('/api/admin/targets', { period: '2026-12', targets: [{ userId: o.rows.rep.userId, line: rep?.lines[0]?.line ?? 'missing', target: 10 + next() }] }));
    },
  },
  'channels.edit@h5': { stage: 'review', run: async (o, r) => http(await o.web[r].patch(`/api/admin/channels/${await salesChannelOf(o, 'rep')}`, { active: true })) },
  'alertRules.write@h5': { stage: 'review', run: async (o, r) => http(await o.web[r].put('/api/admin/alert-rules', {})) },
  'alertRules.read@h5': { stage: 'review', run: async (o, r) => http(await o.web[r].get('/api/admin/alert-rules')) },
  'outbox.read@h5': { stage: 'review', run: async (o, r) => http(await o.web[r].get('/api/admin/outbox')) },
  'outbox.read@admin': { stage: 'review', run: (o, r) => adminApi(o, r, 'GET', '/admin/outbox') },
  'requiredFields.read@admin': { stage: 'review', run: (o, r) => adminApi(o, r, 'GET', '/admin/required-fields') },
  'jobs.read@admin': { stage: 'review', run: (o, r) => adminApi(o, r, 'GET', '/admin/jobs') },
  'orgImport@h5': {
    stage: 'review',
    run: async (o, r) => {
      const n = next();
      const csv = `department,name,employee_no,roles\n销售部/华东一组,新人${n},N${1000 + n},rep\n`;
      return http(await o.web[r].post('/api/admin/org/import', { fileName: 'org.csv', content: Buffer.from(csv).toString('base64') }));
    },
  },
  'orgImport@admin': {
    stage: 'review',
    run: (o, r) => {
      const n = next();
      return adminApi(o, r, 'POST', '/admin/org/import', { rows: [{ department: '销售部/华东一组', name: `新人${n}`, employee_no: `M${1000 + n}`, roles: 'rep' }] });
    },
  },
  'customerImport@admin': {
    stage: 'review',
    run: (o, r) => adminApi(o, r, 'POST', '/admin/customers/import', { rows: [{ 客户名称: `导入客户${next()}号`, 渠道: '直销', 负责人工号: 'S101' }] }),
  },
};

export const PROBES: Probes = { ...records, ...kpi, ...review, ...approval, ...published, ...appealed, ...settings };
