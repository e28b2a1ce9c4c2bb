import type { AlertRule } from '../src/domain/alerts/find.js';
import type { CardElement } from '../src/domain/card-model.js';
import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';
import { userText as u } from '../src/domain/user-text.js';

export type { AlertRule };

/** The rule's name as a card heading (the alert and alert-digest cards). */
export const ALERT_RULE_TITLES = {
  'no-visit': 'alert.rule.noVisit',
  'low-achievement': 'alert.rule.lowAchievement',
  'stuck-deal': 'alert.rule.stuckDeal',
  complaint: 'alert.rule.complaint',
  completeness: 'alert.rule.completeness',
} as const;

/** An alert to a manager: one rule, one subject (a rep, a deal, a complaint), already worded. */
export interface AlertCardData {
  rule: AlertRule;
  text: string;
  /** The subject rep's dashboard in the mini-app (appLink 'dashboard' with userId). */
  dashboardUrl: string;
}

export const alertCard = defineCard<AlertCardData>(
  'alert',
  (data, locale: Locale) => {
    const elements: CardElement[] = [
      { type: 'markdown', text: u(data.text) },
      { type: 'note', text: t(locale, 'alert.note') },
      { type: 'link', label: t(locale, 'weekly.card.dashboard'), url: data.dashboardUrl },
    ];
    return {
      template: 'alert',
      title: t(locale, 'alert.card.title', { rule: t(locale, ALERT_RULE_TITLES[data.rule]) }),
      color: 'orange',
      elements,
    };
  },
  { rule: 'no-visit', text: '张三 已连续 3 个工作日没有拜访记录（上次拜访：2026-11-23）。', dashboardUrl: 'https://kpi.example.com/app/#/dashboard?userId=3' },
);
