import { describe, expect, it } from 'vitest';
import { parseHandover } from '../../../../src/domain/commands/parse-handover.js';

describe('parseHandover: the customer, then the person', () => {
  it.each([
    ['华为 给 李四', { customer: '华为', to: '李四' }],
    ['华为给李四', { customer: '华为', to: '李四' }],
    ['华为 to 李四', { customer: '华为', to: '李四' }],
    ['Acme Corp TO S102', { customer: 'Acme Corp', to: 'S102' }],
    ['  上海 华为 给  S102 ', { customer: '上海 华为', to: 'S102' }],
  ])('%s -> %o', (text, expected) => {
    expect(parseHandover(text)).toEqual({ ok: true, value: expected });
  });

  it.each([[''], ['华为'], ['给 李四'], ['华为 给'], ['toronto']])('%s -> the usage line', (text) => {
    expect(parseHandover(text)).toEqual({ ok: false, problem: { key: 'handover.usage' } });
  });
});
