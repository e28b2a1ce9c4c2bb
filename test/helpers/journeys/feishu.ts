import { importOrg } from '../../../src/features/org/import.js';
import { readJsonRows } from '../../../src/features/imports/tabular.js';
import type { FeishuChannel } from '../../../src/platforms/feishu/channel.js';
import { DEMO_ORG_ROWS } from '../../../src/seed/demo-org.js';
import { FEISHU_TEST_APP, feishuEnv, feishuIdsOf, withFeishuIds } from '../feishu.js';
import { createTestApp } from '../test-app.js';
import { createFeishuEventClient } from '../../simulators/feishu/event-client.js';
import { startFeishuSimulator, type SentRecord } from '../../simulators/feishu/server.js';
import { drainOutbox, H5_SOURCE_DIR, type ClickAnswer, type Journey, type JourneyOptions, type Seen, type SeenButton } from './types.js';

/** Every callback button (and form submit) of a Feishu card JSON 2.0, with the value Feishu calls back with. */
export function feishuButtons(node: unknown): SeenButton[] {
  if (Array.isArray(node)) return node.flatMap(feishuButtons);
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own: SeenButton[] = [];
  if (record.tag === 'button') {
    const callback = (record.behaviors as { type: string; value: SeenButton['action'] }[] | undefined)?.find((b) => b.type === 'callback');
    if (callback) own.push({ label: (record.text as { content: string }).content, action: callback.value });
  }
  return [...own, ...Object.values(record).flatMap(feishuButtons)];
}

/** The strings a person reads on a card (every `content`), one per line. */
function feishuTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(feishuTexts);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => (key === 'content' && typeof value === 'string' ? [value] : feishuTexts(value)));
}

const employeeOf = (openId: string | undefined): string => (openId ?? '').replace(/^ou_/, '').toUpperCase();

/**
 * The app in-process with Feishu played by the simulator: HTTP callbacks through app.inject, signed
 * and encrypted (webhook), or event frames over the long connection the app opens once it listens (ws).
 */
