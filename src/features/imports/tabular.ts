import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * Reads spreadsheets into plain records keyed by header, each with the row number a person sees in
 * the file (the header is row 1, so the first data row is row 2). Used by every import.
 */
export interface TabularRecord {
  rowNumber: number;
  record: Record<string, unknown>;
}

export function readCsv(text: string): TabularRecord[] {
  const withoutBom = text.replace(/^\uFEFF/, '');
  const rows = parseCsv(withoutBom, { columns: false, skip_empty_lines: false, relax_column_count: true, trim: true }) as string[][];
  const [header, ...data] = rows;
  if (!header) return [];
  const records: TabularRecord[] = [];
  data.forEach((cells, index) => {
    if (cells.every((c) => c === '')) return;
    const record: Record<string, unknown> = {};
    header.forEach((name, i) => {
      record[name] = cells[i] ?? '';
    });
    records.push({ rowNumber: index + 2, record });
  });
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

export async function readXlsx(buffer: Buffer | Uint8Array): Promise<TabularRecord[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col] = String(cellText(cell.value)).trim();
  });
  const records: TabularRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const record: Record<string, unknown> = {};
    let any = false;
    headers.forEach((name, col) => {
      if (!name) return;
      const value = cellText(row.getCell(col).value);
      if (value !== '') any = true;
      record[name] = value;
    });
    if (any) records.push({ rowNumber, record });
  });
  return records;
}

/** JSON rows are numbered from 1 in the order given. */
export function readJsonRows(rows: unknown[]): TabularRecord[] {
  return rows.map((row, index) => ({
    rowNumber: index + 1,
    record: row !== null && typeof row === 'object' ? (row as Record<string, unknown>) : {},
  }));
}

/** Writes records to an .xlsx workbook (exports, and tests that build import files). */
export async function writeXlsx(sheetName: string, headers: string[], rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
