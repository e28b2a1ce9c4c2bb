import type { FormInput } from '../../domain/card-model.js';
import type { ParseContext } from '../../domain/commands/parse-context.js';
import type { Parsed } from '../../domain/commands/parse-error.js';
import type { MessageKey } from '../../domain/messages/index.js';
import type { RecordSource } from '../../domain/records/vocabulary.js';
import type { Customer } from '../../db/repositories/customer-repository.js';
import type { WrittenRecord } from '../../services/records/entry-journal.js';
import type { RecordContext } from './record-context.js';

export type EntryKind = 'visit' | 'deal' | 'opportunity' | 'payment' | 'contact' | 'survey' | 'complaint' | 'training';

/**
 * One kind of entry a rep makes in chat, described as data: how typed text and form values become
 * a draft, what the form looks like, and how the draft is stored, shown, edited. The shared flow in
 * entry-flow.ts does the rest (missing parts -> form, customer resolution, confirmation, tokens).
 */
export interface EntrySpec<D> {
  name: EntryKind;
  words: string[];
  summary: MessageKey;
  examples: string[];
  /** Whether the entry belongs to a customer (resolved and scope-checked before saving). */
  needsCustomer: boolean;
  parseText(rest: string, ctx: ParseContext): Parsed<D>;
  /** The draft as form strings (the same names as the form inputs; 'customer' for the customer). */
  toValues(draft: D): Record<string, string>;
  fromValues(values: Record<string, string>, ctx: ParseContext): Parsed<D>;
  inputs(values: Record<string, string>, rc: RecordContext): FormInput[];
  customerOf(draft: D): string | null;
  /** Every required part except the customer is there. */
  isComplete(draft: D): boolean;
  /** Stores the draft (inside the journal's transaction); may throw an AppError with a reasonKey. */
  save(rc: RecordContext, customer: Customer | null, draft: D, source: RecordSource): WrittenRecord;
  /** What is stored, for the confirmation card; undefined when gone. repUserId decides who may edit. */
  describe(rc: RecordContext, entityId: number): { fields: { label: string; value: string }[]; repUserId: number; values: Record<string, string> } | undefined;
  update(rc: RecordContext, entityId: number, draft: D): void;
}
