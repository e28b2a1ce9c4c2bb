/**
 * Links from chat cards into the H5 mini-app. They carry a record id only, never a token: the page
 * asks the person to log in (inside Feishu/DingTalk that is silent) and the API checks their scope.
 */
export type AppPage = { page: 'visit'; visitId: number } | { page: 'assessment'; assessmentId: number } | { page: 'dashboard' };

export function appLink(publicBaseUrl: string, target: AppPage): string {
  const base = `${publicBaseUrl.replace(/\/+$/, '')}/app/#`;
  switch (target.page) {
    case 'visit':
      return `${base}/records/edit-visit?id=${target.visitId}`;
    case 'assessment':
      return `${base}/assessments/detail?id=${target.assessmentId}`;
    case 'dashboard':
      return `${base}/dashboard`;
  }
}
