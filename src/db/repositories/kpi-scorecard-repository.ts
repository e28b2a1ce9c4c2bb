import { sql } from 'drizzle-orm';
import { asyncRepository, type Db } from '../client.js';
import { isPg, namedSql, queryRows } from '../dialect.js';
import type { AsyncMethods } from '../connection-lock.js';
import { emptyMeasures } from '../../domain/kpi/measures.js';
import { computeScorecard, type Scorecard } from '../../domain/kpi/scorecard.js';
import { rankEntries, rankWithinGroups, type Ranked } from '../../domain/kpi/ranking.js';
import type { TemplateContent, TemplateVersion } from '../../domain/kpi/template.js';
import type { IndicatorKey } from '../../domain/kpi/indicators.js';
import { periodContaining, type Period } from '../../domain/period.js';
import { kpiMeasuresQueries } from './kpi-measures-repository.js';
import { kpiTemplateQueries } from './kpi-template-repository.js';
import { kpiTargetQueries } from './kpi-target-repository.js';
import { timedScoring } from '../scoring-observer.js';

/**
 * Scorecards and rankings for a period: one set of aggregates over the period's records, then the
 * pure engine per rep. Who is scored: users with the rep role employed on at least one day of the
 * period (people who left stay scored for the periods they worked). Their template: the one assigned
 * to their nearest department, else to the rep role, else the shipped default; the version in force
 * on the period's first day.
 *
 * Groups: a rep's team is their own department; their department is the top-level department above
 * it; the org is everyone.
 */

export interface ScoredRep {
  userId: number;
  employeeNo: string;
  name: string;
  departmentId: number | null;
  teamName: string | null;
  topDepartmentId: number | null;
  templateCode: string;
  templateVersion: number;
  content: TemplateContent;
  scorecard: Scorecard;
  total: Scorecard['total'];
  primaryScore: Scorecard['primaryScore'];
  hasData: boolean;
}

export interface PeriodScores {
  period: Period;
  reps: ScoredRep[];
}

interface UserRow {
  id: number;
  employee_no: string;
  name: string;
  department_id: number | null;
  joined_on: string | null;
  left_on: string | null;
}

interface DepartmentRow {
  id: number;
  parent_id: number | null;
  name: string;
}

const REPS_SQL = `SELECT u.id, u.employee_no, u.name, u.department_id, u.joined_on, u.left_on
  FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'rep'
  WHERE (u.left_on IS NULL OR u.left_on >= @startDate) AND (u.joined_on IS NULL OR u.joined_on < @endDate)
    AND (u.active = 1 OR u.left_on IS NOT NULL)`;
// One rep (a saved record's progress line): not the whole org read to keep one row.
const REP_SQL = `${REPS_SQL} AND u.id = @userId`;
// users.active is a boolean column on PostgreSQL.
const PG_REPS_SQL = REPS_SQL.replace('u.active = 1', 'u.active');
const PG_REP_SQL = REP_SQL.replace('u.active = 1', 'u.active');
const DEPARTMENTS_SQL = 'SELECT id, parent_id, name FROM departments';

type RepsParams = { startDate: string; endDate: string; userId?: number };

/** The reps and departments reads: better-sqlite3 statements prepared once, or the same SQL on pg. */
function orgReads(db: Db) {
  if (isPg(db)) {
    return {
      reps: (params: RepsParams) => queryRows<UserRow>(db, namedSql(params.userId === undefined ? PG_REPS_SQL : PG_REP_SQL, params)),
      departments: () => queryRows<DepartmentRow>(db, sql.raw(DEPARTMENTS_SQL)),
    };
  }
  const reps = db.$client.prepare(REPS_SQL);
  const rep = db.$client.prepare(REP_SQL);
  const departments = db.$client.prepare<[]>(DEPARTMENTS_SQL);
  return {
    reps: (params: RepsParams) => (params.userId === undefined ? reps.all(params) : rep.all(params)) as UserRow[],
    departments: () => departments.all() as DepartmentRow[],
  };
}

