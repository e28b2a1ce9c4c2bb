import type { AlertRule } from '../src/domain/alerts/find.js';
import type { CardElement } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { ALERT_RULE_TITLES } from './alert.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';

/** Several alerts to one manager from one run, in one card: grouped by rule, each with its rep's dashboard. */
export interface AlertDigestCardData {
  alerts: { rule: AlertRule; text: string; name: string; dashboardUrl: string }[];
}

/** Rule order on the card: people first (no visits, behind target), then deals, complaints, data. */
const RULE_ORDER: readonly AlertRule[] = ['no-visit', 'low-achievement', 'stuck-deal', 'complaint', 'completeness'];

export const alertDigestCard = defineCard<AlertDigestCardData>(
  'alert-digest',
  (data, locale: Locale) => {
    const elements: CardElement[] = [];
    for (const rule of RULE_ORDER) {
      const alerts = data.alerts.filter((a) => a.rule === rule);
      if (alerts.length === 0) continue;
      elements.push({ type: 'markdown', text: t(locale, 'alert.digest.rule', { rule: t(locale, ALERT_RULE_TITLES[rule]), n: alerts.length }) });
      // One element per alert, so each reads (and is tested) on its own, with its rep's page under it.
      for (const alert of alerts) {
        elements.push({ type: 'markdown', text: `• ${u(alert.text)}` });
        elements.push({ type: 'link', label: t(locale, 'digest.rep.view', { name: u(alert.name) }), url: alert.dashboardUrl });
      }
    }
    elements.push({ type: 'note', text: t(locale, 'alert.note') });
    return { template: 'alert-digest', title: t(locale, 'alert.digest.title', { n: data.alerts.length }), color: 'orange', elements };
  },
  {
    alerts: [
      { rule: 'no-visit', text: '张三 已连续 4 个工作日没有拜访记录（上次拜访：2026-11-23）。', name: '张三', dashboardUrl: 'https://kpi.example.com/app/#/dashboard?userId=3' },
      { rule: 'stuck-deal', text: '钱多多 的商机「二期扩容」（华为，50万）已在「方案/报价」阶段停留 38 天。', name: '钱多多', dashboardUrl: 'https://kpi.example.com/app/#/dashboard?userId=6' },
      { rule: 'complaint', text: '孙悦 负责的客户「华为」的投诉已 33 小时未回复：发货慢', name: '孙悦', dashboardUrl: 'https://kpi.example.com/app/#/dashboard?userId=7' },
    ],
  },
);
