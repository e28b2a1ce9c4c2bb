import { describe, expect, it } from 'vitest';
import { arrangeHelp } from '../../../../src/domain/commands/help-order.js';
import { suggestCommand } from '../../../../src/domain/commands/suggest-command.js';
import { typedLocale } from '../../../../src/domain/commands/typed-locale.js';

const WORDS = ['帮助', '?', '拜访', '/visit', 'visit', '回款', '/payment', 'payment', '商机', 'opportunity', '业绩', 'kpi', '排行榜'];

describe('suggestCommand: the command word meant by a typo', () => {
  it.each([
    ['拜方 华为 聊了预算', { word: '拜访', rest: '华为 聊了预算' }],
    ['拜方华为 聊了预算', { word: '拜访', rest: '华为 聊了预算' }],
    ['败访 华为', { word: '拜访', rest: '华为' }],
    ['回宽 华为 5万', { word: '回款', rest: '华为 5万' }],
    ['/vist 华为', { word: '/visit', rest: '华为' }],
    ['vsit 华为', { word: 'visit', rest: '华为' }],
    ['paymnet', { word: 'payment', rest: '' }],
    ['oportunity 华为', { word: 'opportunity', rest: '华为' }],
    ['排行帮', { word: '排行榜', rest: '' }],
  ])('%s -> %o', (text, expected) => {
    expect(suggestCommand(text, WORDS)).toEqual(expected);
  });

  it.each([['你好啊'], ['？？'], ['x'], ['华为'], ['早上好'], ['hello world'], ['']])('%s -> no guess', (text) => {
    expect(suggestCommand(text, WORDS)).toBeUndefined();
  });
});

describe('typedLocale: English command words get English replies', () => {
  it.each([
    ['/help', 'zh', 'en'],
    ['help', 'zh', 'en'],
    ['visit Huawei', 'zh', 'en'],
    ['／help', 'zh', 'en'],
    ['帮助', 'zh', 'zh'],
    ['帮助', 'en', 'en'],
    ['kpi', 'zh', 'zh'],
    ['拜访 Huawei', 'zh', 'zh'],
    ['?', 'en', 'en'],
  ] as const)('%s (profile %s) -> %s', (text, profile, expected) => {
    expect(typedLocale(text, profile)).toBe(expected);
  });
});

describe('arrangeHelp: role-aware, the frequent six first', () => {
  const commands = [
    { name: 'help' },
    { name: 'visit' },
    { name: 'deal' },
    { name: 'opportunity' },
    { name: 'stage' },
    { name: 'payment' },
    { name: 'kpi' },
    { name: 'me' },
    { name: 'internal', hidden: true },
    { name: 'export', audience: ['hr', 'admin'] as const },
    { name: 'approve', audience: ['manager', 'hr', 'admin'] as const },
  ];
  const names = (list: { name: string }[]) => list.map((c) => c.name);

  it('a rep sees no HR or manager command, the six most used first', () => {
    const { first, rest } = arrangeHelp(commands, ['rep']);
    expect(names(first)).toEqual(['visit', 'payment', 'deal', 'kpi', 'opportunity', 'me']);
    expect(names(rest)).toEqual(['help', 'stage']);
  });

  it('HR sees export and approve behind the button', () => {
    const { rest } = arrangeHelp(commands, ['hr']);
    expect(names(rest)).toEqual(['help', 'stage', 'export', 'approve']);
  });

  it('a manager sees approve, not export', () => {
    const all = names([...arrangeHelp(commands, ['manager', 'rep']).first, ...arrangeHelp(commands, ['manager', 'rep']).rest]);
    expect(all).toContain('approve');
    expect(all).not.toContain('export');
    expect(all).not.toContain('internal');
  });
});
