/** Where a finance receipt came from: a bank statement or the ERP's payment export. 单号 is unique per source. */
export const RECEIPT_SOURCES = ['bank', 'erp'] as const;
export type ReceiptSource = (typeof RECEIPT_SOURCES)[number];

/** How a receipt got linked to a claimed payment: by the matcher, or by a finance user picking the claim. */
export const RECEIPT_MATCH_KINDS = ['auto', 'hand'] as const;
export type ReceiptMatchKind = (typeof RECEIPT_MATCH_KINDS)[number];
