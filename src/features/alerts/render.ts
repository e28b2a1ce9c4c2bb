import { alertCard } from '../../../cards/alert.js';
import { alertDigestCard } from '../../../cards/alert-digest.js';
import type { AlertFinding } from '../../domain/alerts/find.js';
import { cardReply, type Reply } from '../../domain/card-model.js';
import { appLink } from '../../domain/deep-link.js';
import { formatPercent } from '../../domain/kpi/format.js';
import { formatMoney, formatValue } from '../../i18n/format.js';
import { rat } from '../../domain/kpi/rational.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';

/** The render step: a finding worded in the reader's language. */
export function alertText(finding: AlertFinding, locale: Locale): string {
  switch (finding.rule) {
    case 'no-visit':
      return t(locale, 'alert.noVisit', { name: finding.name, days: finding.days, last: finding.last ?? t(locale, 'alert.noVisit.never') });
    case 'low-achievement': {
      const { unit } = finding.indicator;
      return t(locale, 'alert.lowAchievement', {
        name: finding.name,
        line: t(locale, finding.indicator.name),
        actual: formatValue(unit, finding.actual, locale),
        expected: formatValue(unit, finding.expected, locale),
        target: formatValue(unit, finding.target, locale),
        elapsed: finding.elapsed,
        days: finding.days,
        achievement: formatPercent(finding.achievement),
        threshold: `${finding.thresholdPct}%`,
      });
    }
    case 'stuck-deal':
      return t(locale, 'alert.stuckDeal', {
        name: finding.name,
        deal: finding.deal,
        customer: finding.customer,
        amount: formatMoney(rat(finding.amountFen), locale),
        stage: t(locale, `deal.stage.${finding.stage}` as MessageKey),
        days: finding.days,
      });
    case 'complaint':
      return t(locale, 'alert.complaint', { name: finding.name, customer: finding.customer, hours: finding.hours, content: finding.content });
    case 'completeness':
      return t(locale, 'alert.completeness', { name: finding.name, share: formatPercent(finding.share), threshold: `${finding.thresholdPct}%` });
  }
}

/** The alert card to a manager: the finding worded, and the subject rep's dashboard (the API checks the rep is in their scope). */
export function alertCardReply(finding: AlertFinding, locale: Locale, publicBaseUrl: string): Reply {
  const dashboardUrl = appLink(publicBaseUrl, { page: 'dashboard', userId: finding.repUserId });
  return cardReply(alertCard.build({ rule: finding.rule, text: alertText(finding, locale), dashboardUrl }, locale));
}

/** A manager's alerts of one run as one card: the alert card when there is one, the digest for more. */
export function alertsCardReply(findings: readonly AlertFinding[], locale: Locale, publicBaseUrl: string): Reply {
  const [only] = findings;
  if (findings.length === 1 && only) return alertCardReply(only, locale, publicBaseUrl);
  const alerts = findings.map((finding) => ({
    rule: finding.rule,
    text: alertText(finding, locale),
    name: finding.name,
    dashboardUrl: appLink(publicBaseUrl, { page: 'dashboard', userId: finding.repUserId }),
  }));
  return cardReply(alertDigestCard.build({ alerts }, locale));
}
