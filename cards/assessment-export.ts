import { t, type Locale } from '../src/i18n/index.js';
import { defineCard } from './define.js';

export interface AssessmentExportCardData {
  /** Approved periods, newest first, with how many departments and people each covers. */
  periods: { periodKey: string; departments: number; people: number }[];
}

/** What HR and admins can export: one 导出 Excel button per approved period (newest six). */
export const assessmentExportCard = defineCard<AssessmentExportCardData>(
  'assessment-export',
  (data, locale: Locale) => ({
    template: 'assessment-export',
    title: t(locale, 'export.card.title'),
    color: 'blue',
    elements: [
      { type: 'markdown', text: t(locale, 'export.card.intro') },
      ...data.periods.slice(0, 6).flatMap((p) => [
        { type: 'markdown' as const, text: t(locale, 'export.card.period', { period: p.periodKey, departments: p.departments, people: p.people }) },
        { type: 'actions' as const, buttons: [{ label: t(locale, 'export.card.button', { period: p.periodKey }), style: 'primary' as const, action: { command: 'export', args: { period: p.periodKey } } }] },
      ]),
      { type: 'note', text: t(locale, 'export.card.note') },
    ],
  }),
  { periods: [{ periodKey: '2026-11', departments: 2, people: 11 }, { periodKey: '2026-10', departments: 1, people: 6 }] },
);
