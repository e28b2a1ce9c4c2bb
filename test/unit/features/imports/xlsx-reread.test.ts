import { describe, expect, it, vi } from 'vitest';
import { isProblemError } from '../../../../src/domain/problem.js';
import { readXlsx, writeXlsx } from '../../../../src/features/imports/tabular.js';

/**
 * exceljs' stream reader sometimes throws "Cannot read properties of undefined (reading 'sheets')" on
 * a valid workbook (it parsed a worksheet before the workbook part); the same bytes read again are
 * fine. Here the reader fails on its first reads as it does then: a valid upload is still read, and
 * a reader that keeps failing still ends in the localised "not a workbook" refusal.
 */
const failures = vi.hoisted(() => ({ left: 0, reads: 0 }));
vi.mock('exceljs', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: typeof import('exceljs') }).default;
  const Reader = real.stream.xlsx.WorkbookReader;
  class FlakyReader extends Reader {
    override async *[Symbol.asyncIterator]() {
      failures.reads += 1;
      if (failures.left > 0) {
        failures.left -= 1;
        throw new TypeError("Cannot read properties of undefined (reading 'sheets')");
      }
      yield* super[Symbol.asyncIterator]();
    }
  }
  return { default: { ...real, stream: { ...real.stream, xlsx: { ...real.stream.xlsx, WorkbookReader: FlakyReader } } } };
});

const workbook = () => writeXlsx('客户', ['客户名称', '渠道'], [['华为', '直销']]);

describe('an .xlsx read when exceljs stumbles', () => {
  it('reads a valid workbook whose first read failed', async () => {
    const bytes = await workbook();
    Object.assign(failures, { left: 1, reads: 0 });
    expect(await readXlsx(bytes)).toEqual([{ rowNumber: 2, record: { 客户名称: '华为', 渠道: '直销' } }]);
    expect(failures.reads).toBe(2);
  });

  it('refuses as not a workbook when every read fails, after two', async () => {
    const bytes = await workbook();
    Object.assign(failures, { left: 5, reads: 0 });
    const refusal = await readXlsx(bytes).then(
      () => null,
      (error: unknown) => (isProblemError(error) ? error.problem : error),
    );
    expect(refusal).toMatchObject({ key: 'import.notXlsx' });
    expect(failures.reads).toBe(2);
  });
});
