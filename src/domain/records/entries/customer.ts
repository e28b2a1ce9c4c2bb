import * as form from './form-values.js';

/** A customer as a form gives it: the channel is still the raw choice (an id or a word such as 直销). */
export interface CustomerValues {
  name: string | null;
  salesChannel: string | null;
  region: string | null;
  industry: string | null;
  aliases: string[];
}

/** "小米, Xiaomi、MI" -> ['小米', 'Xiaomi', 'MI'] */
export const splitAliases = (raw: string | null): string[] => (raw ? raw.split(/[,，、\s]+/).filter(Boolean) : []);

/** Reads the customer fields of a form (name, channel, region, industry, aliases). */
export function customerFromValues(values: Record<string, string>): CustomerValues {
  return {
    name: form.text(values, 'name'),
    salesChannel: form.text(values, 'salesChannel'),
    region: form.text(values, 'region'),
    industry: form.text(values, 'industry'),
    aliases: splitAliases(form.text(values, 'aliases')),
  };
}
