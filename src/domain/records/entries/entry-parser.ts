import type { ParseContext } from '../../commands/parse-context.js';
import type { Parsed } from '../../commands/parse-error.js';
import type { MessageKey } from '../../message-key.js';
import type { BusinessDate } from '../business-date.js';

export type EntryKind = 'visit' | 'deal' | 'opportunity' | 'payment' | 'contact' | 'survey' | 'complaint' | 'training';

/**
 * How one kind of entry is read, whichever door it came through: typed text (chat) and form values
 * (chat cards, H5) become the same draft under the same rules, and a draft becomes form values
 * again (for edit forms and the values a confirmation button carries). Pure: the context brings
 * today and the limits.
 */
export interface EntryParser<D> {
  kind: EntryKind;
  /** Whether the entry belongs to a customer (resolved and scope-checked before it is stored). */
  needsCustomer: boolean;
  parseText(rest: string, ctx: ParseContext): Parsed<D>;
  /** The draft as form strings (the names of the form inputs; 'customer' for the customer's name). */
  toValues(draft: D): Record<string, string>;
  fromValues(values: Record<string, string>, ctx: ParseContext): Parsed<D>;
  customerOf(draft: D): string | null;
  /** The business date the entry counts on, for kinds the author dates (back-dating is bounded). */
  recordDate?(draft: D): BusinessDate;
  /** The labels (message keys) of the required parts the draft still lacks, the customer aside. */
  missing(draft: D): MessageKey[];
}

/** Every required part except the customer is there. */
export const isComplete = <D>(parser: EntryParser<D>, draft: D): boolean => parser.missing(draft).length === 0;
