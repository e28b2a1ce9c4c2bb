import { createKpiScorecardRepository, type PeriodScores } from '../../db/repositories/kpi-scorecard-repository.js';
import { createKpiTemplateRepository, parseTemplateContent, type ChangeContext, type TemplateSummary } from '../../db/repositories/kpi-template-repository.js';
import type { TemplateContent, TemplateContentInput as ContentInput, TemplateVersion } from '../../domain/kpi/template.js';
import type { Period } from '../../domain/period.js';
import type { AppDeps } from '../deps.js';

// The admin doors validate an edited template with the repository's own parser; they import it from here.
export { parseTemplateContent };
export type { ChangeContext as TemplateChangeContext, TemplateSummary };

/**
 * KPI templates for both admin doors (Bearer admin API and the H5 admin pages): each reads and
 * writes through these, so an edit is validated, versioned and audited the same way from either.
 */
export const listKpiTemplates = (deps: AppDeps): Promise<TemplateSummary[]> => createKpiTemplateRepository(deps.db).list();

export const getKpiTemplate = (deps: AppDeps, code: string): Promise<TemplateSummary | undefined> => createKpiTemplateRepository(deps.db).get(code);

export const createKpiTemplate = (deps: AppDeps, code: string, content: ContentInput, ctx: ChangeContext, effectiveFrom?: string): Promise<TemplateSummary> =>
  createKpiTemplateRepository(deps.db).create(code, content, ctx, effectiveFrom);

/** An edit is a new version, in force from `effectiveFrom` (the repository's default: the next period). */
export const addKpiTemplateVersion = (deps: AppDeps, code: string, content: ContentInput, ctx: ChangeContext, effectiveFrom?: string, note?: string): Promise<TemplateVersion> =>
  createKpiTemplateRepository(deps.db).addVersion(code, content, ctx, effectiveFrom, note);

export const assignKpiTemplate = (deps: AppDeps, code: string, target: { departmentId: number } | { role: 'rep' }, ctx: ChangeContext, effectiveFrom?: string): Promise<{ effectiveFrom: string }> =>
  createKpiTemplateRepository(deps.db).assign(code, target, ctx, effectiveFrom);

/** The period scored twice: with the stored versions and with `content` in place of the template's; nothing is written. */
export async function previewKpiTemplate(deps: AppDeps, templateCode: string, content: TemplateContent, period: Period): Promise<{ before: PeriodScores; after: PeriodScores }> {
  const scorecards = createKpiScorecardRepository(deps.db);
  const before = await scorecards.scorePeriod(period);
  const after = await scorecards.scorePeriod(period, { replace: { templateCode, content } });
  return { before, after };
}
