/**
 * What the sandbox platform needs from outside, passed in by app.ts (the platform imports no db
 * code): src/db/repositories/sandbox-transcript.ts implements the transcript store and the org
 * repository the user directory.
 */

export interface TranscriptLine {
  id: number;
  direction: 'in' | 'out';
  payload: unknown;
  createdAt: number;
}

export interface StoredFile {
  name: string;
  mimeType: string;
  content: Buffer;
}

/** The transcript the sandbox page reads, and the files the sandbox "sent". */
export interface SandboxTranscriptStore {
  /** Stores an outbound line once per idempotency key; a repeat returns the first line's id. */
  storeOutbound(userId: number, payload: unknown, idempotencyKey: string, now: number): Promise<number>;
  /** Replaces what a line shows (a card updated in place). */
  replacePayload(lineId: number, payload: unknown, now: number): Promise<void>;
  /**
   * Stores a file and the transcript line that offers it in one transaction, once per idempotency
   * key; `line` builds the line's payload from the file's id. Returns the line's id.
   */
  storeFile(userId: number, file: StoredFile, idempotencyKey: string, now: number, line: (fileId: number) => unknown): Promise<number>;
  file(fileId: number): Promise<StoredFile | undefined>;
  recordInbound(userId: number, payload: unknown, now: number): Promise<number>;
  /** A user's lines after `afterId`, oldest first. */
  transcript(userId: number, afterId: number): Promise<TranscriptLine[]>;
}

/** The people the sandbox page lets you chat as. */
export interface SandboxUserDirectory {
  listUsers(options: { activeOnly: boolean }): Promise<{ employeeNo: string; name: string; roles: string[] }[]>;
  getUserByEmployeeNo(employeeNo: string): Promise<{ id: number } | undefined>;
}
