import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { WriteActor } from '../../db/repositories/audited-store.js';
import type { ParseContext } from '../../domain/commands/parse-context.js';
import type { ParseProblem } from '../../domain/commands/parse-error.js';
import { AppError, isAppError } from '../../domain/errors.js';
import { hasMessage, t, type MessageKey } from '../../domain/messages/index.js';
import { businessDateOf } from '../../domain/records/business-date.js';
import { createRecordServices, type RecordServices } from '../../services/records/record-services.js';
import type { CommandContext } from '../command.js';

const servicesByDb = new WeakMap<Db, RecordServices>();

/** Everything a record command needs, derived from the command context. */
export interface RecordContext {
  cmd: CommandContext;
  services: RecordServices;
  actor: WriteActor & { userId: number };
  parse: ParseContext;
}

export function recordContext(cmd: CommandContext): RecordContext {
  let services = servicesByDb.get(cmd.deps.db);
  if (!services) {
    services = createRecordServices(cmd.deps.db);
    servicesByDb.set(cmd.deps.db, services);
  }
  return {
    cmd,
    services,
    actor: { userId: cmd.user.id, channel: cmd.platform, now: cmd.now },
    parse: { today: businessDateOf(cmd.now, cmd.deps.config.timezone), maxAmountFen: cmd.deps.config.maxAmountFen },
  };
}

/** A rejected input, shown as "输入有误：<reason>"; nothing has been stored. */
export function inputError(cmd: CommandContext, key: MessageKey, params: Record<string, string | number> = {}): AppError {
  return new AppError('VALIDATION_FAILED', key, { params: { reason: t(cmd.locale, key, params) } });
}

/** Parser problems name fields by message key ({what: 'records.kind.visit'}): shown in the user's language. */
export function problemError(cmd: CommandContext, problem: ParseProblem): AppError {
  const params = Object.fromEntries(
    Object.entries(problem.params ?? {}).map(([k, v]) => [k, typeof v === 'string' && hasMessage(v) ? t(cmd.locale, v) : v]),
  );
  return inputError(cmd, problem.key, params);
}

/** Services throw errors naming a message key (they know no locale); this localises them. */
export function localised<T>(cmd: CommandContext, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const key = isAppError(error) ? error.params.reasonKey : undefined;
    if (typeof key === 'string' && hasMessage(key)) throw inputError(cmd, key, (error as AppError).params as Record<string, string>);
    throw error;
  }
}

/** A fresh token for a card's submit button: the same card submitted twice stores one record. */
export const newSubmissionToken = (): string => randomUUID();
