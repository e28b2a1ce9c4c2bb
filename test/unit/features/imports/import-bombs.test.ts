import { describe, expect, it } from 'vitest';
import { isProblemError, type Problem } from '../../../../src/domain/problem.js';
import { DEFAULT_IMPORT_LIMITS, reportedRowErrors } from '../../../../src/features/imports/import-limits.js';
import { readCsv, readJsonRows, readXlsx, writeXlsx } from '../../../../src/features/imports/tabular.js';
import { readZipDirectory } from '../../../../src/features/imports/zip-guard.js';
import { deflatedPart, SHEET_HEAD, SHEET_TAIL, sheetRow, workbookWith, xlsxBomb } from '../../../helpers/zip-bomb.js';

/** The Problem a reader refused with (fails the test when it did not refuse with one). */
async function refusal(reading: Promise<unknown>): Promise<Problem> {
  const error = await reading.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isProblemError(error)) throw new Error(`expected a Problem, got ${String(error)}`);
  return error.problem;
}

const csvOf = (rows: number) => ['工号,姓名', ...Array.from({ length: rows }, (_, i) => `E${i},人${i}`)].join('\n');

describe('spreadsheet import limits', () => {
  it('refuses a 300 MB xlsx bomb from its zip directory, before inflating it', async () => {
    const bomb = xlsxBomb(300);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    expect(() => readZipDirectory(bomb, DEFAULT_IMPORT_LIMITS)).toThrow('import.tooLarge');
    expect(await refusal(readXlsx(bomb))).toEqual({ code: 'VALIDATION_FAILED', key: 'import.tooLarge', params: { maxMb: 50 } });
    // Reading it whole took 3.3 GB; refused from the directory it takes nothing worth measuring.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a part that inflates past the size its headers declare (a lying header), counting while inflating', async () => {
    const liar = xlsxBomb(60, 1000);
    expect(() => readZipDirectory(liar, DEFAULT_IMPORT_LIMITS)).not.toThrow();
    expect((await refusal(readXlsx(liar))).key).toBe('import.tooLarge');
  });

  it('reads an honest workbook laid out as Excel writes it (no data descriptors), skipping empty rows', async () => {
    const sheet = deflatedPart('sheet', SHEET_HEAD + sheetRow(1, ['部门', '姓名']) + sheetRow(2, ['销售部', '张三']) + sheetRow(4, ['销售部/华东一组', '李四']) + SHEET_TAIL);
    expect(await readXlsx(workbookWith(sheet))).toEqual([
      { rowNumber: 2, record: { 部门: '销售部', 姓名: '张三' } },
      { rowNumber: 4, record: { 部门: '销售部/华东一组', 姓名: '李四' } },
    ]);
  });

  it('refuses a zip with bytes hidden between its parts, or cut short, as not a workbook', async () => {
    const good = await writeXlsx('组织', ['工号'], [['E1']]);
    // Extra bytes after the last part, the directory offset moved past them: a sequential reader would see them.
    const end = good.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const directory = good.readUInt32LE(end + 16);
    const extra = Buffer.from('PK\u0003\u0004hidden');
    const hidden = Buffer.concat([good.subarray(0, directory), extra, good.subarray(directory)]);
    hidden.writeUInt32LE(directory + extra.length, end + extra.length + 16);
    expect(() => readZipDirectory(hidden, DEFAULT_IMPORT_LIMITS)).toThrow('import.notXlsx');
    expect((await refusal(readXlsx(hidden))).key).toBe('import.notXlsx');
    expect((await refusal(readXlsx(good.subarray(0, good.length - 30)))).key).toBe('import.notXlsx');
    expect(await readXlsx(good)).toEqual([{ rowNumber: 2, record: { 工号: 'E1' } }]);
  });

  it('refuses a CSV with one data row more than the cap (20,000 by default) and reads one at the cap', async () => {
    expect(await refusal(readCsv(csvOf(20_001)))).toEqual({ code: 'VALIDATION_FAILED', key: 'import.tooManyRows', params: { max: 20_000 } });
    const atCap = await readCsv(csvOf(20_000));
    expect(atCap).toHaveLength(20_000);
    expect(atCap[19_999]).toEqual({ rowNumber: 20_001, record: { 工号: 'E19999', 姓名: '人19999' } });
  });

  it('refuses an xlsx and JSON rows over a configured row cap', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxRows: 50 };
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [`E${i}`]);
    expect((await refusal(readXlsx(await writeXlsx('组织', ['工号'], rows(51)), limits))).params).toEqual({ max: 50 });
    expect(await readXlsx(await writeXlsx('组织', ['工号'], rows(50)), limits)).toHaveLength(50);
    expect(() => readJsonRows(rows(51), limits)).toThrow('import.tooManyRows');
  });

  it('reports the first 100 row errors and counts the rest', () => {
    const errors = Array.from({ length: 250 }, (_, i) => ({ rowNumber: i + 2, reason: 'bad' }));
    const reported = reportedRowErrors(errors);
    expect(reported.errors).toEqual(errors.slice(0, 100));
    expect(reported.moreErrors).toBe(150);
    expect(reportedRowErrors(errors.slice(0, 3))).toEqual({ errors: errors.slice(0, 3), moreErrors: 0 });
  });
});
