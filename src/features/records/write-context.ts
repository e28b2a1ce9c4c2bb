import type { WriteActor } from '../../db/repositories/audited-store.js';
import type { ParseContext } from '../../domain/commands/parse-context.js';
import { businessDateOf } from '../../domain/records/business-date.js';
import { auditOf, type Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { recordStores, type RecordStores } from './stores.js';

/** What the parsers need to know about the world, from the app's config and the actor's instant. */
export function parseContextOf(deps: Pick<AppDeps, 'config'>, actor: Pick<Actor, 'now'>): ParseContext {
  return { today: businessDateOf(actor.now, deps.config.timezone), maxAmountFen: deps.config.maxAmountFen };
}

/** One record feature call: who acts, the stores, the audit columns and the parse context. */
export interface RecordWrite {
  deps: AppDeps;
  actor: Actor;
  stores: RecordStores;
  /** Who, through which door, when: written with every change. */
  audit: WriteActor & { userId: number };
  parse: ParseContext;
}

export function recordWrite(deps: AppDeps, actor: Actor): RecordWrite {
  return { deps, actor, stores: recordStores(deps), audit: auditOf(actor), parse: parseContextOf(deps, actor) };
}
