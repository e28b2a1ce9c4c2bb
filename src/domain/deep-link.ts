/**
 * Links from chat cards into the H5 mini-app. They carry a record id or a period key only, never a
 * token: the page asks the person to log in (inside Feishu/DingTalk that is silent) and the API checks
 * their scope. Every target here is a hash route of src/web/public/js/app.js (the server serves only
 * the shell at /app/; a path such as /app/rank is a 404).
 */
export type AppPage =
  | { page: 'visit'; visitId: number }
  | { page: 'assessment'; assessmentId: number }
  /** My dashboard, or (userId) a rep's as their manager sees it; period: a key such as 2026-W48. */
  | { page: 'dashboard'; period?: string; userId?: number }
  /** The team page (ranking, funnel, channels) for a period key such as 2026-W48. */
  | { page: 'team'; period?: string };

function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

export function appLink(publicBaseUrl: string, target: AppPage): string {
  const base = `${publicBaseUrl.replace(/\/+$/, '')}/app/#`;
  switch (target.page) {
    case 'visit':
      return `${base}/records/edit-visit?id=${target.visitId}`;
    case 'assessment':
      return `${base}/assessments/detail?id=${target.assessmentId}`;
    case 'dashboard':
      return `${base}/dashboard${query({ period: target.period, userId: target.userId })}`;
    case 'team':
      return `${base}/team${query({ period: target.period })}`;
  }
}
