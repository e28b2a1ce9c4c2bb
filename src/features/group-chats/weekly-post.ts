import { groupRankingCard, type GroupRankingCardData } from '../../../cards/group-ranking.js';
import { createGroupBindRepository, type GroupBind } from '../../db/repositories/group-binds.js';
import type { ScoredRep } from '../../db/repositories/kpi-scorecard-repository.js';
import { cardReply } from '../../domain/card-model.js';
import { appLink } from '../../domain/deep-link.js';
import { departmentAndBelow, teamPostRows } from '../../domain/group-chat/group-rules.js';
import { formatPoints } from '../../domain/kpi/format.js';
import { rankEntries } from '../../domain/kpi/ranking.js';
import { cmp, sub, ZERO } from '../../domain/kpi/rational.js';
import type { OutboxMessage } from '../../outbox/outbox.js';
import type { AppDeps } from '../deps.js';
import { findWeeklyFacts, type WeeklyFacts } from '../reports/find.js';

/** Where a group post goes: the bound chat, as a conversation with no message to reply to. */
export const groupTarget = (bind: GroupBind): OutboxMessage['target'] => ({ kind: 'conversation', conversation: { platform: bind.platform, chatId: bind.chatId, chatType: 'group' } });

const moveText = (delta: number) => (delta > 0 ? `↑${delta}` : delta < 0 ? `↓${-delta}` : '');

/** The card data of one group's weekly post, from the org's scores (pure but for the inputs). */
export function groupRankingData(facts: WeeklyFacts, team: { name: string; reps: (rep: ScoredRep) => boolean; topN: number }, rankingUrl: string): GroupRankingCardData {
  const week = facts.weekScores.reps.filter(team.reps);
  const previous = facts.previousScores.reps.filter(team.reps);
  const previousRank = new Map(rankEntries(previous).map((r) => [r.entry.userId, r]));
  const rows = teamPostRows(rankEntries(week), team.topN).map((r) => {
    const before = previousRank.get(r.entry.userId);
    const total = r.entry.total ?? ZERO;
    const hadTotal = before !== undefined && before.rank !== null && before.entry.total !== null;
    const delta = hadTotal ? sub(total, before.entry.total ?? ZERO) : null;
    return {
      rank: r.rank as number,
      name: r.entry.name,
      total: formatPoints(total),
      points: delta === null ? null : `${cmp(delta, ZERO) > 0 ? '+' : ''}${formatPoints(delta)}`,
      move: hadTotal ? moveText((before.rank as number) - (r.rank as number)) : '',
    };
  });
  const { week: period } = facts;
  return { team: team.name, weekKey: period.key, from: period.startDate, to: period.lastDate, topN: team.topN, rows, rankingUrl };
}

/**
 * After the weekly job: each live bound group gets its department's top N (key
 * `group-weekly:<platform>:<chat>:<week>`, so a re-run posts nothing twice). Reps who switched their own
 * weekly card off still appear: this is the team's post, not a personal push.
 */
export async function queueWeeklyGroupPosts(deps: AppDeps, options: { periodKey: string }): Promise<{ messages: OutboxMessage[]; queued: number; duplicates: number }> {
  const binds = (await createGroupBindRepository(deps.db).live()).filter((b) => deps.platforms.includes(b.platform));
  if (binds.length === 0) return { messages: [], queued: 0, duplicates: 0 };
  const facts = await findWeeklyFacts(deps, options.periodKey);
  const departments = await deps.org.listDepartments();
  const users = await deps.org.localesAndStatus();
  const rankingUrl = appLink(deps.config.publicBaseUrl, { page: 'team', period: facts.week.key });
  const messages = binds.map((bind): OutboxMessage => {
    const ids = departmentAndBelow(bind.departmentId, departments);
    const reps = (rep: ScoredRep) => rep.departmentId !== null && ids.has(rep.departmentId) && users.get(rep.userId)?.active === true;
    const name = departments.find((d) => d.id === bind.departmentId)?.name ?? '';
    // A group has no language of its own: team posts are in Chinese, the team's working language.
    const card = groupRankingCard.build(groupRankingData(facts, { name, reps, topN: bind.topN }, rankingUrl), 'zh');
    return { idempotencyKey: `group-weekly:${bind.platform}:${bind.chatId}:${facts.week.key}`, platform: bind.platform, target: groupTarget(bind), payload: cardReply(card) };
  });
  return { messages, ...(await deps.outbox.enqueue(messages)) };
}
