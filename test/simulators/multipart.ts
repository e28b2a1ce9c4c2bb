import type { IncomingMessage } from 'node:http';

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/**
 * A small multipart/form-data reader for the simulators' upload endpoints: keeps each part's bytes
 * exactly (a workbook must open afterwards), whichever client library built the body.
 */
export async function readMultipart(request: IncomingMessage): Promise<MultipartPart[] | undefined> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(request.headers['content-type'] ?? '');
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (!boundary) return undefined;
  const body = Buffer.concat(chunks);
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Between delimiters: CRLF, headers, CRLF CRLF, data, CRLF.
    const section = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = section.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = section.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
      if (name !== undefined) parts.push({ name, ...(filename !== undefined ? { filename } : {}), ...(contentType ? { contentType } : {}), data: Buffer.from(section.subarray(headerEnd + 4)) });
    }
    start = next;
  }
  return parts;
}
