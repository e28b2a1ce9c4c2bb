import { inTransaction } from '../../db/client.js';
import { textReply } from '../../domain/card-model.js';
import { t } from '../../i18n/index.js';
import { auditOf, type Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { createRecipientResolver } from '../recipients.js';
import { refuse } from './refusals.js';
import { recordStores } from './stores.js';

/** The records a manager confirms from the Monday digest: typed visits and training. */
export const CONFIRMABLE_KINDS = ['visit', 'training'] as const;
export type ConfirmableKind = (typeof CONFIRMABLE_KINDS)[number];

export interface ConfirmationOutcome {
  /** False when a click before this one already did it (nothing changed). */
  changed: boolean;
  rep: string;
}

interface Target {
  repUserId: number;
  verification: string;
  doubtedAt: number | null;
  subject: string;
  date: string;
}

async function loadTarget(deps: AppDeps, kind: ConfirmableKind, id: number): Promise<Target | undefined> {
  const stores = recordStores(deps);
  if (kind === 'training') {
    const row = await stores.records.trainings.get(id);
    return row && { repUserId: row.repUserId, verification: row.verification, doubtedAt: row.doubtedAt, subject: row.course, date: row.trainedOn };
  }
  const row = await stores.records.visits.get(id);
  const customer = row ? await stores.customers.get(row.customerId) : undefined;
  return row && { repUserId: row.repUserId, verification: row.verification, doubtedAt: row.doubtedAt, subject: customer?.name ?? '', date: row.visitDate };
}

/**
 * Same rule as the digest's 催一下 and the assessment review: a manager over the rep's department
 * chain, or an admin. HR sees every record but does not vouch for a visit it did not witness.
 */
async function assertMayConfirm(deps: AppDeps, actor: Actor, repUserId: number): Promise<void> {
  if (actor.user.roles.includes('admin')) return;
  const mine = actor.user.roles.includes('manager') && repUserId !== actor.user.id && (await deps.org.teamOf(actor.user.id)).has(repUserId);
  if (!mine) throw refuse('FORBIDDEN', 'confirm.notInTeam');
}

async function targetFor(deps: AppDeps, actor: Actor, kind: ConfirmableKind, id: number): Promise<Target & { repName: string }> {
  const target = await loadTarget(deps, kind, id);
  if (!target) throw refuse('NOT_FOUND', 'confirm.notFound');
  await assertMayConfirm(deps, actor, target.repUserId);
  return { ...target, repName: (await deps.org.getUser(target.repUserId))?.name ?? '' };
}

/** 确认 on the digest: the record becomes `manager`-verified (audited, the manager as actor). */
export function confirmRecord(deps: AppDeps, actor: Actor, input: { kind: ConfirmableKind; id: number }): Promise<ConfirmationOutcome> {
  return inTransaction(deps.db, async () => {
    const target = await targetFor(deps, actor, input.kind, input.id);
    // Only a typed record is raised: a location, a customer's or finance's word stays as it is.
    if (target.verification !== 'self') return { changed: false, rep: target.repName };
    const store = input.kind === 'visit' ? recordStores(deps).records.visits : recordStores(deps).records.trainings;
    await store.update(auditOf(actor), input.id, { verification: 'manager', doubtedAt: null, doubtedBy: null, updatedAt: actor.now });
    return { changed: true, rep: target.repName };
  });
}

/** 存疑 on the digest: the record stays `self`, is marked doubted, and the rep is asked to add to it. */
export function doubtRecord(deps: AppDeps, actor: Actor, input: { kind: ConfirmableKind; id: number }): Promise<ConfirmationOutcome> {
  return inTransaction(deps.db, async () => {
    const target = await targetFor(deps, actor, input.kind, input.id);
    if (target.verification !== 'self' || target.doubtedAt !== null) return { changed: false, rep: target.repName };
    const store = input.kind === 'visit' ? recordStores(deps).records.visits : recordStores(deps).records.trainings;
    await store.update(auditOf(actor), input.id, { doubtedAt: actor.now, doubtedBy: actor.user.id, updatedAt: actor.now });
    const recipient = (await createRecipientResolver(deps)).resolve(target.repUserId);
    if (recipient) {
      const locale = (await deps.org.localesAndStatus()).get(target.repUserId)?.locale ?? 'zh';
      const text = t(locale, `confirm.doubted.${input.kind}`, { manager: actor.user.name, date: target.date.slice(5), subject: target.subject });
      // One message per record, whoever clicks and however often.
      await deps.outbox.enqueue([{ idempotencyKey: `doubt:${input.kind}-${input.id}`, platform: recipient.platform, target: { kind: 'user', recipient }, payload: textReply(text) }]);
    }
    return { changed: true, rep: target.repName };
  });
}
