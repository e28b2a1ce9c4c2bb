import { fileURLToPath } from 'node:url';
import type { TestApp } from '../test-app.js';

/**
 * What a person sees in their chat, whatever the platform: the journeys in
 * test/integration/journeys/flows.ts read and click these, and each transport driver builds them
 * from what its simulator received (Feishu card JSON 2.0, DingTalk card data or markdown).
 */

export type TransportName = 'feishu-webhook' | 'feishu-ws' | 'dingtalk-stream' | 'dingtalk-http';

export interface SeenButton {
  label: string;
  action: { command: string; args: Record<string, string> };
}

export interface Seen {
  kind: 'card' | 'text' | 'file';
  /** The employee number of the 1:1 chat it landed in, or the group chat id. */
  to: string;
  title: string;
  /** Every readable string of the message, for `toContain` checks. */
  text: string;
  buttons: SeenButton[];
  /** Link buttons that open a URL (DingTalk's ActionCard fallback): label and address. */
  links?: { label: string; url: string }[];
  /** The platform's message id (Feishu message_id, DingTalk outTrackId): clicks refer to it. */
  messageId: string;
  fileName?: string;
}

export interface ClickAnswer {
  toast?: { kind: string; text: string };
  /** The card that replaced the clicked one. */
  card?: Seen;
  /** The transport refused the click before the bot saw it (DingTalk HTTP: 403 and an error code). */
  refused?: string;
}

/** A click the clicker may not make: refused by the transport, or answered with an error toast. */
export const wasRefused = (answer: ClickAnswer): boolean => answer.refused !== undefined || answer.toast?.kind === 'error';

export interface GroupOptions {
  chatId: string;
  /** Whom the message @mentions: the bot (default), or another bot / a person. */
  mention?: 'bot' | 'other';
}

/** The H5 pages' source (index.html, js/app.js) served at /app/, so following a link does not depend on a build. */
export const H5_SOURCE_DIR = fileURLToPath(new URL('../../../src/web/public', import.meta.url));

/** How a journey's app is configured; each cell of the flow table starts a fresh one. */
export interface JourneyOptions {
  now?: string;
  /** DingTalk: no card template configured, so cards go out as markdown / ActionCard robot messages (Feishu needs none). */
  noCardTemplate?: boolean;
}

export interface Journey {
  readonly transport: TransportName;
  readonly platform: 'feishu' | 'dingtalk';
  readonly t: TestApp;
  /** Types text as the employee; resolves with what came back once `replies` messages arrived. */
  /** `deliveries`: how often the platform delivers the same message (its retries and re-pushes). */
  say(employeeNo: string, text: string, options?: { replies?: number; group?: GroupOptions; deliveries?: number }): Promise<Seen[]>;
  /** Clicks the button (or form submit) labelled `label` on a message, with form values. */
  click(employeeNo: string, on: Seen, label: string, form?: Record<string, string>): Promise<ClickAnswer>;
  /** Sends what the outbox holds (pushed cards, notices, updates), as the worker would. */
  deliverQueued(): Promise<void>;
  /** Everything pushed or replied into the employee's 1:1 chat so far, oldest first. */
  inbox(employeeNo: string): Seen[];
  /** Count of every outbound message the simulator received (for "nothing was sent"). */
  sentCount(): number;
  /** A one-time H5 login code for the employee, as the platform's JS API would give the page. */
  loginCode(employeeNo: string): string;
  /** Adds people to the org, with this platform's ids (rows as in src/seed/demo-org.ts). */
  addPeople(rows: Record<string, string>[]): Promise<void>;
  /** Files uploaded to the platform, with their bytes. */
  uploads(): { fileName: string; data: Buffer }[];
  close(): Promise<void>;
}

/** The n-th (1-based) message of the employee's chat whose title contains `titlePart`. */
export function nth(journey: Journey, employeeNo: string, titlePart: string, n = 1): Seen {
  const found = journey.inbox(employeeNo).filter((m) => m.title.includes(titlePart));
  const hit = found[n - 1];
  if (!hit) throw new Error(`${journey.transport}: no "${titlePart}" #${n} for ${employeeNo}; has: ${journey.inbox(employeeNo).map((m) => m.title || m.text.slice(0, 40)).join(' | ')}`);
  return hit;
}

export function buttonOf(seen: Seen, label: string): SeenButton {
  const button = seen.buttons.find((b) => b.label === label) ?? seen.buttons.find((b) => b.label.includes(label));
  if (!button) throw new Error(`no button "${label}" on "${seen.title}" (${seen.kind}); buttons: ${seen.buttons.map((b) => b.label).join(', ') || 'none'}; ${seen.text.slice(0, 300)}`);
  return button;
}

/** Delivers the outbox until it is empty (a bounded number of rounds). */
export async function drainOutbox(t: TestApp): Promise<void> {
  // What the bot delivers itself after an event commits (a reply, an export file) holds the row's
  // lease until it is done: wait for it, or a tick here would skip that row.
  await t.app.bot.settle();
  for (let round = 0; round < 50; round += 1) {
    const counts = await t.app.botDeps.outbox.tick(500);
    if (counts.sent + counts.retried + counts.failed === 0) return;
  }
}

/** Polls until `value()` returns something; a waiting budget, not a measurement. */
export async function waitFor<T>(value: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = value();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
