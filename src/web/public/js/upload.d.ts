// Types for the tests that import the upload helper (upload.js is served as is).
export type UploadProgress = { phase: 'upload'; loaded: number; total: number } | { phase: 'processing' };
export function apiUpload(path: string, body: unknown, onProgress: (progress: UploadProgress) => void, Request?: unknown): Promise<unknown>;
export function uploadStatus(id: string): { el: HTMLElement; show(progress: UploadProgress): void; hide(): void };
