import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/**
 * Files carried by robot messages (pictures), as DingTalk serves them: POST
 * /v1.0/robot/messageFiles/download {robotCode, downloadCode} answers {downloadUrl}, a short-lived URL
 * (here on the simulator, under /sim-files/) that needs no token.
 */
export function createDingTalkMessageFiles(options: { robotCode: string; baseUrl: () => string }) {
  const byCode = new Map<string, { bytes: Buffer; mime: string }>();
  const byUrlId = new Map<string, { bytes: Buffer; mime: string }>();
  const downloads: { downloadCode: string; at: number }[] = [];

  function json(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }

  return {
    downloads,
    /** A picture a user sent: the downloadCode its robot message carries. */
    addPicture(bytes: Buffer, mime = 'image/jpeg'): string {
      const code = `dl-${randomUUID()}`;
      byCode.set(code, { bytes, mime });
      return code;
    },
    /** POST /v1.0/robot/messageFiles/download (the caller has checked the token). */
    download(body: Record<string, unknown>, response: ServerResponse, at: number): void {
      if (body.robotCode !== options.robotCode) return json(response, 400, { code: 'robot.notExist', message: 'robotCode' });
      const file = byCode.get(String(body.downloadCode));
      if (!file) return json(response, 400, { code: 'invalidParameter.downloadCode', message: 'downloadCode invalid' });
      downloads.push({ downloadCode: String(body.downloadCode), at });
      const id = randomUUID();
      byUrlId.set(id, file);
      return json(response, 200, { downloadUrl: `${options.baseUrl()}/sim-files/${id}` });
    },
    /** GET /sim-files/:id — true when it answered. */
    serve(path: string, response: ServerResponse): boolean {
      const match = /^\/sim-files\/([^/]+)$/.exec(path);
      if (!match) return false;
      const file = byUrlId.get(match[1] as string);
      if (!file) {
        response.writeHead(404).end();
        return true;
      }
      response.writeHead(200, { 'content-type': file.mime, 'content-length': String(file.bytes.length) });
      response.end(file.bytes);
      return true;
    },
  };
}
