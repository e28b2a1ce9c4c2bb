import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../../src/db/client.js';
import type { CardAction, CardModel } from '../../src/domain/card-model.js';
import { TEST_ADMIN_TOKEN } from './test-app.js';
import { kpiRecords } from './kpi-records.js';
import { findButton, sandboxChat, type SandboxMessage } from './sandbox-chat.js';

/** November 2026 for the 华东一组 reps: different enough months to give different totals and grades. */
export function seedNovember(db: Db): void {
  seedMonth(db, { visitsOn: '2026-11-15', wonOn: '2026-11-10', paidOn: '2026-11-20' });
}

/**
 * The same reps' records on the given business dates (visits, a won deal and its payment each): a
 * month whose totals differ from rep to rep, so a changed weight or rule moves them.
 */
export function seedMonth(db: Db, dates: { visitsOn: string; wonOn: string; paidOn: string }): void {
  const plan: [string, number, number][] = [
    ['S101', 12, 9_000_000],
    ['S102', 6, 4_000_000],
    ['S103', 9, 6_500_000],
    ['S104', 3, 1_000_000],
    ['S105', 10, 7_500_000],
    ['S201', 8, 5_000_000],
  ];
  for (const [employeeNo, visits, paid] of plan) {
    const rep = kpiRecords(db, employeeNo);
    const customers = [rep.customer(), rep.customer(), rep.customer()];
    rep.visits(customers, visits, dates.visitsOn);
    const deal = rep.deal(customers[0] as number, paid, 'won', dates.wonOn);
    rep.payment(deal, customers[0] as number, paid, dates.paidOn);
  }
}

export async function admin(app: FastifyInstance, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return app.inject({ method, url, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

/** Delivers everything queued: cards, notices, and the updates that replace sent copies. */
export async function flush(app: FastifyInstance): Promise<void> {
  await app.botDeps.outbox.tick();
}

/** The latest card of a template in someone's sandbox chat. */
export async function latestCard(app: FastifyInstance, employeeNo: string, template: string): Promise<SandboxMessage & { card: CardModel }> {
  const messages = await sandboxChat(app, employeeNo).transcript();
  const found = messages.filter((m) => m.direction === 'out' && m.payload.type === 'card' && m.payload.card.template === template).at(-1);
  expect(found, `${employeeNo} has no ${template} card`).toBeDefined();
  const message = found as SandboxMessage;
  return { ...message, card: (message.payload as { card: CardModel }).card };
}

export async function cardsOf(app: FastifyInstance, employeeNo: string, template: string): Promise<CardModel[]> {
  const messages = await sandboxChat(app, employeeNo).transcript();
  return messages.flatMap((m) => (m.direction === 'out' && m.payload.type === 'card' && m.payload.card.template === template ? [m.payload.card] : []));
}

export function hasButtons(card: CardModel): boolean {
  return card.elements.some((e) => e.type === 'actions' || e.type === 'form');
}

export function userIdOf(db: Db, employeeNo: string): number {
  const row = db.$client.prepare('SELECT id FROM users WHERE employee_no = ?').get(employeeNo) as { id: number } | undefined;
  if (!row) throw new Error(`no user ${employeeNo}`);
  return row.id;
}

/** The action of a button (or form submit) on a card, as the platform would send it back. */
export function buttonAction(card: CardModel, label: string): CardAction {
  const { action } = findButton(card, label);
  return { command: action.command, args: action.args ?? {} };
}

/**
 * November 2026 generated, and 华东一组 reviewed by S100 and approved by H001 in chat (华南二组 stays
 * awaiting review): a period with approved results, reached the way people reach it.
 */
export async function approveNovemberEastTeam(app: FastifyInstance, db: Db): Promise<void> {
  seedNovember(db);
  const run = await admin(app, 'POST', '/admin/jobs/assessment/run', { period: '2026-11' });
  expect(run.statusCode, run.body).toBe(200);
  await flush(app);
  const review = await latestCard(app, 'S100', 'assessment-review');
  expect((await sandboxChat(app, 'S100').click(review, buttonAction(review.card, '提交审批'))).toast?.kind).toBe('success');
  await flush(app);
  const messages = await sandboxChat(app, 'H001').transcript();
  const approval = messages.filter((m) => m.payload.type === 'card' && m.payload.card.template === 'assessment-approval' && m.payload.card.title.includes('华东一组')).at(-1);
  expect(approval, 'H001 has no approval card for 华东一组').toBeDefined();
  const card = (approval as SandboxMessage & { payload: { card: CardModel } }).payload.card;
  expect((await sandboxChat(app, 'H001').click(approval, buttonAction(card, '通过'))).toast?.kind).toBe('success');
  await flush(app);
}
