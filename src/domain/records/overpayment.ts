/**
 * A payment that would take its deal past the deal's amount. Money is integer fen. Pure: the
 * feature asks before storing such a payment, and stores it only when the user confirms.
 */
export interface Overpayment {
  dealAmountFen: number;
  /** Paid on the deal before this payment. */
  paidFen: number;
  amountFen: number;
  /** How far paid + amount goes past the deal amount (> 0). */
  excessFen: number;
}

/** null when the payment keeps the deal within its amount (reaching it exactly is fine). */
export function overpaymentOf(dealAmountFen: number, paidFen: number, amountFen: number): Overpayment | null {
  const excessFen = paidFen + amountFen - dealAmountFen;
  return excessFen > 0 ? { dealAmountFen, paidFen, amountFen, excessFen } : null;
}

/** The Problem code that asks the door for a confirmation (chat: a confirm card; H5: `confirmOverpay: true`). */
export const OVERPAY_CONFIRMATION = 'OVERPAY_NEEDS_CONFIRMATION';
/** The form value that confirms an overpayment. */
export const CONFIRM_OVERPAY_FIELD = 'confirmOverpay';
