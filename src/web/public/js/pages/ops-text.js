import { addStrings, t } from '../i18n.js';

addStrings({
  'cron.daily': { zh: '每天 {time}', en: 'Daily at {time}' },
  'cron.weekly': { zh: '每周{day} {time}', en: 'Every {day} at {time}' },
  'cron.monthly': { zh: '每月 {day} 日 {time}', en: 'Monthly on day {day} at {time}' },
  'cron.zone': { zh: '（北京时间）', en: ' (Beijing time)' },
  'weekday.0': { zh: '日', en: 'Sunday' },
  'weekday.1': { zh: '一', en: 'Monday' },
  'weekday.2': { zh: '二', en: 'Tuesday' },
  'weekday.3': { zh: '三', en: 'Wednesday' },
  'weekday.4': { zh: '四', en: 'Thursday' },
  'weekday.5': { zh: '五', en: 'Friday' },
  'weekday.6': { zh: '六', en: 'Saturday' },
  'runStatus.running': { zh: '运行中', en: 'Running' },
  'runStatus.succeeded': { zh: '已完成', en: 'Done' },
  'runStatus.idle': { zh: '无事可做（下次再试）', en: 'Nothing to do (tried again next time)' },
  'runStatus.failed': { zh: '失败', en: 'Failed' },
  'runTrigger.schedule': { zh: '定时', en: 'Scheduled' },
  'runTrigger.manual': { zh: '手动', en: 'Manual' },
  'runTrigger.catch-up': { zh: '补跑', en: 'Catch-up' },
  'runTrigger.cli': { zh: '命令行', en: 'Command line' },
});

const NUMBER = /^\d+$/;

/**
 * A job's cron expression as people say it: "0 9 * * 1" → 每周一 09:00. The jobs use three shapes
 * (daily, weekly, monthly at a fixed time); anything else is shown as written.
 */
export function cronText(expr) {
  const [minute, hour, day, month, weekday, ...rest] = String(expr ?? '').trim().split(/\s+/);
  if (rest.length > 0 || !NUMBER.test(minute ?? '') || !NUMBER.test(hour ?? '') || month !== '*') return expr ?? '';
  const time = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
  if (day === '*' && weekday === '*') return t('cron.daily', { time });
  if (day === '*' && /^[0-7]$/.test(weekday ?? '')) return t('cron.weekly', { day: t(`weekday.${Number(weekday) % 7}`), time });
  if (NUMBER.test(day ?? '') && weekday === '*') return t('cron.monthly', { day, time });
  return expr;
}

/** A job's description is written "中文 (English)": the half in the page's language. */
export function descriptionText(description, locale) {
  const match = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(description ?? '');
  if (!match) return description ?? '';
  return locale === 'en' ? match[2] : match[1];
}

export const runStatusText = (status) => t(`runStatus.${status}`);
export const runTriggerText = (trigger) => t(`runTrigger.${trigger}`);
