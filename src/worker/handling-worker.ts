import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { InboundMessage } from '../platforms/channel.js';
import type { FromWorker, ToWorker } from './protocol.js';

/** A message the worker took: `stored` false for a redelivery; `handled()` settles once its reply is out. */
export interface WorkerReceipt {
  stored: boolean;
  handled(): Promise<void>;
}

export interface HandlingWorker {
  /** Undefined once the worker has stopped (crashed or closed): the caller handles the message itself. */
  receive(event: InboundMessage): Promise<WorkerReceipt> | undefined;
  close(): Promise<void>;
}

export interface HandlingWorkerOptions {
  env: Record<string, string | undefined>;
  logger: Logger;
  /** Timings measured in the worker, for the service's metrics (only asked for when it has metrics). */
  observers?: { command(command: string, seconds: number): void; delivery(platform: string, result: string): void };
  /** The worker stopped with messages stored and not handled: the service takes them up. */
  onExit(unhandled: number): void;
  /** Tests: another entry script speaking the same protocol. */
  entry?: URL;
}

/** How long close() lets the worker finish its own shutdown before it is stopped. */
const CLOSE_WAIT_MS = 10_000;

// The entry next to this file: .js once built; .ts when the service runs under tsx (tests, the demo).
const TYPESCRIPT = extname(fileURLToPath(import.meta.url)) === '.ts';
const ENTRY = new URL(`./handling-entry${TYPESCRIPT ? '.ts' : '.js'}`, import.meta.url);

/** A worker does not inherit tsx's loader on Node 20: under tsx it registers it first, then loads the entry. */
function spawn(entry: URL, workerData: unknown): Worker {
  if (!TYPESCRIPT) return new Worker(entry, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, workerData });
}

/** Starts the handling worker (src/worker/handling-entry.ts) and speaks its protocol. */
export function startHandlingWorker(options: HandlingWorkerOptions): HandlingWorker {
  const worker = spawn(options.entry ?? ENTRY, { env: options.env, relayMetrics: options.observers !== undefined });
  const send = (message: ToWorker) => worker.postMessage(message);
  let nextId = 1;
  let running = true;
  let closing = false;
  let closed: (() => void) | undefined;
  const storing = new Map<number, { resolve(receipt: WorkerReceipt): void; reject(error: Error): void }>();
  const handling = new Map<number, { resolve(): void; reject(error: Error): void }>();

  worker.on('message', (message: FromWorker) => {
    switch (message.kind) {
      case 'ready':
        return;
      case 'stored': {
        const waiter = storing.get(message.id);
        storing.delete(message.id);
        if (!message.stored) return waiter?.resolve({ stored: false, handled: async () => undefined });
        const handled = new Promise<void>((resolve, reject) => handling.set(message.id, { resolve, reject }));
        // Failures are the caller's to report; this keeps one that nobody awaits from being unhandled.
        handled.catch(() => undefined);
        return waiter?.resolve({ stored: true, handled: () => handled });
      }
      case 'not-stored': {
        storing.get(message.id)?.reject(new Error(message.message));
        storing.delete(message.id);
        return;
      }
      case 'handled': {
        const waiter = handling.get(message.id);
        handling.delete(message.id);
        if (message.error === undefined) waiter?.resolve();
        else waiter?.reject(new Error(message.error));
        return;
      }
      case 'command':
        return options.observers?.command(message.command, message.seconds);
      case 'delivery':
        return options.observers?.delivery(message.platform, message.result);
      case 'closed':
        closed?.();
        return;
    }
  });
  worker.on('error', (error) => options.logger.error({ err: error }, 'handling worker failed'));
  worker.on('exit', (code) => {
    running = false;
    closed?.();
    const gone = new Error(`handling worker exited (${code})`);
    // Not stored: the receiver answers an error and the platform retries. Stored: the service takes them up.
    for (const waiter of storing.values()) waiter.reject(gone);
    const unhandled = handling.size;
    for (const waiter of handling.values()) waiter.reject(gone);
    storing.clear();
    handling.clear();
    if (!closing) options.onExit(unhandled);
  });

  return {
    receive(event) {
      if (!running) return undefined;
      const id = nextId++;
      const receipt = new Promise<WorkerReceipt>((resolve, reject) => storing.set(id, { resolve, reject }));
      send({ kind: 'receive', id, event });
      return receipt;
    },
    async close() {
      if (!running) return;
      closing = true;
      let timer: NodeJS.Timeout | undefined;
      const done = new Promise<void>((resolve) => {
        closed = resolve;
        timer = setTimeout(resolve, CLOSE_WAIT_MS);
      });
      send({ kind: 'close' });
      await done;
      clearTimeout(timer);
      running = false;
      await worker.terminate();
    },
  };
}
