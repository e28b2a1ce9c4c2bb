import { importOrg } from '../../../src/features/org/import.js';
import { readJsonRows } from '../../../src/features/imports/tabular.js';
import { DEMO_ORG_ROWS } from '../../../src/seed/demo-org.js';
import { cardHeaders, dingtalkEnv, dingtalkUserId, robotHeaders } from '../dingtalk.js';
import { createTestApp } from '../test-app.js';
import { startDingTalkSimulator, type CardCallbackAnswer, type SentRecord } from '../../simulators/dingtalk/simulator.js';
import { drainOutbox, H5_SOURCE_DIR, waitFor, type ClickAnswer, type Journey, type JourneyOptions, type Seen, type SeenButton } from './types.js';

const CARD_SECRET = 'journey-card-callback-secret';
const CORP_ID = 'dingcorp'; // the simulator's corp

const employeeOf = (userId: string): string => userId.replace(/^dt-/, '').toUpperCase();

/**
 * The buttons a person sees on a card of the generic template, read as the DingTalk client renders it
 * (docs/dingtalk-card-template.md): the loops over `buttons` and `buttons2` when `hasButtons` is
 * "true", and the form's `submit` when `hasForm` is "true".
 */
export function dingtalkButtons(map: Record<string, string>): SeenButton[] {
  const list = (value: string | undefined): { text: string; action: string }[] => (value ? (JSON.parse(value) as { text: string; action: string }[]) : []);
  const listed = map.hasButtons === 'true' ? [...list(map.buttons), ...list(map.buttons2)] : [];
  const submit = map.hasForm === 'true' && map.submit ? (JSON.parse(map.submit) as { text: string; action: string } | null) : null;
  return [...listed, ...(submit ? [submit] : [])].map((b) => ({ label: b.text, action: JSON.parse(b.action) as SeenButton['action'] }));
}

/** The form inputs shown (`form`, `form2`), by name, for checks on what a form offers. */
export function dingtalkInputs(map: Record<string, string>): { name: string; label: string }[] {
  if (map.hasForm !== 'true') return [];
  return [map.form, map.form2].flatMap((value) => (value ? (JSON.parse(value) as { name: string; label: string }[]) : []));
}

/** The body slots a person reads, in order: `body`, `body2` … `body8` (empty ones are hidden). */
const BODY_KEYS = ['body', ...Array.from({ length: 7 }, (_, i) => `body${i + 2}`)];

/** DingTalk's rule for card data (fact sheet §5.2: values ≤ 1 KB): a card that breaks it fails the journey. */
function checkValueSizes(map: Record<string, string>, outTrackId: string): void {
  const over = Object.entries(map).filter(([, value]) => Buffer.byteLength(value, 'utf8') > 1024);
  if (over.length > 0) throw new Error(`card ${outTrackId}: values over 1 KB: ${over.map(([key, value]) => `${key} (${Buffer.byteLength(value, 'utf8')} B)`).join(', ')}`);
}

function cardSeen(map: Record<string, string>, to: string, outTrackId: string): Seen {
  checkValueSizes(map, outTrackId);
  const buttons = dingtalkButtons(map);
  const inputs = dingtalkInputs(map).map((i) => i.label);
  const text = [map.title, map.subtitle, ...BODY_KEYS.map((k) => map[k]), ...inputs, ...buttons.map((b) => b.label)].filter(Boolean).join('\n');
  return { kind: 'card', to, title: map.title ?? '', text, buttons, messageId: outTrackId };
}

/** The link buttons of a robot sampleActionCard… message: singleTitle/singleURL, or actionTitleN/actionURLN. */
function actionCardLinks(param: Record<string, string | undefined>): { label: string; url: string }[] {
  if (param.singleTitle && param.singleURL) return [{ label: param.singleTitle, url: param.singleURL }];
  const links: { label: string; url: string }[] = [];
  for (let n = 1; param[`actionTitle${n}`] && param[`actionURL${n}`]; n += 1) links.push({ label: param[`actionTitle${n}`] as string, url: param[`actionURL${n}`] as string });
  return links;
}