export function kpiScorecardQueries(db: Db) {
  const measures = kpiMeasuresQueries(db);
  const templates = kpiTemplateQueries(db);
  const targets = kpiTargetQueries(db);
  const org = orgReads(db);

  return timedScoring(db, {
    /**
     * Every rep's scorecard for the period (or only the given users'). `replace` scores the reps of
     * one template with edited content instead of its stored version: the admin's preview, nothing written.
     * `indicators` reads only what those indicators need: only their lines are right (a progress line).
     */
    async scorePeriod(
      period: Period,
      options: { userIds?: ReadonlySet<number>; replace?: { templateCode: string; content: TemplateContent }; indicators?: readonly IndicatorKey[] } = {},
    ): Promise<PeriodScores> {
      const departments = new Map((await org.departments()).map((d) => [d.id, d]));
      const assignments = await templates.loadAssignments(period);
      const codes = await templates.codes();
      const versionCache = new Map<number, readonly TemplateVersion[]>();
      const byUserMeasures = await measures.measuresForPeriod(period, options.userIds, options.indicators);
      const overrides = await targets.overridesFor(period.key);

      const templateIdFor = (departmentId: number | null): number | null => {
        const seen = new Set<number>();
        for (let d = departmentId; d !== null && !seen.has(d); d = departments.get(d)?.parent_id ?? null) {
          seen.add(d);
          const assigned = assignments.byDepartment.get(d);
          if (assigned !== undefined) return assigned;
        }
        return assignments.byRole.get('rep') ?? assignments.defaultTemplateId;
      };
      const topOf = (departmentId: number | null): number | null => {
        let d = departmentId;
        const seen = new Set<number>();
        while (d !== null && !seen.has(d)) {
          seen.add(d);
          const parent = departments.get(d)?.parent_id ?? null;
          if (parent === null) return d;
          d = parent;
        }
        return d;
      };

      const reps: ScoredRep[] = [];
      const only = options.userIds?.size === 1 ? [...options.userIds][0] : undefined;
      for (const user of await org.reps({ startDate: period.startDate, endDate: period.endDate, ...(only === undefined ? {} : { userId: only }) })) {
        if (options.userIds && !options.userIds.has(user.id)) continue;
        const templateId = templateIdFor(user.department_id);
        if (templateId === null) continue;
        const stored = await templates.versionFor(templateId, period, versionCache);
        if (!stored) continue;
        const version = options.replace && codes.get(templateId) === options.replace.templateCode ? { ...stored, content: options.replace.content } : stored;
        const scorecard = computeScorecard({
          content: version.content,
          period,
          measures: byUserMeasures.get(user.id) ?? emptyMeasures(),
          employment: { joinedOn: user.joined_on, leftOn: user.left_on },
          targetOverrides: overrides.get(user.id),
          periodScale: scaleFor(version.content, period),
        });
        reps.push({
          userId: user.id,
          employeeNo: user.employee_no,
          name: user.name,
          departmentId: user.department_id,
          teamName: user.department_id === null ? null : (departments.get(user.department_id)?.name ?? null),
          topDepartmentId: topOf(user.department_id),
          templateCode: codes.get(templateId) ?? '',
          templateVersion: version.version,
          content: version.content,
          scorecard,
          total: scorecard.total,
          primaryScore: scorecard.primaryScore,
          hasData: scorecard.hasData,
        });
      }
      return { period, reps };
    },
  });
}

// Built once per connection: building prepares some twenty statements on $client, which features paid
// on every call (a saved visit's progress line scores its rep: the webhook profile's top cost).
const repositories = new WeakMap<Db, AsyncMethods<ReturnType<typeof kpiScorecardQueries>>>();

/** The same queries, each async behind the connection lock (see asyncRepository). */
export function createKpiScorecardRepository(db: Db) {
  let repository = repositories.get(db);
  if (!repository) repositories.set(db, (repository = asyncRepository(db, kpiScorecardQueries(db))));
  return repository;
}

/**
 * Scoring a shorter or longer period than the template's (a weekly view of a monthly template):
 * additive targets scale by the period's days ÷ the days of the template period containing it.
 */
function scaleFor(content: TemplateContent, period: Period): { days: number; ofDays: number } | undefined {
  if (content.periodType === period.type) return undefined;
  const templatePeriod = periodContaining(content.periodType, period.start, period.zone);
  return { days: period.days, ofDays: templatePeriod.days };
}

/** Rankings of a period's scores: within each team (department), each top-level department and the org. */
export function rankPeriod(scores: PeriodScores): {
  org: Ranked<ScoredRep>[];
  byTeam: Map<string | number, Ranked<ScoredRep>[]>;
  byDepartment: Map<string | number, Ranked<ScoredRep>[]>;
} {
  return {
    org: rankEntries(scores.reps),
    byTeam: rankWithinGroups(scores.reps, (r) => r.departmentId),
    byDepartment: rankWithinGroups(scores.reps, (r) => r.topDepartmentId),
  };
}

export type KpiScorecardRepository = ReturnType<typeof createKpiScorecardRepository>;
