import { describe, expect, it } from 'vitest';
import { completenessOf, missingFields, overallShare } from '../../../../src/domain/records/completeness.js';

describe('data completeness', () => {
  it('treats null, blank text and empty lists as missing, and ignores fields it does not know', () => {
    expect(missingFields('customer', { channelId: null, region: '  ', industry: '制造', tags: [] }, ['channel', 'region', 'industry', 'tags', 'nonsense'])).toEqual([
      'channel',
      'region',
      'tags',
    ]);
  });

  it('computes the share and lists what each record lacks', () => {
    const result = completenessOf(
      'contact',
      [
        { id: 1, label: '华为 李总', values: { title: '采购经理', phone: '13812345678' } },
        { id: 2, label: '华为 王工', values: { title: null, phone: '13912345678' } },
        { id: 3, label: '腾讯 马总', values: { title: null, phone: null } },
        { id: 4, label: '小米 雷总', values: { title: 'CEO', phone: '13700000000' } },
      ],
      ['title', 'phone'],
    );
    expect(result).toEqual({
      total: 4,
      complete: 2,
      share: 0.5,
      missing: [
        { id: 2, label: '华为 王工', fields: ['title'] },
        { id: 3, label: '腾讯 马总', fields: ['title', 'phone'] },
      ],
    });
  });

  it('counts nothing to check as complete, and weighs every record the same overall', () => {
    const empty = completenessOf('deal', [], ['title']);
    expect(empty.share).toBe(1);
    const half = completenessOf('deal', [{ id: 1, label: 'a', values: { title: 'x' } }, { id: 2, label: 'b', values: { title: null } }], ['title']);
    const whole = completenessOf('customer', [{ id: 1, label: 'c', values: { region: '北京' } }, { id: 2, label: 'd', values: { region: '上海' } }], ['region']);
    expect(overallShare([empty, half, whole])).toBe(0.75);
  });
});
