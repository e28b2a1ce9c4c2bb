import { h } from './dom.js';
import { t } from './i18n.js';

/** The current week / month / quarter, as the period switch offers them. */
export const PERIODS = ['week', 'month', 'quarter'];

/** A period key a chat card links to: an ISO week (2026-W48), a month (2026-11) or a quarter (2026-Q4). */
const PERIOD_KEY = /^\d{4}-(W(0[1-9]|[1-4]\d|5[0-3])|Q[1-4]|0[1-9]|1[0-2])$/;

/** ?period= of a page: one of PERIODS, or a period key from a card link; anything else is this month. */
export function periodParam(params) {
  const period = params.get('period') ?? '';
  return PERIODS.includes(period) || PERIOD_KEY.test(period) ? period : 'month';
}

/** The week / month / quarter switch; a linked period key shows as the active extra choice. */
export function periodSwitch(current, onPick) {
  const choices = PERIODS.includes(current) ? PERIODS : [...PERIODS, current];
  return h(
    'div',
    { class: 'row seg' },
    choices.map((p) => h('button', { type: 'button', class: p === current ? 'active' : '', 'data-period': p, onclick: () => onPick(p) }, PERIODS.includes(p) ? t(`period.${p}`) : p)),
  );
}
