import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../features/deps.js';
import { answerSurvey, openSurvey, type SurveyAnswer } from '../features/surveys/survey-answers.js';
import type { Locale } from '../i18n/index.js';
import { surveyFormPage, surveyNoticePage, type SurveyNotice } from './survey-page.js';

/**
 * The customer's survey page, public (no session): GET shows the form, POST stores the answer once.
 * Expired, used and tampered links and bot posts (the honeypot) get a page saying so, and nothing is
 * stored. The /s/ paths have their own per-address rate limit (src/http/rate-limits.ts).
 */

const params = z.object({ token: z.string().max(200) });
const query = z.object({ lang: z.enum(['zh', 'en']).optional() });
const body = z.object({
  score: z.string().max(4).optional(),
  nps: z.string().max(4).optional(),
  comment: z.string().max(2000).optional(),
  /** The honeypot: hidden from people, filled in by form-filling bots. */
  website: z.string().max(500).optional(),
});

/** ?lang= (the page's toggle) first, then the browser's first language. */
function pageLocale(request: FastifyRequest): Locale {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  if (lang === 'zh' || lang === 'en') return lang;
  const first = (request.headers['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

const STATUS: Record<SurveyNotice, number> = { thanks: 200, expired: 410, used: 409, invalid: 404, rejected: 400, busy: 429 };

function notice(reply: FastifyReply, locale: Locale, state: SurveyNotice, token?: string) {
  const toggle = token ? `/s/${encodeURIComponent(token)}?lang=${locale === 'zh' ? 'en' : 'zh'}` : undefined;
  return reply.code(STATUS[state]).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(surveyNoticePage(locale, state, toggle));
}

/** A whole number in [min, max], or undefined. */
function choice(value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || !/^\d{1,2}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

export const surveyRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // A plain HTML form posts urlencoded; parsed here only (the rest of the app takes JSON).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, raw, done) => {
    done(null, Object.fromEntries(new URLSearchParams(raw as string)));
  });
  // The rate limit and bad input answer with a page, not JSON: the reader is a customer's phone browser.
  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const locale = pageLocale(request);
    if (status === 429) return notice(reply, locale, 'busy');
    if (status >= 400 && status < 500) return notice(reply, locale, 'invalid');
    request.log.error({ err: error }, 'survey page failed');
    return reply.code(500).type('text/plain; charset=utf-8').send('internal error');
  });

  // logLevel warn: the URL holds the token (a bearer secret for this answer), so requests are not logged.
  app.get('/s/:token', { logLevel: 'warn', schema: { hide: true, params, querystring: query } }, async (request, reply) => {
    const locale = pageLocale(request);
    const { token } = request.params;
    const opened = await openSurvey(deps, token);
    if (opened.state !== 'open') return notice(reply, locale, opened.state, opened.state === 'invalid' ? undefined : token);
    const view = { token, customerName: opened.customerName, contact: opened.link.contactName, repName: opened.repName };
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(surveyFormPage(locale, view));
  });

  app.post('/s/:token', { logLevel: 'warn', schema: { hide: true, params, querystring: query, body } }, async (request, reply) => {
    const locale = pageLocale(request);
    const { token } = request.params;
    const form = request.body;
    if (form.website) return notice(reply, locale, 'rejected');
    const score = choice(form.score, 1, 5);
    const nps = choice(form.nps, 0, 10);
    if (score === undefined || nps === undefined) {
      const opened = await openSurvey(deps, token);
      if (opened.state !== 'open') return notice(reply, locale, opened.state);
      const view = { token, customerName: opened.customerName, contact: opened.link.contactName, repName: opened.repName, error: true, values: form };
      return reply.code(400).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(surveyFormPage(locale, view));
    }
    const comment = form.comment?.trim().slice(0, 1000) || null;
    const answer: SurveyAnswer = { score, nps, comment };
    const outcome = await answerSurvey(deps, token, answer);
    return notice(reply, locale, outcome.state === 'open' ? 'thanks' : outcome.state);
  });
};
