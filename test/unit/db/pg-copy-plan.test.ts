import { describe, expect, it } from 'vitest';
import { orderByForeignKeys, toPgValue } from '../../../src/db/pg-copy-plan.js';

const key = (table: string, references: string) => ({ constraint: `${table}_${references}_fk`, table, references });

describe('the order of a copy', () => {
  it('puts parents before children and defers nothing when the keys allow it', () => {
    const { order, deferred } = orderByForeignKeys(['payments', 'deals', 'users', 'customers'], [key('payments', 'deals'), key('deals', 'customers'), key('deals', 'users'), key('customers', 'users')]);
    expect(order).toEqual(['users', 'customers', 'deals', 'payments']);
    expect(deferred).toEqual([]);
  });

  it('defers the keys of a cycle and of a table that points at itself, and only those', () => {
    const keys = [key('departments', 'users'), key('users', 'departments'), key('departments', 'departments'), key('visits', 'users')];
    const { order, deferred } = orderByForeignKeys(['departments', 'users', 'visits'], keys);
    expect(order).toEqual(['users', 'departments', 'visits']);
    expect(deferred.map((k) => k.constraint).sort()).toEqual(['departments_departments_fk', 'users_departments_fk']);
  });

  it('ignores keys to tables that are not copied', () => {
    expect(orderByForeignKeys(['a'], [key('a', 'elsewhere')])).toEqual({ order: ['a'], deferred: [] });
  });
});

describe('a SQLite value as its pg column wants it', () => {
  it('turns 0/1 into booleans, epoch ms into an ISO instant, and keeps integers exact as text', () => {
    expect([toPgValue(1n, 'boolean'), toPgValue(0n, 'boolean'), toPgValue(null, 'boolean')]).toEqual([true, false, null]);
    expect(toPgValue(1_772_296_200_000n, 'timestamp with time zone')).toBe('2026-02-28T16:30:00.000Z');
    expect(toPgValue(9_007_199_254_740_993n, 'bigint')).toBe('9007199254740993');
    expect(toPgValue('{"a":1}', 'jsonb')).toBe('{"a":1}');
    expect(toPgValue(Buffer.from('x'), 'bytea')).toEqual(Buffer.from('x'));
  });
});
