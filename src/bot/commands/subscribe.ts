import { textReply } from '../../domain/card-model.js';
import { AppError } from '../../domain/errors.js';
import { setWeeklyCard, wantsWeeklyCard } from '../../features/notifications/preferences.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../actor.js';
import { defineCommand, type CommandContext, type CommandDefinition, type CommandOutput } from '../command.js';

const ON = new Set(['开', '开启', '打开', 'on', 'yes']);
const OFF = new Set(['关', '关闭', '退订', '取消', 'off', 'no']);

/**
 * 订阅 / subscribe: turns the weekly KPI card on or off for the sender. Without an argument it says
 * which it is. HR and assessment notices have no switch.
 */
export function createSubscribeCommand(): CommandDefinition {
  return defineCommand({
    name: 'subscribe',
    words: ['订阅', '周报订阅', 'subscribe', '/subscribe'],
    summary: 'command.subscribe.summary',
    examples: ['订阅 关', '订阅 开', '/subscribe off'],
    examplesEn: ['subscribe off', '/subscribe on'],
    onText: async (ctx, rest) => ({ send: (await switchTo(ctx,rest)).send }),
    actions: { '': (ctx, action) => switchTo(ctx, action.args.state ?? '') },
  });
}

async function switchTo(ctx: CommandContext, state: string): Promise<CommandOutput> {
  const raw = state.trim().toLowerCase();
  if (raw === '') {
    return { send: [textReply(t(ctx.locale, (await wantsWeeklyCard(ctx.deps, actorOf(ctx))) ? 'subscribe.status.on' : 'subscribe.status.off'))] };
  }
  const on = ON.has(raw) ? true : OFF.has(raw) ? false : undefined;
  if (on === undefined) throw new AppError('VALIDATION_FAILED', 'bad subscription switch', { params: { reason: t(ctx.locale, 'subscribe.bad') } });
  await setWeeklyCard(ctx.deps, actorOf(ctx), { on });
  const text = t(ctx.locale, on ? 'subscribe.on' : 'subscribe.off');
  return { send: [textReply(text)], toast: { kind: 'success', text } };
}
