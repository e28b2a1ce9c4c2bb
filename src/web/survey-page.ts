import { t, type Locale, type MessageKey } from '../i18n/index.js';

/**
 * The public survey page (/s/<token>), rendered on the server: it must work in any phone browser a
 * customer opens from a chat, with no login and no script (the CSP allows the inline <style>).
 * Every value from the database or the request is HTML-escaped here.
 */

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f6f7;color:#1f2329}
main{max-width:560px;margin:0 auto;padding:20px 16px 32px}h1{font-size:22px;margin:8px 0 12px}p{margin:0 0 16px;color:#4e5969}
.lang{text-align:right;font-size:14px}.lang a{color:#3370ff;text-decoration:none;padding:8px}
fieldset{border:0;margin:0 0 20px;padding:16px;background:#fff;border-radius:12px}legend{float:left;width:100%;padding:0;margin-bottom:12px;font-weight:600}
.scale{display:grid;gap:8px;clear:both}.five{grid-template-columns:repeat(5,1fr)}.eleven{grid-template-columns:repeat(6,1fr)}
.opt{position:relative;display:block}.opt input{position:absolute;opacity:0;width:1px;height:1px}
.opt span{display:flex;align-items:center;justify-content:center;min-height:44px;border:1px solid #dee0e3;border-radius:8px;background:#fff;font-size:18px}
.opt input:checked+span{background:#3370ff;border-color:#3370ff;color:#fff}.opt input:focus-visible+span{outline:2px solid #1f2329}
textarea{width:100%;min-height:96px;padding:10px;border:1px solid #dee0e3;border-radius:8px;font:inherit;clear:both;display:block}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button{width:100%;min-height:48px;border:0;border-radius:8px;background:#3370ff;color:#fff;font-size:18px}
.error{padding:12px;border-radius:8px;background:#fff1f0;color:#d83931;margin-bottom:16px}.done{text-align:center;padding-top:48px}
`;

function page(locale: Locale, title: string, body: string, toggleHref?: string): string {
  const toggle = toggleHref ? `<nav class="lang"><a href="${escapeHtml(toggleHref)}" lang="${locale === 'zh' ? 'en' : 'zh-CN'}">${t(locale, 'survey.page.language')}</a></nav>` : '';
  return `<!doctype html><html lang="${locale === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${toggle}${body}</main></body></html>`;
}

const otherLocale = (locale: Locale): Locale => (locale === 'zh' ? 'en' : 'zh');

export interface SurveyFormView {
  token: string;
  customerName: string;
  contact: string | null;
  repName: string;
  error?: boolean;
  values?: { score?: string; nps?: string; comment?: string };
}

const options = (name: string, from: number, to: number, checked: string | undefined): string =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i))
    .map((v) => `<label class="opt"><input type="radio" name="${name}" value="${v}" required${checked === v ? ' checked' : ''}><span>${v}</span></label>`)
    .join('');

export function surveyFormPage(locale: Locale, view: SurveyFormView): string {
  const action = `/s/${encodeURIComponent(view.token)}?lang=${locale}`;
  const contact = view.contact ? t(locale, 'survey.link.contact', { name: view.contact }) : '';
  const intro = t(locale, 'survey.page.intro', { customer: escapeHtml(view.customerName), contact: escapeHtml(contact), rep: escapeHtml(view.repName) });
  const body = `<h1>${t(locale, 'survey.page.title')}</h1><p>${intro}</p>
${view.error ? `<div class="error" role="alert">${t(locale, 'survey.page.required')}</div>` : ''}
<form method="post" action="${escapeHtml(action)}">
<fieldset><legend>${t(locale, 'survey.page.score')}</legend><div class="scale five">${options('score', 1, 5, view.values?.score)}</div></fieldset>
<fieldset><legend>${t(locale, 'survey.page.nps')}</legend><div class="scale eleven">${options('nps', 0, 10, view.values?.nps)}</div></fieldset>
<fieldset><legend><label for="comment">${t(locale, 'survey.page.comment')}</label></legend><textarea id="comment" name="comment" maxlength="1000">${escapeHtml(view.values?.comment ?? '')}</textarea></fieldset>
<div class="hp" aria-hidden="true"><label>${t(locale, 'survey.page.website')}<input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
<button type="submit">${t(locale, 'survey.page.submit')}</button>
</form>`;
  return page(locale, t(locale, 'survey.page.title'), body, `/s/${encodeURIComponent(view.token)}?lang=${otherLocale(locale)}`);
}

export type SurveyNotice = 'thanks' | 'expired' | 'used' | 'invalid' | 'rejected' | 'busy';

const NOTICE_KEYS: Record<SurveyNotice, [MessageKey, MessageKey]> = {
  thanks: ['survey.page.thanksTitle', 'survey.page.thanks'],
  expired: ['survey.page.expiredTitle', 'survey.page.expired'],
  used: ['survey.page.usedTitle', 'survey.page.used'],
  invalid: ['survey.page.invalidTitle', 'survey.page.invalid'],
  rejected: ['survey.page.rejectedTitle', 'survey.page.rejected'],
  busy: ['survey.page.busyTitle', 'survey.page.busy'],
};

/** A page that only says something: thanks, or why the survey cannot be answered. */
export function surveyNoticePage(locale: Locale, notice: SurveyNotice, toggleHref?: string): string {
  const [title, text] = NOTICE_KEYS[notice];
  return page(locale, t(locale, title), `<div class="done" data-state="${notice}"><h1>${t(locale, title)}</h1><p>${t(locale, text)}</p></div>`, toggleHref);
}
