import { formatYuan } from '../../domain/commands/amount.js';
import { maskPhonesInText } from '../../domain/commands/parse-customers.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import type { RecordContext } from './record-context.js';

/** Shared formatting for cards: money, masked free text, and labelled fields. */
export const yuan = (fen: number): string => `¥${formatYuan(fen)}`;

/** Free text a rep typed may contain phone numbers: never echo them whole. */
export const safe = (value: string | null | undefined): string => (value ? maskPhonesInText(value) : '');

export function field(locale: Locale, key: MessageKey, value: string | null | undefined): { label: string; value: string } {
  return { label: t(locale, key), value: value && value.length > 0 ? safe(value) : t(locale, 'records.none') };
}

export async function customerName(rc: RecordContext, customerId: number): Promise<string> {
  return (await rc.services.customers.get(customerId))?.name ?? `#${customerId}`;
}

/** Drops empty optional fields so a confirmation stays short. */
export function present(fields: ({ label: string; value: string } | false | null | undefined)[]): { label: string; value: string }[] {
  return fields.filter((f): f is { label: string; value: string } => Boolean(f));
}
