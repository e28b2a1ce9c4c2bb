import { beforeAll, describe, expect, it, vi } from 'vitest';

let apiUpload: typeof import('../../../src/web/public/js/upload.js').apiUpload;

beforeAll(async () => {
  // i18n.js reads the saved language when it loads.
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  ({ apiUpload } = await import('../../../src/web/public/js/upload.js'));
});

/** Stands in for XMLHttpRequest: the test plays the browser's events in order. */
class FakeRequest {
  static last: FakeRequest;
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void; onload?: () => void } = {};
  onload?: () => void;
  onerror?: () => void;
  status = 0;
  statusText = '';
  responseText = '';
  opened: string[] = [];
  headers: Record<string, string> = {};
  sent: string | undefined;
  withCredentials = false;
  constructor() {
    FakeRequest.last = this;
  }
  open(method: string, url: string) {
    this.opened = [method, url];
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: string) {
    this.sent = body;
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

describe('H5 upload with progress', () => {
  it('reports the bytes sent, then processing, then resolves with the answer', async () => {
    const seen: unknown[] = [];
    const done = apiUpload('/admin/org/import', { fileName: 'org.csv', content: 'YQ==' }, (p) => seen.push(p), FakeRequest);
    const xhr = FakeRequest.last;
    expect(xhr.opened).toEqual(['POST', '/api/admin/org/import']);
    expect(xhr.headers['content-type']).toBe('application/json');
    expect(JSON.parse(xhr.sent ?? '')).toEqual({ fileName: 'org.csv', content: 'YQ==' });
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 250, total: 1000 });
    xhr.upload.onprogress?.({ lengthComputable: false, loaded: 0, total: 0 });
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 1000, total: 1000 });
    xhr.upload.onload?.();
    xhr.answer(200, { ok: true, created: 3 });
    await expect(done).resolves.toEqual({ ok: true, created: 3 });
    expect(seen).toEqual([{ phase: 'upload', loaded: 250, total: 1000 }, { phase: 'upload', loaded: 1000, total: 1000 }, { phase: 'processing' }]);
  });

  it('rejects a refused import with the row errors in the error body, as api() does', async () => {
    const done = apiUpload('/finance/receipts/import', {}, () => undefined, FakeRequest);
    FakeRequest.last.answer(422, { error: 'IMPORT_INVALID', errors: [{ rowNumber: 2, reason: 'x' }], moreErrors: 0 });
    await expect(done).rejects.toMatchObject({ status: 422, code: 'IMPORT_INVALID', body: { errors: [{ rowNumber: 2, reason: 'x' }] } });
  });

  it('rejects on a network error', async () => {
    const done = apiUpload('/admin/org/import', {}, () => undefined, FakeRequest);
    FakeRequest.last.onerror?.();
    await expect(done).rejects.toThrow('网络错误');
  });
});
