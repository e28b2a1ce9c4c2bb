/** The fixed vocabularies of sales records: stored as these codes, shown in the user's language. */
export const RECORD_SOURCES = ['chat', 'card', 'h5', 'import'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/**
 * How a record was verified (issue 17): typed by the rep, a check-in near the customer, answered by the
 * customer, confirmed by the manager, matched to a finance record, or imported. Existing rows are `self`.
 */
export const VERIFICATIONS = ['self', 'located', 'customer', 'manager', 'finance', 'imported'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

export const VISIT_KINDS = ['onsite', 'phone', 'video', 'other'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** 线索 → 需求确认 → 方案/报价 → 谈判 → 赢单 / 输单 */
export const DEAL_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
export const OPEN_DEAL_STAGES: readonly DealStage[] = ['lead', 'qualified', 'proposal', 'negotiation'];

/** 内训 / 外训 / 认证 */
export const TRAINING_KINDS = ['internal', 'external', 'certification'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

