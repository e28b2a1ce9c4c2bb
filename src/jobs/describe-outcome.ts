import { DateTime } from 'luxon';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import type { JobRunOutcome } from './runner.js';

const SKIP_KEYS: Record<string, MessageKey> = {
  unsubscribed: 'job.skip.unsubscribed',
  unreachable: 'job.skip.unreachable',
  noReviewer: 'job.skip.noReviewer',
};

/** A run's answer in words for the operator (admin API, CLI): what was sent, what was skipped and why. */
export function describeJobOutcome(outcome: JobRunOutcome, locale: Locale, timezone: string): string {
  const base = { job: outcome.job, period: outcome.periodKey };
  switch (outcome.status) {
    case 'skipped': {
      const when = DateTime.fromMillis(outcome.previous.startedAt, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm');
      return outcome.reason === 'running'
        ? t(locale, 'job.outcome.running', { ...base, when })
        : t(locale, 'job.outcome.alreadyRan', { ...base, when, trigger: outcome.previous.trigger });
    }
    case 'failed':
      return t(locale, 'job.outcome.failed', { ...base, error: outcome.error });
    case 'idle':
      return t(locale, 'job.outcome.idle', { ...base, reason: t(locale, `job.idle.${outcome.reason}`) });
    case 'succeeded': {
      const { result } = outcome;
      const parts = [t(locale, outcome.forced ? 'job.outcome.forced' : 'job.outcome.succeeded', base)];
      parts.push(t(locale, 'job.outcome.sent', { n: result.sent }));
      if (result.alreadySent > 0) parts.push(t(locale, 'job.outcome.alreadySent', { n: result.alreadySent }));
      const skipped = Object.entries(result.skipped).filter(([, n]) => n > 0);
      if (skipped.length > 0) {
        const reasons = skipped.map(([reason, n]) => (SKIP_KEYS[reason] ? t(locale, SKIP_KEYS[reason], { n }) : `${reason} ${n}`));
        parts.push(t(locale, 'job.outcome.skipped', { n: skipped.reduce((sum, [, n]) => sum + n, 0), reasons: reasons.join(locale === 'zh' ? '，' : ', ') }));
      }
      return parts.join(locale === 'zh' ? '' : ' ');
    }
  }
}
