import type { ServerResponse } from 'node:http';

/**
 * Images inside received messages, as Feishu serves them: GET
 * /open-apis/im/v1/messages/:message_id/resources/:file_key?type=image (tenant token) answers the bytes;
 * a key that does not belong to that message answers code 234003-style JSON with HTTP 400.
 */
export function createFeishuResources() {
  const images = new Map<string, { bytes: Buffer; mime: string }>();
  const downloads: { messageId: string; fileKey: string; type: string | null }[] = [];

  return {
    downloads,
    /** An image a user sent in message `messageId`, under `imageKey`. */
    addImage(messageId: string, imageKey: string, bytes: Buffer, mime = 'image/jpeg'): void {
      images.set(`${messageId}/${imageKey}`, { bytes, mime });
    },
    /** Answers the resource path; false when the path is not a resource download. */
    serve(method: string, path: string, url: URL, res: ServerResponse): boolean {
      const match = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(path);
      if (method !== 'GET' || !match) return false;
      const [messageId, fileKey] = [decodeURIComponent(match[1] as string), decodeURIComponent(match[2] as string)];
      const type = url.searchParams.get('type');
      downloads.push({ messageId, fileKey, type });
      const image = images.get(`${messageId}/${fileKey}`);
      if (!image || (type !== 'image' && type !== 'file')) {
        res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ code: 234003, msg: 'File not in msg.' }));
        return true;
      }
      res.writeHead(200, { 'content-type': image.mime, 'content-length': String(image.bytes.length) });
      res.end(image.bytes);
      return true;
    },
  };
}
