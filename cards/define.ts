import { cardModelSchema, type CardModel, type FormInput } from '../src/domain/card-model.js';
import { userText } from '../src/domain/user-text.js';
import type { Locale } from '../src/i18n/index.js';

/**
 * A card template: a pure function from data to a neutral CardModel, with example data so every
 * template can be rendered and validated at boot and snapshot-tested on every platform.
 */
export interface CardTemplate<Data> {
  id: string;
  build(data: Data, locale: Locale): CardModel;
  example: Data;
}

export function defineCard<Data>(id: string, build: (data: Data, locale: Locale) => CardModel, example: Data): CardTemplate<Data> {
  return {
    id,
    example,
    build(data, locale) {
      const card = build(data, locale);
      return { ...card, template: id };
    },
  };
}

/** Renders each template's example in both locales and validates it; throws listing every bad one. */
export function validateTemplates(templates: CardTemplate<unknown>[]): void {
  const problems: string[] = [];
  for (const template of templates) {
    for (const locale of ['zh', 'en'] as const) {
      const result = cardModelSchema.safeParse(template.build(template.example, locale));
      if (!result.success) problems.push(`${template.id} (${locale}): ${result.error.issues.map((i) => i.message).join('; ')}`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid card templates:\n${problems.join('\n')}`);
}

/** A form input whose label, value, placeholder and option labels may carry user text (names, typed values). */
export function userInput(input: FormInput): FormInput {
  return {
    ...input,
    label: userText(input.label),
    ...(input.value !== undefined ? { value: userText(input.value) } : {}),
    ...(input.placeholder !== undefined ? { placeholder: userText(input.placeholder) } : {}),
    ...(input.options ? { options: input.options.map((o) => ({ label: userText(o.label), value: o.value })) } : {}),
  };
}
