import { createInflateRaw } from 'node:zlib';
import { notXlsx, tooLarge, type ImportLimits } from './import-limits.js';

/**
 * Checks an .xlsx (a zip) before anything inflates it: the central directory's declared sizes must
 * add up to at most the cap, and then every part is inflated once, as a stream that is only counted,
 * and stopped as soon as it outgrows what its header declared (a lying header). The parts must also
 * lie back to back from the first byte to the directory, so a reader that walks the local headers in
 * order (exceljs' unzipper does) sees exactly the parts counted here.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
/** Far more parts than any workbook of one sheet has; bounds the directory walk. */
const MAX_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

function findEndOfDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const last = bytes.length - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw notXlsx();
}

/** The central directory's entries, refused when the declared sizes pass the cap. */
export function readZipDirectory(bytes: Buffer, limits: ImportLimits): ZipEntry[] {
  if (bytes.length < 22) throw notXlsx();
  const eocd = findEndOfDirectory(bytes);
  const count = bytes.readUInt16LE(eocd + 10);
  const directorySize = bytes.readUInt32LE(eocd + 12);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  // Zip64 markers (0xffff, 0xffffffff) never occur in a workbook under the upload limit.
  if (count === 0 || count > MAX_ENTRIES || directoryOffset + directorySize > eocd) throw notXlsx();
  const entries: ZipEntry[] = [];
  let declared = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw notXlsx();
    const nameLength = bytes.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    };
    // Encrypted parts and methods other than stored/deflate are not workbooks we can read.
    if (entry.flags & 1 || (entry.method !== 0 && entry.method !== 8)) throw notXlsx();
    declared += entry.uncompressedSize;
    if (declared > limits.maxUncompressedBytes) throw tooLarge(limits);
    entries.push(entry);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  checkLayout(bytes, entries, directoryOffset);
  return entries;
}

/** Each local header where the directory says, with the same name, and nothing hidden between parts. */
function checkLayout(bytes: Buffer, entries: ZipEntry[], directoryOffset: number): void {
  let expected = 0;
  for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    const at = entry.localOffset;
    if (at !== expected || at + 30 > directoryOffset || bytes.readUInt32LE(at) !== LOCAL_SIGNATURE) throw notXlsx();
    const nameLength = bytes.readUInt16LE(at + 26);
    if (bytes.toString('utf8', at + 30, at + 30 + nameLength) !== entry.name || bytes.readUInt16LE(at + 8) !== entry.method) throw notXlsx();
    let end = at + 30 + nameLength + bytes.readUInt16LE(at + 28) + entry.compressedSize;
    // A data descriptor (flag bit 3) follows the data: 12 bytes, or 16 with its optional signature.
    if (entry.flags & 8) end += end + 4 <= directoryOffset && bytes.readUInt32LE(end) === DESCRIPTOR_SIGNATURE ? 16 : 12;
    if (end > directoryOffset) throw notXlsx();
    expected = end;
  }
  if (expected !== directoryOffset) throw notXlsx();
}

/** Inflates one part as a stream, counting bytes and stopping one chunk past `limit`; nothing is kept. */
function inflatedSize(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on('end', () => resolve(total));
    inflate.on('error', () => reject(notXlsx()));
    inflate.end(data);
  });
}

/**
 * Refuses a zip whose declared sizes pass the cap (before inflating anything) or whose parts inflate
 * to more than declared. zlib runs on the thread pool, so the event loop stays free meanwhile.
 */
export async function checkZipBomb(bytes: Buffer, limits: ImportLimits): Promise<void> {
  const entries = readZipDirectory(bytes, limits);
  for (const entry of entries) {
    const start = entry.localOffset + 30 + bytes.readUInt16LE(entry.localOffset + 26) + bytes.readUInt16LE(entry.localOffset + 28);
    const data = bytes.subarray(start, start + entry.compressedSize);
    const size = entry.method === 0 ? data.length : await inflatedSize(data, entry.uncompressedSize);
    if (size > entry.uncompressedSize) throw tooLarge(limits);
  }
}
