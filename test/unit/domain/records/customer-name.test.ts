import { describe, expect, it } from 'vitest';
import { normaliseName } from '../../../../src/domain/records/customer-name.js';
import { editDistance, nearMatches } from '../../../../src/domain/records/near-match.js';

describe('normaliseName (the customer dedupe key)', () => {
  it.each([
    ['华为技术有限公司', '华为技术'],
    ['华为技术公司', '华为技术'],
    ['华为技术', '华为技术'],
    [' 华为 技术 有限公司 ', '华为技术'],
    ['华为技术股份有限公司', '华为技术'],
    ['华为技术有限责任公司', '华为技术'],
    ['（深圳）华为技术有限公司', '深圳华为技术'],
    ['ＡＢＣ　Ｌｔｄ', 'abc'],
    ['Acme Co., Ltd.', 'acme'],
    ['ACME Inc.', 'acme'],
    ['公司', '公司'],
    ['Zinc', 'zinc'],
    ['Acme Limited', 'acme'],
    ['华为 Co., Ltd.', '华为'],
  ])('%s -> %s', (input, key) => {
    expect(normaliseName(input)).toBe(key);
  });

  // Look-alikes: NFKC, format characters (Cf) stripped, Cyrillic/Greek letters that look Latin folded.
  it.each([
    ['\u041duawei', 'Cyrillic capital En'],
    ['Hua\u200bwei', 'zero-width space'],
    ['\u200fHuawei\u200e', 'RTL and LTR marks'],
    ['\u202eHuawei\u202c', 'bidi override'],
    ['\ufeffHu\u200dawei\u2060', 'BOM, ZWJ, word joiner'],
    ['Ｈｕａｗｅｉ', 'full width'],
    ['Ηuаwеі', 'Greek Eta, Cyrillic a, e and i'],
    ['HUAWEI Co., Ltd.', 'case and suffix'],
  ])('%s (%s) has the key of Huawei', (input) => {
    expect(normaliseName(input)).toBe(normaliseName('Huawei'));
  });

  it('keeps names that only differ by real letters apart', () => {
    expect(normaliseName('Huawei')).not.toBe(normaliseName('Huawai'));
    expect(normaliseName('华为')).toBe('华为');
  });
});

describe('nearMatches', () => {
  const candidates = [
    { id: 1, names: ['华为技术有限公司', '华为'] },
    { id: 2, names: ['阿里巴巴网络技术有限公司', '阿里'] },
    { id: 3, names: ['华润万家'] },
  ];

  it('finds a contained name, a one-character typo, and nothing for a stranger', () => {
    expect(nearMatches('华为技朮', candidates).map((c) => c.id)).toEqual([1]);
    expect(nearMatches('阿里巴巴', candidates).map((c) => c.id)).toEqual([2]);
    expect(nearMatches('字节跳动', candidates)).toEqual([]);
  });

  it('does not match on a single shared character', () => {
    expect(nearMatches('华', candidates)).toEqual([]);
  });

  it('measures edit distance by characters', () => {
    expect(editDistance('华为技术', '华为技朮')).toBe(1);
    expect(editDistance('abc', 'abd')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
