import { describe, expect, it } from 'vitest';
import { parsePercent, parseYuan, percentInput, yuanInput, yuanText } from '../../../src/web/public/js/money.js';

describe('admin amounts: typed in 元 / 万, stored in integer fen, exactly', () => {
  it.each([
    ['100000', 10_000_000],
    ['100,000', 10_000_000],
    ['¥100000元', 10_000_000],
    ['0.29', 29],
    ['1.1', 110],
    ['12.34', 1234],
    ['10万', 10_000_000],
    ['1.5万', 1_500_000],
    ['0.000001万', 1],
    ['0', 0],
  ])('%s 元 → %i fen', (typed, fen) => {
    expect(parseYuan(typed)).toBe(fen);
  });

  it.each(['', 'abc', '1.234', '-5', '1e5', '1.0000001万', '12.3.4'])('refuses %j', (typed) => {
    expect(parseYuan(typed)).toBeNull();
  });

  it('shows fen as 元 with the 万 beside it', () => {
    expect(yuanText(10_000_000)).toBe('¥100,000 / 10万');
    expect(yuanText(100_000)).toBe('¥1,000');
    expect(yuanText(12_345_678)).toBe('¥123,456.78 / 12.34万');
    expect(yuanText(1_500_000)).toBe('¥15,000 / 1.5万');
    expect(yuanInput(10_000_000)).toBe('100000');
    expect(yuanInput(1234)).toBe('12.34');
    expect(yuanInput(1230)).toBe('12.3');
    expect(yuanInput(null)).toBe('');
  });

  it('round-trips every fen value of a range through the input text', () => {
    for (let fen = 0; fen < 3000; fen += 7) expect(parseYuan(yuanInput(fen))).toBe(fen);
  });

  it('ratios are typed and shown in %', () => {
    expect(parsePercent('80')).toBe(0.8);
    expect(parsePercent('80%')).toBe(0.8);
    expect(parsePercent('12.5')).toBe(0.125);
    expect(parsePercent('7.25')).toBe(0.0725);
    expect(parsePercent('1.234')).toBeNull();
    expect(percentInput(0.8)).toBe('80');
    expect(percentInput(0.125)).toBe('12.5');
    expect(percentInput(undefined)).toBe('');
  });
});
