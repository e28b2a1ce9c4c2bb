import { formatPercent } from '../domain/kpi/format.js';
import type { EntryProgress } from '../domain/kpi/entry-progress.js';
import { indicatorOf } from '../domain/kpi/indicators.js';
import { formatValue } from './format.js';
import { t, type Locale, type MessageKey } from './index.js';

/**
 * "本月拜访次数 8/40，进度 20%": one entry's effect on the month, in chat (bold) or on a page (plain).
 * When the line counts only verified records, the ones still waiting are said, so a rep whose new
 * visit did not move the number knows why.
 */
export function entryProgressText(l: Locale, key: MessageKey, p: EntryProgress): string {
  const line = t(l, key, {
    name: t(l, indicatorOf(p.indicator).name),
    actual: formatValue(p.unit, p.actual, l),
    target: formatValue(p.unit, p.target, l),
    percent: formatPercent(p.achievement),
  });
  if (p.pending <= 0) return line;
  const pendingKey = p.indicator === 'visits' ? 'records.saved.pending_visits' : 'records.saved.pending';
  return line + t(l, pendingKey, { count: p.pending });
}
