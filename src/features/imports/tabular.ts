import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { isProblemError } from '../../domain/problem.js';
import { DEFAULT_IMPORT_LIMITS, notXlsx, ROWS_PER_TURN, tooManyRows, yieldToEventLoop, type ImportLimits } from './import-limits.js';
import { checkZipBomb } from './zip-guard.js';

/**
 * Reads spreadsheets into plain records keyed by header, each with the row number a person sees in
 * the file (the header is row 1, so the first data row is row 2). Used by every import.
 */
export interface TabularRecord {
  rowNumber: number;
  record: Record<string, unknown>;
}

/** Cuts text into pieces the CSV parser takes one at a time, so no single step parses the whole file. */
function* pieces(text: string, size = 64 * 1024): Generator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

/**
 * Parses CSV as a stream: the event loop gets a turn every few hundred rows, and a file with more
 * data rows than the cap is refused as soon as row cap + 1 is read.
 */
export async function readCsv(text: string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<TabularRecord[]> {
  const source = Readable.from(pieces(text.replace(/^\uFEFF/, '')));
  const parser = source.pipe(parseCsv({ columns: false, skip_empty_lines: false, relax_column_count: true, trim: true }));
  const records: TabularRecord[] = [];
  let header: string[] | undefined;
  let index = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = cells;
        continue;
      }
      index += 1;
      if (index % ROWS_PER_TURN === 0) await yieldToEventLoop();
      if (cells.every((c) => c === '')) continue;
      const record: Record<string, unknown> = {};
      header.forEach((name, i) => {
        record[name] = cells[i] ?? '';
      });
      records.push({ rowNumber: index + 1, record });
      if (records.length > limits.maxRows) throw tooManyRows(limits);
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
  return records;
}

function cellText(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
  }
  return value;
}

/** The first worksheet's rows, header from row 1, refused at row cap + 1. */
async function readFirstSheet(sheet: AsyncIterable<ExcelJS.Row>, limits: ImportLimits): Promise<TabularRecord[]> {
  const headers: string[] = [];
  const records: TabularRecord[] = [];
  let seen = 0;
  for await (const row of sheet) {
    seen += 1;
    if (seen % ROWS_PER_TURN === 0) await yieldToEventLoop();
    if (row.number === 1) {
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        headers[col] = String(cellText(cell.value)).trim();
      });
      continue;
    }
    const record: Record<string, unknown> = {};
    let any = false;
    headers.forEach((name, col) => {
      if (!name) return;
      const value = cellText(row.getCell(col).value);
      if (value !== '') any = true;
      record[name] = value;
    });
    if (!any) continue;
    records.push({ rowNumber: row.number, record });
    if (records.length > limits.maxRows) throw tooManyRows(limits);
  }
  return records;
}

/** exceljs is loaded on the first spreadsheet read or written, not at start-up. */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/**
 * Reads the first worksheet of an .xlsx as a stream, after the zip passed the size checks
 * (checkZipBomb), so neither a bomb nor a huge sheet is ever held whole in memory.
 */
export async function readXlsx(buffer: Buffer | Uint8Array, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<TabularRecord[]> {
  const bytes = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  await checkZipBomb(bytes, limits);
  // exceljs' stream reader now and then parses a worksheet before the workbook part it needs
  // ("reading 'sheets'" of undefined, about 1 read in 100 under load), though the same bytes read
  // again are fine: a valid upload gets a second read before it is refused as not a workbook.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await readFirstSheetOf(bytes, limits);
    } catch (error) {
      if (isProblemError(error)) throw error;
      // exceljs' own refusals (a part it cannot parse) are a bad file, not a server fault.
      if (attempt >= XLSX_READ_ATTEMPTS) throw notXlsx();
    }
  }
}

const XLSX_READ_ATTEMPTS = 2;

async function readFirstSheetOf(bytes: Buffer, limits: ImportLimits): Promise<TabularRecord[]> {
  const input = Readable.from([bytes]);
  const workbook = new (await loadExcelJs()).stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  try {
    for await (const sheet of workbook) return await readFirstSheet(sheet, limits);
    return [];
  } finally {
    input.destroy();
  }
}

/** JSON rows are numbered from 1 in the order given; with limits, more than the row cap is refused. */
export function readJsonRows(rows: unknown[], limits?: ImportLimits): TabularRecord[] {
  if (limits && rows.length > limits.maxRows) throw tooManyRows(limits);
  return rows.map((row, index) => ({
    rowNumber: index + 1,
    record: row !== null && typeof row === 'object' ? (row as Record<string, unknown>) : {},
  }));
}

/** Writes records to an .xlsx workbook (exports, and tests that build import files). */
export async function writeXlsx(sheetName: string, headers: string[], rows: unknown[][]): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
