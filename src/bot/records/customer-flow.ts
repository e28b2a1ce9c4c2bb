import type { FormInput } from '../../domain/card-model.js';
import { t } from '../../i18n/index.js';
import type { RecordContext } from './record-context.js';

/** Channel (required: every customer is analysed per channel), region and industry. */
export async function customerFormInputs(rc: RecordContext, values: Record<string, string>): Promise<FormInput[]> {
  const locale = rc.cmd.locale;
  return [
    {
      name: 'salesChannel',
      label: t(locale, 'records.field.salesChannel'),
      kind: 'select',
      required: true,
      ...(values.salesChannel ? { value: values.salesChannel } : {}),
      options: (await rc.services.salesChannels.list()).map((c) => ({ label: c.name, value: String(c.id) })),
    },
    { name: 'region', label: t(locale, 'records.field.region'), kind: 'text', ...(values.region ? { value: values.region } : {}) },
    { name: 'industry', label: t(locale, 'records.field.industry'), kind: 'text', ...(values.industry ? { value: values.industry } : {}) },
  ];
}
