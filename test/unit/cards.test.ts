import { describe, expect, it } from 'vitest';
import { validateTemplates, defineCard } from '../../cards/define.js';
import { CARD_TEMPLATES } from '../../cards/index.js';

describe('card templates', () => {
  it('every shipped template renders a valid card in both languages', () => {
    expect(() => validateTemplates(CARD_TEMPLATES)).not.toThrow();
    expect(CARD_TEMPLATES.length).toBeGreaterThan(0);
  });

  it('boot validation rejects a template with duplicate form inputs', () => {
    const bad = defineCard(
      'bad',
      () => ({
        template: 'bad',
        title: 'x',
        elements: [
          {
            type: 'form',
            name: 'f',
            inputs: [
              { name: 'a', label: 'A', kind: 'text' },
              { name: 'a', label: 'A2', kind: 'text' },
            ],
            submit: { label: 'ok', action: { command: 'x', args: {} } },
          },
        ],
      }),
      {},
    );
    expect(() => validateTemplates([bad as never])).toThrow(/duplicate input names/);
  });
});
