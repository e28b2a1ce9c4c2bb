import type { FormInput } from '../../domain/card-model.js';
import { t } from '../../i18n/index.js';
import type { RecordContext } from './record-context.js';

/** Channel (required: every customer is analysed per channel), region and industry. */
export async function customerFormInputs(rc: RecordContext, values: Record<string, string>): Promise<FormInput[]> {
  const locale = rc.cmd.locale;
  return [
    {
      name: 'channel',
      label: t(locale, 'records.field.channel'),
      kind: 'select',
      required: true,
      ...(values.channel ? { value: values.channel } : {}),
      options: (await rc.services.channels.list()).map((c) => ({ label: c.name, value: String(c.id) })),
    },
    { name: 'region', label: t(locale, 'records.field.region'), kind: 'text', ...(values.region ? { value: values.region } : {}) },
    { name: 'industry', label: t(locale, 'records.field.industry'), kind: 'text', ...(values.industry ? { value: values.industry } : {}) },
  ];
}
