import { z } from 'zod';
import type { ImportLimits } from '../../features/imports/import-limits.js';
import { readCsv, readXlsx, type TabularRecord } from '../../features/imports/tabular.js';
import { webError, type WebContext } from '../request-context.js';

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** 10 MB files, as the Bearer-token import allows, sent base64 in JSON (4/3 larger). */
export const UPLOAD_BODY_LIMIT = 15 * 1024 * 1024;

/** A file the H5 page read and sent as base64 in JSON, with its name (the type comes from it). */
export const uploadBody = z.object({ fileName: z.string().trim().min(1).max(200), content: z.base64().min(1) });

/** The rows of an uploaded .xlsx or .csv, with the row and size caps of every import. */
export async function recordsOfUpload(web: WebContext, upload: { fileName: string; content: string }, limits: ImportLimits): Promise<TabularRecord[]> {
  const bytes = Buffer.from(upload.content, 'base64');
  let records: TabularRecord[];
  if (/\.csv$/i.test(upload.fileName)) records = await readCsv(bytes.toString('utf8'), limits);
  else if (/\.xlsx$/i.test(upload.fileName)) {
    if (!bytes.subarray(0, 4).equals(XLSX_MAGIC)) throw webError('VALIDATION_FAILED', 'web.orgImport.notXlsx', web.locale);
    records = await readXlsx(bytes, limits);
  } else throw webError('VALIDATION_FAILED', 'web.orgImport.fileType', web.locale, { name: upload.fileName });
  if (records.length === 0) throw webError('VALIDATION_FAILED', 'web.orgImport.empty', web.locale);
  return records;
}
