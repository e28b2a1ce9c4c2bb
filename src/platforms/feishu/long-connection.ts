import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { decryptFeishu } from './crypto.js';
import { classifyPayload } from './decode.js';
import { checkEnvelopeHeader, type FeishuDispatcher } from './dispatcher.js';

/**
 * FEISHU_MODE=ws: the SDK's WSClient (endpoint discovery at `${baseUrl}/callback/ws/endpoint`,
 * protobuf frames, pings, reconnection) feeding the same dispatcher as the HTTP callbacks. The
 * socket was opened with our app secret, so frames are authenticated by the connection itself; the
 * envelope's app id is still checked.
 */

export interface LongConnectionOptions {
  appId: string;
  appSecret: string;
  baseUrl: string;
  encryptKey: string | undefined;
  dispatcher: FeishuDispatcher;
  logger: Logger;
}

export function createFeishuLongConnection(options: LongConnectionOptions) {
  const log = options.logger.child({ platform: 'feishu', transport: 'ws' });
  const sdkLog = (level: 'error' | 'warn' | 'info') => (...args: unknown[]) =>
    // The SDK passes its arguments as one array. Strings only: its objects may hold the connect URL with a ticket.
    log[level]({ sdk: args.flat().filter((a) => typeof a === 'string').join(' ').replace(/wss?:\/\/\S+/g, '<url>').slice(0, 300) }, 'feishu ws');
  // The SDK (~30 MB of the idle service's RSS) is loaded when the connection starts, so a service without Feishu never loads it.
  let client: lark.WSClient | undefined;
  let closed = false;
  async function connect(): Promise<void> {
    const sdk = await import('@larksuiteoapi/node-sdk');
    if (closed) return;
    client = new sdk.WSClient({
      appId: options.appId,
      appSecret: options.appSecret,
      domain: options.baseUrl,
      autoReconnect: true,
      loggerLevel: sdk.LoggerLevel.info,
      logger: { error: sdkLog('error'), warn: sdkLog('warn'), info: sdkLog('info'), debug: () => undefined, trace: () => undefined },
    });
    const eventDispatcher = { invoke } as unknown as lark.EventDispatcher;
    await client.start({ eventDispatcher });
  }

  /** What the SDK calls for each complete event frame; its return value becomes the ack's data. */
  async function invoke(data: unknown): Promise<Record<string, unknown> | undefined> {
    let body = data;
    const encrypted = (body as { encrypt?: unknown } | null)?.encrypt;
    if (typeof encrypted === 'string') {
      if (!options.encryptKey) return undefined;
      try {
        body = JSON.parse(decryptFeishu(options.encryptKey, encrypted));
      } catch {
        log.warn({ reason: 'undecryptable' }, 'long-connection frame rejected');
        return undefined;
      }
    }
    const payload = classifyPayload(body);
    if (payload.kind !== 'event') {
      log.info({ reason: payload.kind }, 'long-connection frame ignored');
      return undefined;
    }
    const check = checkEnvelopeHeader(payload.header, { appId: options.appId, verificationToken: undefined });
    if (!check.ok) {
      log.warn({ reason: check.reason }, 'long-connection event rejected');
      return undefined;
    }
    return options.dispatcher.dispatch(payload.header, payload.event);
  }

  return {
    /** One event frame's data, as the SDK hands it over (tests drive the transport through this). */
    receive: invoke,
    /** Connects in the background; the SDK keeps reconnecting until close(). */
    start(): void {
      connect().catch((error: unknown) => log.error({ err: error }, 'long connection failed to start'));
    },
    close(): void {
      closed = true;
      client?.close({ force: true });
    },
    status: () => client?.getConnectionStatus(),
  };
}
