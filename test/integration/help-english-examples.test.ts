import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardModel } from '../../src/domain/card-model.js';
import { t } from '../../src/i18n/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { replyText, sandboxChat } from '../helpers/sandbox-chat.js';
import { buttonAction } from '../helpers/records.js';

/** The examples of a help card: the `code` spans of its command lines. */
const examplesOf = (card: CardModel): string[] =>
  card.elements.flatMap((e) => (e.type === 'markdown' ? [...e.text.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string) : []));

describe('the English help gives examples in English syntax that are understood', () => {
  let t0: TestApp;
  beforeEach(async () => {
    t0 = await createTestApp();
  });
  afterEach(async () => t0.close());

  it.each([['S101'], ['S100'], ['H001']])('every example in the full English help of %s, typed, is a known command', async (who) => {
    const chat = sandboxChat(t0.app, who);
    const [help] = await chat.say('/help');
    const all = await chat.click(help, buttonAction((help!.payload as { card: CardModel }).card, 'All commands'));
    const examples = examplesOf(all.card!);
    expect(examples.length).toBeGreaterThan(15);
    // English syntax: every example starts with an English or slash command word.
    for (const example of examples) expect(example).toMatch(/^\/?[a-z]/);
    const unknown = t('en', 'common.unknownCommand', { text: '' }).split('"')[0] as string;
    for (const example of examples) {
      const [reply] = await chat.say(example);
      const text = replyText(reply!);
      expect(text, example).not.toContain(unknown);
      expect(text, example).not.toContain('Did you mean');
      expect(text, example).not.toContain('没听懂');
    }
  });
});
