import { AppError } from '../../domain/errors.js';
import { parsePeriodArg } from '../../domain/kpi/period-arg.js';
import type { Period, PeriodType } from '../../domain/period.js';
import { say } from '../../i18n/phrase.js';
import type { CommandContext } from '../command.js';

/** The period a KPI command is about: typed after the command word, or carried by a card button. */
export function periodOf(ctx: CommandContext, text: string, defaultType: PeriodType = 'month'): Period {
  const parsed = parsePeriodArg(text, ctx.now, ctx.deps.config.timezone, defaultType);
  if (!parsed.ok) throw new AppError('VALIDATION_FAILED', 'bad period', { params: { reason: say(ctx.locale, parsed.reason) } });
  return parsed.period;
}
