import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One part of a hand-built zip: raw deflate bytes and the uncompressed size its headers declare. */
export interface ZipPart {
  name: string;
  data: Buffer;
  size: number;
  crc?: number;
}

/** A zip laid out the way Excel writes one: local headers with sizes, no data descriptors, then the directory. */
export function zipOf(parts: ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc ?? 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.crc ?? 0, 16);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(part.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, name, part.data);
    directory.push(central, name);
    offset += 30 + name.length + part.data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dir, end]);
}

/** An honest part: the text deflated, with its real size and CRC. */
export function deflatedPart(name: string, text: string): ZipPart {
  const raw = Buffer.from(text);
  return { name, data: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
}

/**
 * Raw deflate of head + body × times + tail without ever building the inflated text: the body is
 * compressed once with a full flush (no back-references across it, byte-aligned, not final), and
 * those bytes are repeated. Megabytes of XML per kilobyte, as a real bomb.
 */
export function repeatedDeflate(head: string, body: string, times: number, tail: string): { data: Buffer; size: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const repeated = deflateRawSync(body, flush);
  const data = Buffer.concat([deflateRawSync(head, flush), ...Array.from({ length: times }, () => repeated), deflateRawSync(tail)]);
  return { data, size: Buffer.byteLength(head) + Buffer.byteLength(body) * times + Buffer.byteLength(tail) };
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="组织" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

/** One row of inline-string cells (no shared strings part needed), at most 26 columns. */
export function sheetRow(rowNumber: number, cells: string[]): string {
  const cell = (text: string, i: number) => `<c r="${String.fromCharCode(65 + i)}${rowNumber}" t="inlineStr"><is><t>${text}</t></is></c>`;
  return `<row r="${rowNumber}">${cells.map(cell).join('')}</row>`;
}

/** A one-sheet workbook whose sheet part is given (honest or not); the other parts are honest. */
export function workbookWith(sheet: ZipPart): Buffer {
  return zipOf([
    deflatedPart('[Content_Types].xml', CONTENT_TYPES),
    deflatedPart('_rels/.rels', ROOT_RELS),
    deflatedPart('xl/workbook.xml', WORKBOOK),
    deflatedPart('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    { ...sheet, name: 'xl/worksheets/sheet1.xml' },
  ]);
}

/**
 * The bomb, built in milliseconds: a few hundred KB whose sheet inflates to `megabytes` MB
 * of repeated cells. With `declaredSize` the headers lie about the sheet's size.
 */
export function xlsxBomb(megabytes: number, declaredSize?: number): Buffer {
  const row = sheetRow(2, Array.from({ length: 20 }, () => '华东一组'));
  const perMegabyte = row.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(row)));
  const sheet = repeatedDeflate(SHEET_HEAD + sheetRow(1, ['部门', '姓名', '工号']), perMegabyte, megabytes, SHEET_TAIL);
  return workbookWith({ name: 'sheet', data: sheet.data, size: declaredSize ?? sheet.size });
}
