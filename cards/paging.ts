import type { CardElement } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';

/**
 * Long lists (a 60-rep department) are shown a page at a time, so a card stays small on every
 * platform (DingTalk allows 1 KB per card value). 上一页 / 下一页 are ordinary card actions: the
 * click re-renders the card at that page through the same command path as every other button.
 */
export const REPS_PER_PAGE = 20;

export interface Page<T> {
  items: T[];
  /** 0-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** Index of the first item shown. */
  offset: number;
}

export function pageOf<T>(items: T[], page = 0, size = REPS_PER_PAGE): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
  return { items: items.slice(at * size, at * size + size), page: at, pages, offset: at * size };
}

/** "第 2/3 页" and the 上一页 / 下一页 buttons; nothing for a list that fits one page. */
export function pageElements(page: Page<unknown>, locale: Locale, action: (page: number) => { command: string; args: Record<string, string> }): CardElement[] {
  if (page.pages <= 1) return [];
  const buttons = [];
  if (page.page > 0) buttons.push({ label: t(locale, 'card.page.previous'), action: action(page.page - 1) });
  if (page.page < page.pages - 1) buttons.push({ label: t(locale, 'card.page.next'), action: action(page.page + 1) });
  return [{ type: 'note', text: t(locale, 'card.page.of', { page: page.page + 1, pages: page.pages }) }, { type: 'actions', buttons }];
}