/**
 * The app in-process with DingTalk played by the simulator: robot messages and card clicks as
 * stream frames over the socket the app opens once it listens (stream), or as signed HTTP callbacks
 * through app.inject (http). Cards arrive through the card API, text and markdown through the
 * sessionWebhook or the robot's 1:1 send.
 */
export async function createDingTalkJourney(mode: 'stream' | 'http', options: JourneyOptions = {}): Promise<Journey> {
  const sim = await startDingTalkSimulator();
  const env = dingtalkEnv(sim, {
    DINGTALK_MODE: mode === 'http' ? 'webhook' : 'stream',
    ...(options.noCardTemplate ? {} : { DINGTALK_CARD_TEMPLATE_ID: 'tpl-skb-generic.schema' }),
    DINGTALK_CARD_CALLBACK_SECRET: CARD_SECRET,
    DINGTALK_CORP_ID: CORP_ID,
    PUBLIC_BASE_URL: 'https://kpi.example.com',
  });
  const t = await createTestApp({ env, seedDemoOrg: false, webBundleDir: H5_SOURCE_DIR, ...(options.now ? { now: options.now } : {}) });
  const addPeople = async (rows: Record<string, string>[]) => {
    const withIds = rows.map((row) => ({ ...row, dingtalk_user_id: dingtalkUserId(row.employee_no as string) }));
    const imported = await importOrg(t.db, readJsonRows(withIds), { now: t.clock.now, actorUserId: null, source: 'cli' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  };
  await addPeople(DEMO_ORG_ROWS);
  if (mode === 'stream') {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    await sim.waitForConnection(1);
  }
  // DingTalk's HTTP signatures cover only the timestamp and bind one body each: every request its own instant.
  let signed = 0;
  const timestamp = () => t.clock.now - ++signed;

  function seenOf(record: SentRecord): Seen {
    const to = record.kind === 'oto' || record.kind === 'card' ? employeeOf(record.to) : record.to;
    if (record.kind === 'card') {
      const outTrackId = String(record.body.outTrackId);
      return cardSeen(sim.cards.get(outTrackId)?.cardParamMap ?? {}, to, outTrackId);
    }
    const body = record.body;
    if (record.kind === 'session') {
      const card = body.actionCard as { title: string; text: string; btns: { title: string; actionURL: string }[] } | undefined;
      if (card) return { kind: 'text', to, title: card.title, text: card.text, buttons: [], links: card.btns.map((b) => ({ label: b.title, url: b.actionURL })), messageId: '' };
      const markdown = body.markdown as { title: string; text: string } | undefined;
      const text = markdown ? markdown.text : ((body.text as { content?: string } | undefined)?.content ?? '');
      return { kind: 'text', to, title: markdown?.title ?? '', text, buttons: [], messageId: '' };
    }
    const param = JSON.parse(String(body.msgParam)) as Record<string, string | undefined>;
    if (body.msgKey === 'sampleFile') return { kind: 'file', to, title: param.fileName ?? '', text: param.fileName ?? '', buttons: [], messageId: '', ...(param.fileName ? { fileName: param.fileName } : {}) };
    const seen: Seen = { kind: 'text', to, title: param.title ?? '', text: param.text ?? param.content ?? '', buttons: [], messageId: '' };
    return String(body.msgKey).startsWith('sampleActionCard') ? { ...seen, links: actionCardLinks(param) } : seen;
  }

  async function answerOf(outTrackId: string, userId: string, params: Record<string, string>): Promise<CardCallbackAnswer & { refused?: string }> {
    if (mode === 'stream') {
      const { messageId } = sim.pushCardClick({ outTrackId, userId, params });
      const ack = await sim.waitForAck(messageId);
      return ((ack.data as { response?: CardCallbackAnswer } | undefined)?.response ?? {}) as CardCallbackAnswer;
    }
    const body = { type: 'actionCallback', outTrackId, corpId: CORP_ID, userId, content: JSON.stringify({ cardPrivateData: { actionIds: ['button'], params } }), spaceType: 'IM_ROBOT', spaceId: userId, userIdType: 1 };
    const response = await t.app.inject({ method: 'POST', url: '/webhooks/dingtalk/cards', headers: cardHeaders(CARD_SECRET, timestamp()), payload: JSON.stringify(body) });
    if (response.statusCode === 403) return { refused: (response.json() as { error: string }).error };
    if (response.statusCode !== 200) throw new Error(`card callback answered ${response.statusCode}: ${response.body}`);
    const answer = response.json() as CardCallbackAnswer;
    // DingTalk applies the answer to the card, as the simulator does with a stream ACK.
    sim.applyCardAnswer(outTrackId, userId, answer);
    return answer;
  }

  return {
    transport: mode === 'stream' ? 'dingtalk-stream' : 'dingtalk-http',
    platform: 'dingtalk',
    t,
    async say(employeeNo, text, sayOptions = {}) {
      const userId = dingtalkUserId(employeeNo);
      const group = sayOptions.group;
      const input = { senderStaffId: userId, text, ...(group ? { conversationType: '2' as const, conversationId: group.chatId, mention: group.mention ?? 'bot' } : {}) };
      const conversationId = group?.chatId ?? `cid-${userId}`;
      const before = sim.sent.length;
      const deliveries = sayOptions.deliveries ?? 1;
      if (mode === 'stream') {
        const { messageId } = sim.pushRobotMessage(input);
        await sim.waitForAck(messageId);
        // DingTalk re-pushes the same frame (same messageId) when it missed the ACK.
        for (let delivery = 1; delivery < deliveries; delivery += 1) {
          sim.stream.repush(messageId);
          await waitFor(() => sim.stream.acks.filter((a) => a.messageId === messageId).length > delivery, `ack #${delivery + 1}`);
        }
      } else {
        // A retried HTTP callback is the same request again: same signed headers, same body.
        const request = { method: 'POST' as const, url: '/webhooks/dingtalk/robot', headers: robotHeaders(sim.clientSecret, timestamp()), payload: JSON.stringify(sim.robotMessage(input)) };
        for (let delivery = 0; delivery < deliveries; delivery += 1) {
          const response = await t.app.inject(request);
          if (response.statusCode !== 200) throw new Error(`robot callback answered ${response.statusCode}: ${response.body}`);
        }
      }
      const mine = () => sim.sent.slice(before).filter((r) => r.to === conversationId || r.to === userId);
      const expected = sayOptions.replies ?? 1;
      if (expected === 0) {
        // Nothing may come: give background work the time it would take to start (a wait, not a measurement).
        await new Promise((resolve) => setTimeout(resolve, 300));
        return mine().map(seenOf);
      }
      const replies = await waitFor(() => mine().length >= expected && mine(), `${expected} replies to "${text}"`);
      return replies.map(seenOf);
    },
    async click(employeeNo, on, label, form = {}) {
      const button = on.buttons.find((b) => b.label === label) ?? on.buttons.find((b) => b.label.includes(label));
      if (!button) throw new Error(`no button "${label}" on "${on.title}"; buttons: ${on.buttons.map((b) => b.label).join(', ') || 'none'}; ${on.text.slice(0, 200)}`);
      const userId = dingtalkUserId(employeeNo);
      const answer = await answerOf(on.messageId, userId, { action: JSON.stringify(button.action), ...form });
      await t.app.bot.settle();
      const result: ClickAnswer = answer.refused ? { refused: answer.refused } : {};
      const toast = answer.userPrivateData?.cardParamMap;
      if (toast?.toast) result.toast = { kind: toast.toastKind ?? 'info', text: toast.toast };
      if (answer.cardData?.cardParamMap) result.card = cardSeen(sim.cards.get(on.messageId)?.cardParamMap ?? answer.cardData.cardParamMap, on.to, on.messageId);
      return result;
    },
    deliverQueued: () => drainOutbox(t),
    inbox(employeeNo) {
      const userId = dingtalkUserId(employeeNo);
      return sim.sent.filter((r) => r.to === userId || r.to === `cid-${userId}`).map(seenOf);
    },
    sentCount: () => sim.sent.length + [...sim.cards.values()].reduce((n, c) => n + c.updates, 0),
    loginCode: (employeeNo) => sim.issueLoginCode(dingtalkUserId(employeeNo)),
    addPeople,
    uploads: () => sim.uploads.map((u) => ({ fileName: u.fileName, data: u.data })),
    async close() {
      await t.close();
      await sim.close();
    },
  };
}