export async function createFeishuJourney(mode: 'webhook' | 'ws', options: JourneyOptions = {}): Promise<Journey> {
  const sim = await startFeishuSimulator({ appId: FEISHU_TEST_APP.appId, appSecret: FEISHU_TEST_APP.appSecret });
  const t = await createTestApp({ env: { ...feishuEnv(sim.url, mode), PUBLIC_BASE_URL: 'https://kpi.example.com' }, seedDemoOrg: false, webBundleDir: H5_SOURCE_DIR, ...(options.now ? { now: options.now } : {}) });
  const addPeople = async (rows: Record<string, string>[]) => {
    const imported = await importOrg(t.db, readJsonRows(withFeishuIds(rows)), { now: t.clock.now, actorUserId: null, source: 'cli' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  };
  await addPeople(DEMO_ORG_ROWS);
  if (mode === 'ws') {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    await sim.ws.waitForConnection(30_000);
  }
  const channel = t.app.platformChannels.get('feishu') as FeishuChannel;
  const client = createFeishuEventClient({ ...FEISHU_TEST_APP, clock: () => t.clock.now });
  /** Messages the employee typed, so replies to them count as their chat. */
  const saidBy = new Map<string, string>();
  let counter = 0;

  async function deliver(path: string, envelope: unknown): Promise<Record<string, unknown>> {
    if (mode === 'ws') {
      const ack = await sim.ws.push(envelope);
      if (ack.code !== 200) throw new Error(`long connection ack ${ack.code}`);
      return (ack.data ?? {}) as Record<string, unknown>;
    }
    const { body, headers } = client.request(envelope);
    const response = await t.app.inject({ method: 'POST', url: path, headers, payload: body });
    if (response.statusCode !== 200) throw new Error(`${path} answered ${response.statusCode}: ${response.body}`);
    return response.json() as Record<string, unknown>;
  }

  /** Acknowledged work finished: replies sent, click follow-ups delivered. */
  async function settle(): Promise<void> {
    await channel.inFlight.drain(30_000);
    await t.app.bot.settle();
  }

  /** The chat a message landed in: a reply lands where the message it answers is (typed, or sent by the bot). */
  function chatOf(record: SentRecord): string {
    if (record.kind === 'create') return employeeOf(record.receiveId);
    const typed = saidBy.get(record.replyTo ?? '');
    if (typed !== undefined) return typed;
    const answered = sim.sent.find((r) => r.messageId === record.replyTo);
    return answered ? chatOf(answered) : '';
  }

  function seenOf(record: SentRecord): Seen {
    const to = chatOf(record);
    if (record.msgType === 'file') {
      const fileKey = (record.content as { file_key?: string }).file_key;
      const upload = sim.uploads.find((u) => u.fileKey === fileKey);
      return { kind: 'file', to, title: upload?.fileName ?? '', text: upload?.fileName ?? '', buttons: [], messageId: record.messageId, ...(upload ? { fileName: upload.fileName } : {}) };
    }
    if (record.msgType === 'text') return { kind: 'text', to, title: '', text: (record.content as { text: string }).text, buttons: [], messageId: record.messageId };
    // A card replaced through PATCH shows its latest content.
    const content = sim.patches.filter((p) => p.messageId === record.messageId).at(-1)?.content ?? record.content;
    return cardSeen(content, to, record.messageId);
  }

  function cardSeen(content: unknown, to: string, messageId: string): Seen {
    const title = (content as { header?: { title?: { content?: string } } }).header?.title?.content ?? '';
    return { kind: 'card', to, title, text: feishuTexts(content).join('\n'), buttons: feishuButtons(content), messageId };
  }

  return {
    transport: mode === 'ws' ? 'feishu-ws' : 'feishu-webhook',
    platform: 'feishu',
    t,
    async say(employeeNo, text, sayOptions = {}) {
      const messageId = `om_journey_${++counter}`;
      saidBy.set(messageId, sayOptions.group ? sayOptions.group.chatId : employeeNo);
      const before = sim.sent.length;
      const group = sayOptions.group;
      const mention = group?.mention === 'other' ? { open_id: 'ou_another_bot', name: '日程助手' } : undefined;
      const envelope = client.messageEvent({ sender: feishuIdsOf(employeeNo), text, messageId, ...(group ? { chatType: 'group' as const, chatId: group.chatId } : {}), ...(mention ? { mention } : {}) });
      // Feishu retries an event it thinks unanswered with the same envelope (same event_id and message_id).
      for (let delivery = 0; delivery < (sayOptions.deliveries ?? 1); delivery += 1) await deliver('/webhooks/feishu/events', envelope);
      await settle();
      const replies = sim.sent.slice(before).filter((r) => r.replyTo === messageId);
      if (replies.length < (sayOptions.replies ?? 1)) throw new Error(`feishu: ${replies.length} replies to "${text}", expected ${sayOptions.replies ?? 1}`);
      return replies.map(seenOf);
    },
    async click(employeeNo, on, label, form) {
      const button = on.buttons.find((b) => b.label === label) ?? on.buttons.find((b) => b.label.includes(label));
      if (!button) throw new Error(`no button "${label}" on "${on.title}"; buttons: ${on.buttons.map((b) => b.label).join(', ') || 'none'}`);
      const answer = await deliver('/webhooks/feishu/cards', client.cardAction({ operator: feishuIdsOf(employeeNo), value: button.action, messageId: on.messageId, ...(form ? { formValue: form } : {}) }));
      await settle();
      const toast = answer.toast as { type: string; content: string } | undefined;
      const card = answer.card as { data: unknown } | undefined;
      const result: ClickAnswer = {};
      if (toast) result.toast = { kind: toast.type, text: toast.content };
      if (card) result.card = cardSeen(card.data, on.to, on.messageId);
      return result;
    },
    deliverQueued: () => drainOutbox(t),
    inbox(employeeNo) {
      const openId = feishuIdsOf(employeeNo).open_id; // pushed 1:1 messages go to the open_id
      return sim.sent.filter((r) => (r.kind === 'create' ? r.receiveId === openId : chatOf(r) === employeeNo)).map(seenOf);
    },
    sentCount: () => sim.sent.length + sim.patches.length,
    loginCode: (employeeNo) => sim.issueLoginCode({ ...feishuIdsOf(employeeNo), name: employeeNo }),
    addPeople,
    uploads: () => sim.uploads.map((u) => ({ fileName: u.fileName, data: u.data })),
    async close() {
      await t.close();
      await sim.close();
    },
  };
}

