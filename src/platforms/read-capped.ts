import { ResourceTooLargeError } from '../domain/records/checkin-input.js';

/** Reads a stream into one Buffer, giving up (and calling `abort`, to free the connection) past `maxBytes`. */
export async function readCapped(stream: AsyncIterable<unknown>, maxBytes: number, abort: () => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > maxBytes) {
      abort();
      throw new ResourceTooLargeError(maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
