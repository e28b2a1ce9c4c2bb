import type { FastifyInstance } from 'fastify';
import type { TestApp } from './test-app.js';
import { replyText, type SandboxMessage } from './sandbox-chat.js';

/** The survey URL in the rep's chat reply, as the rep would copy it to the customer. */
export function surveyUrlIn(messages: SandboxMessage[]): string {
  for (const m of messages) {
    const url = /https?:\/\/\S+\/s\/[A-Za-z0-9_.-]+/.exec(replyText(m))?.[0];
    if (url) return url;
  }
  throw new Error(`no survey link in ${JSON.stringify(messages.map((m) => replyText(m)))}`);
}

/** The path of a survey URL (app.inject takes paths). */
export const pathOf = (url: string): string => new URL(url).pathname;

/** Submits the page's form the way a browser does (urlencoded). */
export async function submitSurvey(app: FastifyInstance, path: string, fields: Record<string, string>, headers: Record<string, string> = {}, remoteAddress?: string) {
  return app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

/** Sends every queued outbox message (the sandbox channel writes them to the transcript). */
export async function deliverAll(t: TestApp): Promise<void> {
  for (;;) {
    const counts = await t.app.botDeps.outbox.tick(500);
    if (counts.sent + counts.retried + counts.failed === 0) return;
  }
}
