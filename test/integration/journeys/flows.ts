import { expect } from 'vitest';
import type { Journey, JourneyOptions, TransportName } from '../../helpers/journeys/types.js';
import { tableRowCounts } from '../../helpers/table-counts.js';
import { assessmentCycle, bigDepartment, exportResults } from './flows-assessment.js';
import { typedAssessmentCommands } from './flows-typed.js';
import { repTypoToVisit } from './flows-rep.js';
import { alerts, deal, h5Login, performanceAndRanking, retriedDelivery, visitLogEditUndo, weeklyCards } from './flows-records.js';

/**
 * The journeys of the Feishu e2e and integration suites, one table for every transport. The
 * `transports` column says how each cell runs: 'full' with the flow's own data, or 'small' where a
 * transport cannot carry the full data today (the reason is the cell's note, so the cell is widened
 * once the cause is fixed). No cell is left out; today every cell is 'full' (DingTalk cards keep
 * every value under 1 KB since render-card.ts splits them, and the driver fails a card that does not).
 */

export type Cell = 'full' | { small: string };

export interface Flow {
  name: string;
  transports: Record<TransportName, Cell>;
  /** How the app is configured for this flow (e.g. DingTalk without a card template). */
  options?: JourneyOptions;
  run(journey: Journey, cell: Cell): Promise<void>;
}

const everywhere: Record<TransportName, Cell> = { 'feishu-webhook': 'full', 'feishu-ws': 'full', 'dingtalk-stream': 'full', 'dingtalk-http': 'full' };

/** In groups the bot answers only when it is @mentioned; another bot or a person mentioned: nothing sent, nothing stored. */
async function groupMentions(j: Journey): Promise<void> {
  const [answer] = await j.say('S101', '帮助', { group: { chatId: 'oc_sales_team' } });
  expect(answer?.text).toContain('可用命令');
  const before = { tables: await tableRowCounts(j.t.db), sent: j.sentCount() };
  await j.say('S101', '帮助', { group: { chatId: 'oc_sales_team', mention: 'other' }, replies: 0 });
  await j.say('S101', '拜访 华为技术 聊了采购计划', { group: { chatId: 'oc_sales_team', mention: 'other' }, replies: 0 });
  const after = { tables: await tableRowCounts(j.t.db), sent: j.sentCount() };
  // DingTalk's HTTP receiver binds each signature to its body before reading it (replay defence): transport bookkeeping, not the message.
  if (j.transport === 'dingtalk-http') {
    expect(after.tables.dingtalk_callback_replays).toBe((before.tables.dingtalk_callback_replays ?? 0) + 2);
    before.tables.dingtalk_callback_replays = after.tables.dingtalk_callback_replays as number;
  }
  expect(after).toEqual(before);
}

export const FLOWS: Flow[] = [
  { name: 'log, edit and undo a visit', transports: everywhere, run: visitLogEditUndo },
  { name: 'a typo (拜方) is asked about; its button logs the visit, which says 本月拜访次数 0/40（另有 1 次待核实）', transports: everywhere, run: repTypoToVisit },
  { name: 'a message delivered four times (platform retries) is handled once', transports: everywhere, run: retriedDelivery },
  { name: 'a deal and its payment', transports: everywhere, run: deal },
  { name: '业绩 and 排行', transports: everywhere, run: performanceAndRanking },
  { name: 'the weekly cards (job run with the clock on Monday 09:00)', transports: everywhere, run: weeklyCards },
  { name: 'alerts (job run with the clock on Friday 18:00)', transports: everywhere, run: alerts },
  { name: 'manager review → HR reject/approve → result → acknowledge / appeal → uphold', transports: everywhere, run: assessmentCycle },
  { name: 'a department of 26 reps: the review and approval cards page 20 a page; HR reads 下一页 and approves', transports: everywhere, run: bigDepartment },
  {
    name: 'typed 通过 / 驳回 (HR) and 确认 / 申诉 (rep); DingTalk with no card template: ActionCard link buttons open the H5 pages',
    transports: everywhere,
    options: { noCardTemplate: true },
    run: typedAssessmentCommands,
  },
  { name: 'export of the approved results as a file', transports: everywhere, run: exportResults },
  { name: 'H5 login with a platform code', transports: everywhere, run: h5Login },
  { name: 'group messages: answered only when the bot is mentioned', transports: everywhere, run: groupMentions },
];
