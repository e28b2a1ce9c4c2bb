import type { MessageKey } from '../message-key.js';

/** One audit row as the audit page reads it (src/db audit_log, JSON before/after). */
export interface AuditFacts {
  actorUserId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** Names of the people and departments a line mentions, looked up by the caller. */
export interface AuditNames {
  user(id: number): string | undefined;
  department(id: number): string | undefined;
}

export interface AuditLine {
  key: MessageKey;
  params: Record<string, string>;
  /** People the sentence lists ({people}); the text joins them in the reader's language. */
  people?: string[];
}

type Snapshot = Record<string, unknown>;
const obj = (value: unknown): Snapshot => (value !== null && typeof value === 'object' ? (value as Snapshot) : {});
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Points from hundredths, signed and without trailing zeros: 500 -> "+5", -250 -> "-2.5". */
export function signedPoints(centi: number): string {
  const text = String(Math.round(centi) / 100);
  return centi > 0 ? `+${text}` : text;
}

/**
 * A system row has no acting person: the demo seed, imports from the command line and the jobs.
 * The audit page hides them unless asked, so that people's own steps are not buried.
 */
export const isSystemRow = (row: Pick<AuditFacts, 'actorUserId'>): boolean => row.actorUserId === null;

/** Actions with a sentence of their own; any other action reads as the generic line. */
const SENTENCES: Record<string, MessageKey> = {
  'assessment.generate': 'audit.line.generate',
  'assessment.submit': 'audit.line.submit',
  'assessment.approve': 'audit.line.approve',
  'assessment.reject': 'audit.line.reject',
  'assessment.withdraw': 'audit.line.withdraw',
  'assessment.adjust': 'audit.line.adjust',
  'assessment.result.publish': 'audit.line.publish',
  'assessment.result.acknowledge': 'audit.line.acknowledge',
  'assessment.result.appeal': 'audit.line.appeal',
  'assessment.result.finalize': 'audit.line.finalize',
  'assessment.appeal.resolve': 'audit.line.resolve',
  'assessment.post_lock_adjustment': 'audit.line.postLock',
};

/**
 * The sentence for an audit row, as a key and its params ("王经理 将 钱多多 的总分调整 +5：大客户贡献").
 * `actor` is empty for a system row: the table's sentence for the system fills it (see the i18n text).
 */
export function auditLine(row: AuditFacts, names: AuditNames): AuditLine {
  const before = obj(row.before);
  const after = obj(row.after);
  const userId = num(after.userId) ?? num(before.userId);
  const departmentId = num(after.departmentId) ?? num(before.departmentId);
  const params: Record<string, string> = {
    actor: row.actorUserId === null ? '' : (names.user(row.actorUserId) ?? `#${row.actorUserId}`),
    person: userId === undefined ? '' : (names.user(userId) ?? `#${userId}`),
    department: departmentId === undefined ? '' : (names.department(departmentId) ?? `#${departmentId}`),
    period: str(after.periodKey) || str(before.periodKey),
    reason: str(after.reason) || str(after.adjustmentReason),
    action: row.action,
    entity: row.entityId === null ? row.entity : `${row.entity} #${row.entityId}`,
  };
  // Approved outside the forced distribution: the sentence carries HR's acknowledgement.
  if (row.action === 'assessment.approve' && str(after.distributionAcknowledgement)) return { key: 'audit.line.approveOutside', params: { ...params, reason: str(after.distributionAcknowledgement) } };
  if (row.action === 'assessment.adjust') params.points = signedPoints((num(after.adjustmentCenti) ?? 0) - (num(before.adjustmentCenti) ?? 0));
  if (row.action === 'assessment.appeal.resolve') params.points = after.outcome === 'adjust' ? signedPoints((num(after.adjustmentCenti) ?? 0) - (num(before.adjustmentCenti) ?? 0)) : '0';
  if (row.action === 'assessment.send-back') {
    const people = (Array.isArray(after.repUserIds) ? after.repUserIds : []).filter((id): id is number => typeof id === 'number').map((id) => names.user(id) ?? `#${id}`);
    return { key: 'audit.line.sendBack', params, people };
  }
  return { key: SENTENCES[row.action] ?? 'audit.line.other', params };
}

/** Only a review the manager has not submitted yet can be chased (催办). */
export const isChasable = (status: string): boolean => status === 'in_review';

/** The outbox key of a chase: one per manager, period and business day, so a second click the same day is a duplicate. */
export const chaseKey = (input: { periodKey: string; managerUserId: number; businessDate: string }): string => `chase:${input.periodKey}:${input.managerUserId}:${input.businessDate}`;
