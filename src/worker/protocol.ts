import type { InboundMessage } from '../platforms/channel.js';

/**
 * What the service and its handling worker say to each other (worker_threads messages, structured clone).
 * Main → worker: a message to store and handle, or the request to stop.
 * Worker → main: ready; stored (the ack may go out); handled (the reply has been sent or left to the
 * outbox); timings the service's metrics record.
 */
export type ToWorker = { kind: 'receive'; id: number; event: InboundMessage } | { kind: 'close' };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'stored'; id: number; stored: boolean }
  | { kind: 'not-stored'; id: number; message: string }
  | { kind: 'handled'; id: number; error?: string }
  | { kind: 'command'; command: string; seconds: number }
  | { kind: 'delivery'; platform: string; result: string }
  | { kind: 'closed' };
