/**
 * Every write route of the H5 API (src/web) and the admin API (src/admin), with the chat command or
 * card action that does the same thing, the feature both call, and the test that drives both doors
 * with the same input (same refusal, same stored rows, same audit rows). A route with no chat
 * counterpart says why. route-table.test.ts fails when a write route is added without a row here.
 *
 * | Route                                          | Chat counterpart                               | Feature                      | Shown by                                   |
 * |------------------------------------------------|------------------------------------------------|------------------------------|--------------------------------------------|
 * | POST  /api/visits                              | 拜访 (typed / form)                            | saveVisit                    | records/same-feature.test.ts               |
 * | PATCH /api/visits/:id                          | the visit card's 编辑 form                     | updateVisit                  | records/same-feature.test.ts               |
 * | POST  /api/deals                               | 商机 (typed / form)                            | saveOpportunity              | records/same-feature.test.ts               |
 * | POST  /api/payments                            | 回款 (form; overpay 确认 card)                 | savePayment                  | same-feature/payments.test.ts              |
 * | POST  /api/customers                           | 客户 (form)                                    | createCustomer               | records/same-feature.test.ts               |
 * | PATCH /api/customers/:id                       | the customer card's edit form                  | updateCustomer               | records/same-feature.test.ts               |
 * | POST  /api/assessments/:id/adjust              | review card 保存调整 (assessment.adjust)       | adjustResult                 | assessment-same-feature.test.ts            |
 * | POST  /api/assessments/:id/submit              | review card 提交审批 (assessment.submit)       | submitReview                 | assessment-same-feature.test.ts            |
 * | POST  /api/assessments/:id/withdraw            | review card 撤回 (assessment.withdraw)         | withdrawReview               | assessment-same-feature.test.ts            |
 * | POST  /api/assessments/:id/decision approve    | approval card 通过 (assessment.approve)        | approveAssessment            | assessment-same-feature.test.ts            |
 * |   … approve + acknowledgement (distribution)   | 确认通过 on the reason form                    | approveAssessment            | assessment-same-feature.test.ts            |
 * |   … reject                                     | 驳回 → 确认驳回 (assessment.reject)            | rejectAssessment             | assessment-same-feature.test.ts            |
 * |   … send-back (repUserIds)                     | 确认驳回 with one rep picked                   | sendBackResults              | assessment-same-feature.test.ts            |
 * | POST  /api/assessment-results/:id/acknowledge  | result card 确认 (assessment.ack)              | acknowledgeResult            | assessment-same-feature.test.ts            |
 * | POST  /api/assessment-results/:id/appeal       | result card 申诉 → 提交申诉                    | appealResult                 | assessment-same-feature.test.ts            |
 * | POST  /api/appeals/:id/resolve                 | appeal card 处理申诉 (assessment.resolve)      | resolveAppeal                | assessment-same-feature.test.ts            |
 * | POST  /api/assessments/:id/chase               | none: HR chases from the H5 landing page; the chase itself is a chat card to the manager        |
 * | POST  /api/login/${platform}, /api/login/dev   | none: opens an H5 session (chat users are identified by the platform)                          |
 * | POST  /api/logout                              | none: ends an H5 session                                                                        |
 * | POST  /api/surveys/:id/complaint               | feedback card 转为投诉 (surveyLink.convert)    | convertSurveyToComplaint     | surveys/survey-review-api.test.ts          |
 * | POST  /s/:token                                | none: the customer's survey answer (public page, no chat user); surveys/survey-link.test.ts     |
 * | POST/PATCH /api/admin/channels[/:id]           | none: sales channels are admin settings, not in chat                                            |
 * | PUT   /api/admin/alert-rules                   | none: admin setting (chat only receives the alerts)                                             |
 * | PUT   /api/admin/distribution-rules            | none: admin setting (chat only enforces it, see the acknowledgement row)                        |
 * | PUT   /api/admin/targets                       | none: 目标 in chat only shows targets; PUT /admin/kpi/targets (setRepTargets) is its twin door, |
 * |                                                |   shown by same-feature/admin-targets.test.ts                                                    |
 * | POST  /api/admin/org/import                    | none: admin upload; same importOrg as POST /admin/org/import                                     |
 * | POST  /api/admin/templates/:code/versions      | none: admin KPI template editor; same repository as POST /admin/kpi/templates/:code/versions     |
 * | POST  /api/admin/templates/:code/preview       | none: stores nothing (scores a draft)                                                            |
 * | POST  /api/admin/outbox/:id/retry              | none: operations                                                                                 |
 * | every /admin/* route (Bearer ADMIN_TOKEN)      | none: the token names no person, chat always acts as one                                         |
 */
