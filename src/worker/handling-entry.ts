/**
 * The handling worker (HANDLING_WORKER=true): a thread with its own database connection that stores
 * and handles the messages the service's receivers acknowledge. The service's event loop then only
 * verifies, decrypts and acknowledges, so acknowledgements do not queue behind commands, and one
 * thread writes the messages (two writers on one SQLite file would wait on each other's locks).
 *
 * It is the same app (buildApp) on the same environment, never listening: no routes are served, no
 * long connection is opened (those start on listen), no schedule runs. Its outbox sends the replies of
 * the messages it handles; the service's outbox loop still sends everything else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { closeAppDatabase, openConfiguredDatabase } from '../db/client.js';
import { createLogger } from '../logger.js';
import type { FromWorker, ToWorker } from './protocol.js';

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('handling-entry runs as a worker thread only');
  const post = (message: FromWorker) => port.postMessage(message);
  const { env, relayMetrics } = workerData as { env: Record<string, string | undefined>; relayMetrics: boolean };
  const loaded = loadConfig(env);
  // Metrics are the service's: the worker reports its timings to it instead of serving its own.
  const config = { ...loaded, handlingWorker: false, jobsEnabled: false, metrics: { port: undefined, token: undefined } };
  const logger = createLogger(config.logLevel).child({ thread: 'handling' });
  const db = await openConfiguredDatabase(config, (error) => logger.warn({ err: { message: error.message } }, 'PostgreSQL dropped an idle connection'));
  const app = await buildApp({
    config,
    db,
    logger,
    ...(relayMetrics
      ? {
          observers: {
            command: (command: string, seconds: number) => post({ kind: 'command', command, seconds }),
            delivery: (platform: string, result: string) => post({ kind: 'delivery', platform, result }),
          },
        }
      : {}),
  });

  port.on('message', (message: ToWorker) => {
    if (message.kind === 'close') {
      void (async () => {
        await app.close();
        await closeAppDatabase(db);
        post({ kind: 'closed' });
        port.close();
      })();
      return;
    }
    const { id, event } = message;
    app.bot.receiveMessage(event).then(
      (receipt) => {
        post({ kind: 'stored', id, stored: receipt.stored });
        receipt.handled().then(
          () => post({ kind: 'handled', id }),
          (error: unknown) => post({ kind: 'handled', id, error: error instanceof Error ? error.message : String(error) }),
        );
      },
      (error: unknown) => post({ kind: 'not-stored', id, message: error instanceof Error ? error.message : String(error) }),
    );
  });
  logger.info('handling worker ready');
  post({ kind: 'ready' });
}

run().catch((error: unknown) => {
  // The service sees the thread exit and handles messages itself from then on.
  console.error('handling worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
