import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readMultipart } from '../multipart.js';

export interface UploadedFile {
  fileKey: string;
  fileType: string;
  fileName: string;
  data: Buffer;
  at: number;
}

/** Feishu's im/v1/files file_type values. */
const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);

/**
 * POST /open-apis/im/v1/files as Feishu answers it: multipart file_type, file_name, file (not
 * empty, at most 30 MB) → file_key. Uploaded bytes are kept so tests can open them.
 */
export function createFeishuFileStore(clock: () => number = Date.now) {
  const uploads: UploadedFile[] = [];

  function json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  return {
    uploads,
    async upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const parts = await readMultipart(req);
      if (!parts) return json(res, 400, { code: 99992402, msg: 'field validation failed: expected multipart/form-data' });
      const field = (name: string) => parts.find((p) => p.name === name);
      const fileType = field('file_type')?.data.toString('utf8') ?? '';
      const fileName = field('file_name')?.data.toString('utf8') ?? '';
      const file = field('file');
      if (!FILE_TYPES.has(fileType)) return json(res, 400, { code: 234001, msg: 'Invalid request param: file_type' });
      if (!fileName) return json(res, 400, { code: 234001, msg: 'Invalid request param: file_name' });
      if (!file || file.data.length === 0) return json(res, 400, { code: 234010, msg: 'File size cannot be 0.' });
      if (file.data.length > 30 * 1024 * 1024) return json(res, 400, { code: 234006, msg: 'The file size exceed the max value.' });
      const fileKey = `file_v3_sim_${randomBytes(6).toString('hex')}`;
      uploads.push({ fileKey, fileType, fileName, data: file.data, at: clock() });
      return json(res, 200, { code: 0, msg: 'success', data: { file_key: fileKey } });
    },
    has(fileKey: unknown): boolean {
      return uploads.some((u) => u.fileKey === fileKey);
    },
  };
}
