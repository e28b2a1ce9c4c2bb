import { describe, expect, it } from 'vitest';
import { completenessOf, missingFields, overallShare, repCompleteness } from '../../../../src/domain/records/completeness.js';

describe('data completeness', () => {
  it('treats null, blank text and empty lists as missing, and ignores fields it does not know', () => {
    expect(missingFields('customer', { salesChannelId: null, region: '  ', industry: '制造', tags: [] }, ['salesChannel', 'region', 'industry', 'tags', 'nonsense'])).toEqual([
      'salesChannel',
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

describe('repCompleteness: the one definition', () => {
  const NOV = { start: Date.parse('2026-11-01T00:00:00+08:00'), end: Date.parse('2026-12-01T00:00:00+08:00') };
  const at = (iso: string) => Date.parse(iso);
  const records = {
    customer: [
      { id: 1, label: 'old', values: { region: null }, createdAt: at('2026-10-31T23:59:59+08:00') },
      { id: 2, label: 'a', values: { region: '上海', industry: '制造' }, createdAt: NOV.start },
      { id: 3, label: 'b', values: { region: '杭州', industry: null }, createdAt: at('2026-11-30T23:59:59+08:00') },
      { id: 4, label: 'next', values: { region: null }, createdAt: NOV.end },
    ],
    contact: [{ id: 5, label: 'c', values: { title: null, phone: null }, createdAt: NOV.start }],
    deal: [{ id: 6, label: 'd', values: { title: 'x', expectedCloseDate: '2026-12-01' }, createdAt: NOV.start }],
  };

  it.each([
    ['customers only: 1 of the 2 created in November', { customer: ['region', 'industry'], contact: [], deal: [] }, 1, 2],
    ['contacts and deals too (each record counts once)', { customer: ['region', 'industry'], contact: ['phone'], deal: ['title'] }, 2, 4],
    ['nothing required: nothing checked, share 1', { customer: [], contact: [], deal: [] }, 0, 0],
  ] as const)('%s', (_name, required, complete, total) => {
    const result = repCompleteness(records, { customer: [...required.customer], contact: [...required.contact], deal: [...required.deal] }, NOV);
    expect({ complete: result.complete, total: result.total }).toEqual({ complete, total });
    expect(result.share).toBe(total === 0 ? 1 : complete / total);
  });
});
