import { randomUUID } from 'node:crypto';
import type { ParseContext } from '../../domain/commands/parse-context.js';
import type { Actor } from '../../features/actor.js';
import { recordStores, type RecordStores } from '../../features/records/stores.js';
import { parseContextOf } from '../../features/records/write-context.js';
import { actorOf } from '../actor.js';
import type { CommandContext } from '../command.js';

/**
 * Everything a record command needs, derived from the command context on each call. `services`
 * is for reading (cards, customer resolution); every write goes through src/features/records.
 */
export interface RecordContext {
  cmd: CommandContext;
  actor: Actor;
  services: RecordStores;
  parse: ParseContext;
}

export function recordContext(cmd: CommandContext): RecordContext {
  const actor = actorOf(cmd);
  return { cmd, actor, services: recordStores(cmd.deps), parse: parseContextOf(cmd.deps, actor) };
}

/** A fresh token for a card's submit button: the same card submitted twice stores one record. */
export const newSubmissionToken = (): string => randomUUID();