export interface RouteRow {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** The chat door doing the same thing, or why there is none. */
  chat: { command: string; feature: string; test: string } | { none: string };
  /** Another HTTP door calling the same feature, and the test that drives both with the same input. */
  twin?: { method: string; path: string; test: string };
}

const chat = (command: string, feature: string, test: string) => ({ command, feature, test });
const none = (why: string) => ({ none: why });
const RECORDS = 'test/integration/records/same-feature.test.ts';
const ASSESSMENT = 'test/integration/assessment-same-feature.test.ts';
const PAYMENTS = 'test/integration/same-feature/payments.test.ts';
const BEARER = 'admin API: the Bearer token names no person, and chat always acts as one';

export const WRITE_ROUTES: RouteRow[] = [
  { method: 'POST', path: '/api/visits', chat: chat('拜访', 'saveVisit', RECORDS) },
  { method: 'PATCH', path: '/api/visits/:id', chat: chat('visit edit form', 'updateVisit', RECORDS) },
  { method: 'POST', path: '/api/deals', chat: chat('商机', 'saveOpportunity', RECORDS) },
  { method: 'POST', path: '/api/payments', chat: chat('回款', 'savePayment', PAYMENTS) },
  { method: 'POST', path: '/api/customers', chat: chat('客户', 'createCustomer', RECORDS) },
  { method: 'PATCH', path: '/api/customers/:id', chat: chat('customer.update', 'updateCustomer', RECORDS) },
  { method: 'POST', path: '/api/assessments/:id/adjust', chat: chat('assessment.adjust', 'adjustResult', ASSESSMENT) },
  { method: 'POST', path: '/api/assessments/:id/submit', chat: chat('assessment.submit', 'submitReview', ASSESSMENT) },
  { method: 'POST', path: '/api/assessments/:id/withdraw', chat: chat('assessment.withdraw', 'withdrawReview', ASSESSMENT) },
  // One route, four decisions: approve, reject, send-back and approve outside the distribution (with an acknowledgement).
  { method: 'POST', path: '/api/assessments/:id/decision', chat: chat('assessment.approve / assessment.reject', 'approveAssessment, rejectAssessment, sendBackResults', ASSESSMENT) },
  { method: 'POST', path: '/api/assessment-results/:id/acknowledge', chat: chat('assessment.ack', 'acknowledgeResult', ASSESSMENT) },
  { method: 'POST', path: '/api/assessment-results/:id/appeal', chat: chat('assessment.appeal', 'appealResult', ASSESSMENT) },
  { method: 'POST', path: '/api/appeals/:id/resolve', chat: chat('assessment.resolve', 'resolveAppeal', ASSESSMENT) },
  { method: 'POST', path: '/api/assessments/:id/chase', chat: none('HR chases from the H5 landing page; the chase is itself a chat card to the manager') },
  { method: 'POST', path: '/api/login/${platform}', chat: none('opens an H5 session; chat users are identified by the platform') },
  { method: 'POST', path: '/api/login/dev', chat: none('opens an H5 session (development login)') },
  { method: 'POST', path: '/api/logout', chat: none('ends an H5 session') },
  // A chat check-in is a location or photo message, not a command: bot/records/checkin-flow.ts calls the
  // same checkInVisit (both doors driven in test/integration/checkins/checkin-dingtalk-h5.test.ts).
  { method: 'POST', path: '/api/visits/:id/checkin', chat: none('a location message in chat; the same checkInVisit through bot/records/checkin-flow.ts') },
  { method: 'POST', path: '/api/visits/:id/photo', chat: none('a photo message in chat; the same checkInVisit through bot/records/checkin-flow.ts') },
  { method: 'POST', path: '/api/finance/receipts/import', chat: none('finance works on the H5 review page; chat has no file upload') },
  { method: 'POST', path: '/api/finance/receipts/:id/match', chat: none('finance review page (match by hand)') },
  { method: 'POST', path: '/api/finance/match', chat: none('finance review page (re-run the matching)') },
  { method: 'POST', path: '/api/finance/claims/:id/reject', chat: none('finance review page (reject a claim)') },
  { method: 'POST', path: '/api/surveys/:id/complaint', chat: chat('surveyLink.convert (转为投诉 on the feedback card)', 'convertSurveyToComplaint', 'test/integration/surveys/survey-review-api.test.ts') },
  { method: 'POST', path: '/s/:token', chat: none("the customer's survey answer on the public page; no chat user answers it") },
  { method: 'POST', path: '/api/admin/channels', chat: none('sales channels are an admin setting, not in chat') },
  { method: 'PATCH', path: '/api/admin/channels/:id', chat: none('sales channels are an admin setting, not in chat') },
  { method: 'DELETE', path: '/api/admin/group-binds/:id', chat: none('解绑群 is typed in the group itself (unbindGroup, same removeBind); the page removes a bind of a group one is not in') },
  { method: 'PATCH', path: '/api/admin/group-binds/:id', chat: none('a group’s top N and 喜报 switch are admin settings, not in chat') },
  { method: 'POST', path: '/api/targets', chat: none('目标 in chat only shows targets; department targets and their split are set on the H5 targets page') },
  { method: 'PUT', path: '/api/admin/templates/:code/pay-rule', chat: none('admin KPI template editor (pay rule)') },
  { method: 'PUT', path: '/api/admin/alert-rules', chat: none('admin setting; chat only receives the alerts') },
  { method: 'PUT', path: '/api/admin/distribution-rules', chat: none('admin setting; chat enforces it on 通过 (the acknowledged approve above)') },
  {
    method: 'PUT',
    path: '/api/admin/targets',
    chat: none('目标 in chat only shows targets'),
    twin: { method: 'PUT', path: '/admin/kpi/targets', test: 'test/integration/same-feature/admin-targets.test.ts' },
  },
  { method: 'POST', path: '/api/admin/org/import', chat: none('admin upload; the same importOrg as POST /admin/org/import') },
  { method: 'POST', path: '/api/admin/templates/:code/versions', chat: none('admin KPI template editor') },
  { method: 'POST', path: '/api/admin/templates/:code/preview', chat: none('stores nothing: scores a draft template') },
  { method: 'POST', path: '/api/admin/outbox/:id/retry', chat: none('operations') },
  { method: 'POST', path: '/admin/org/import', chat: none(BEARER) },
  { method: 'POST', path: '/admin/customers/import', chat: none(BEARER) },
  { method: 'POST', path: '/admin/history/import', chat: none(BEARER) },
  { method: 'PUT', path: '/admin/required-fields', chat: none(BEARER) },
  { method: 'POST', path: '/admin/jobs/:name/run', chat: none(BEARER) },
  { method: 'POST', path: '/admin/outbox/:id/retry', chat: none(BEARER) },
  { method: 'POST', path: '/admin/kpi/templates', chat: none(BEARER) },
  { method: 'POST', path: '/admin/kpi/templates/:code/versions', chat: none(BEARER) },
  { method: 'PUT', path: '/admin/kpi/templates/:code/assignment', chat: none(BEARER) },
  { method: 'PUT', path: '/admin/kpi/targets', chat: none(BEARER) },
  { method: 'POST', path: '/admin/kpi/targets/import', chat: none(BEARER) },
];
