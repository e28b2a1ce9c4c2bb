import type { LightMyRequestResponse } from 'fastify';
import { cardToText, type CardAction, type CardModel, type Reply } from '../../../src/domain/card-model.js';
import { t as say, type MessageKey } from '../../../src/i18n/index.js';
import { mapCardText, plainText } from '../../../src/platforms/markdown-escape.js';
import { TEST_ADMIN_TOKEN } from '../../helpers/test-app.js';
import { EMPLOYEE_NO, type Org, type Role } from './fixture.js';

/** What a try came to: let through, or refused with a status (HTTP) or a refusal key (chat, card). */
export interface Outcome {
  allowed: boolean;
  status?: number;
  refusal?: string;
  detail: string;
}

/**
 * The refusals chat and cards answer with, by key: a reply is a refusal when its text carries one
 * (the part before any {param}). A reply with none of them counts as let through.
 */
const REFUSAL_KEYS: MessageKey[] = [
  'common.notRegistered',
  'common.inactive',
  'common.forbidden',
  'records.error.customerForbidden',
  'records.error.recordForbidden',
  'records.error.customerHidden',
  'assessment.problem.readForbidden',
  'assessment.problem.adjustForbidden',
  'assessment.problem.submitForbidden',
  'assessment.problem.decideForbidden',
  'assessment.problem.ownAssessment',
  'assessment.problem.respondForbidden',
  'assessment.problem.resolveForbidden',
  'assessment.problem.exportForbidden',
];

function refusalIn(text: string): string | undefined {
  return REFUSAL_KEYS.find((key) => {
    const head = (say('zh', key) as string).split('{')[0]?.trim() ?? '';
    return head.length > 0 && text.includes(head);
  });
}

const short = (text: string) => text.replace(/\s+/g, ' ').slice(0, 160);

function readable(reply: Reply): string {
  if (reply.type === "card") return cardToText(mapCardText(reply.card, plainText));
  return reply.type === "text" ? reply.text : "";
}

/** A refusal when the text carries a refusal key, or when the door said error without one we know ('?'). */
function judged(text: string, error: boolean): Outcome {
  const refusal = refusalIn(text);
  if (refusal || error) return { allowed: false, refusal: refusal ?? '?', detail: short(text) };
  return { allowed: true, detail: short(text) };
}

/** Typed text in the sandbox chat, as the subject. */
export async function chat(org: Org, role: Role, text: string): Promise<Outcome> {
  const res = await org.t.app.inject({ method: 'POST', url: '/sandbox/api/messages', payload: { employeeNo: EMPLOYEE_NO[role], text } });
  if (res.statusCode !== 200) return { allowed: false, status: res.statusCode, detail: short(res.body) };
  const messages = (res.json() as { messages: { payload: Reply }[] }).messages;
  return judged(messages.map((m) => readable(m.payload)).join('\n'), false);
}

/** A card click (or form submit) in the sandbox, as the subject, with whatever action value they send. */
export async function click(org: Org, role: Role, action: CardAction, formValues: Record<string, string> = {}): Promise<Outcome> {
  const res = await org.t.app.inject({ method: 'POST', url: '/sandbox/api/actions', payload: { employeeNo: EMPLOYEE_NO[role], action, formValues } });
  if (res.statusCode !== 200) return { allowed: false, status: res.statusCode, detail: short(res.body) };
  const body = res.json() as { toast?: { kind: string; text: string }; card?: CardModel; messages: { payload: Reply }[] };
  const text = [body.toast?.text ?? '', body.card ? readable({ type: 'card', card: body.card }) : '', ...body.messages.map((m) => readable(m.payload))].join('\n');
  return judged(text, body.toast?.kind === 'error');
}

/** An H5 API answer: 2xx is let through. */
export function http(res: LightMyRequestResponse): Outcome {
  const allowed = res.statusCode < 300;
  return { allowed, status: res.statusCode, detail: `${res.statusCode} ${short(res.body)}` };
}

/** A list read: let through when the row is in the list, refused ('absent') when the list leaves it out. */
export function listed(res: LightMyRequestResponse, present: (body: unknown) => boolean): Outcome {
  if (res.statusCode >= 300) return http(res);
  return present(res.json()) ? { allowed: true, status: 200, detail: 'listed' } : { allowed: false, status: 200, refusal: 'absent', detail: 'not listed' };
}

/**
 * The admin API door: it has no roles, only the token. The admin holds it; everyone else sends what
 * they have (their H5 session cookie, the stranger a guessed token).
 */
export async function adminApi(org: Org, role: Role, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<Outcome> {
  const headers: Record<string, string> =
    role === 'admin' ? { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } : role === 'stranger' ? { authorization: 'Bearer guessed-token-0123456789' } : { cookie: org.web[role].cookie };
  const res = await org.t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  return http(res);
}
