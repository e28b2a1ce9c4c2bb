import type { CardAction, FormInput } from '../../domain/card-model.js';
import type { MessageKey } from '../../i18n/index.js';
import type { EntryParser } from '../../domain/records/entries/entry-parser.js';
import type { Actor } from '../../features/actor.js';
import type { AppDeps } from '../../features/deps.js';
import type { EntryInput, EntryUpdate, SavedEntry } from '../../features/records/entry-writer.js';
import type { CommandOutput } from '../command.js';
import type { RecordContext } from './record-context.js';

/** What a confirmation card shows of a stored entry; undefined when it is gone. */
export interface DescribedEntry {
  fields: { label: string; value: string }[];
  /** Whose record it is: decides who may edit it. */
  repUserId: number;
  /** The stored entry as form values (an edit form starts from them). */
  values: Record<string, string>;
}

/**
 * One kind of entry as the chat offers it: the words that start it, its form, its confirmation
 * card. Reading the text and the form values is the domain's parser; storing and editing are the
 * features that H5 calls too. The shared flow in entry-flow.ts does the rest (missing parts ->
 * form, customer resolution, confirmation, tokens).
 */
export interface EntryForm<D> {
  parser: EntryParser<D>;
  words: string[];
  summary: MessageKey;
  examples: string[];
  examplesEn?: string[];
  /** The refusal for a customer the person may not see (a visit says how to mark it 协访). */
  hiddenRefusal?: MessageKey;
  /** Quick buttons above an empty form (a bare 拜访: the rep's last customers). */
  quickPicks?(rc: RecordContext, values: Record<string, string>): Promise<{ label: string; action: CardAction }[]>;
  inputs(values: Record<string, string>, rc: RecordContext): Promise<FormInput[]> | FormInput[];
  describe(rc: RecordContext, entityId: number): Promise<DescribedEntry | undefined>;
  save(deps: AppDeps, actor: Actor, input: EntryInput): Promise<SavedEntry<unknown>>;
  update(deps: AppDeps, actor: Actor, input: EntryUpdate): Promise<unknown>;
  /** More for the reply after a new entry is stored (a won deal offers the customer survey). */
  afterSave?(rc: RecordContext, entityId: number, output: CommandOutput): Promise<CommandOutput>;
}
