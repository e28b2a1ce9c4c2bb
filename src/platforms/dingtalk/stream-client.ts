import type { DWClient, DWClientDownStream } from 'dingtalk-stream';
import WebSocket from 'ws';

export interface GatewayClientHooks {
  /** Any frame (or a pong) arrived: the watchdog's proof of life. */
  onActivity(): void;
  /** The server announced it will close this connection (SYSTEM `disconnect`). */
  onServerDisconnect(): void;
  onBadFrame(error: unknown): void;
  /** What the SDK would print on the console ("connect success", socket errors), for the service's logger. */
  onSdkLog(level: 'debug' | 'info' | 'warn', message: string, error?: unknown): void;
}

/** What the SDK keeps private in its typings but the supervisor needs at runtime. */
interface DWClientInternals {
  dw_url?: string;
  socket?: WebSocket;
  sslopts?: WebSocket.ClientOptions;
  userDisconnect?: boolean;
}

/** The one-time ticket in the endpoint URL opens a connection: never logged. */
export const redactSdkText = (text: string): string => text.replace(/ticket=[^&\s]+/g, 'ticket=[redacted]');

/**
 * dingtalk-stream 2.1.5's DWClient, fixed for a supervised service:
 * - the gateway URL is configurable: getEndpoint() POSTs to it exactly as the SDK does to the real
 *   one, and dials the endpoint + one-time ticket it returns;
 * - its own reconnects and keepAlive are off (they storm and leak timers in 2.1.5) and the
 *   subscriptions array is our own (the SDK's default one is shared across clients);
 * - the SYSTEM `disconnect` frame, which the SDK swallows, is reported;
 * - a malformed frame is reported instead of throwing inside the socket's message handler;
 * - what it prints with console.info/warn (connect success, socket errors, disconnecting, debug lines)
 *   goes to onSdkLog instead, without the ticket, its config (the client secret) or frame bodies.
 * One instance serves one connection; the supervisor (stream.ts) makes a new one per attempt.
 */
async function defineGatewayClient() {
  const sdk = await import('dingtalk-stream');
  class GatewayClient extends sdk.DWClient {
    constructor(
      private readonly gateway: { url: string; clientId: string; clientSecret: string; ua: string },
      private readonly hooks: GatewayClientHooks,
    ) {
      super({
        clientId: gateway.clientId,
        clientSecret: gateway.clientSecret,
        ua: gateway.ua,
        autoReconnect: false,
        keepAlive: false,
        subscriptions: [{ type: 'EVENT', topic: '*' }],
      } as ConstructorParameters<typeof DWClient>[0]);
    }

    override async getEndpoint(): Promise<this> {
      const response = await fetch(this.gateway.url, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({
          clientId: this.gateway.clientId,
          clientSecret: this.gateway.clientSecret,
          ua: this.gateway.ua,
          subscriptions: this.config.subscriptions,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`gateway answered ${response.status}`);
      const body = (await response.json()) as { endpoint?: string; ticket?: string };
      if (!body.endpoint || !body.ticket) throw new Error('endpoint or ticket is null');
      // A ticket opens exactly one connection and lasts 90 s: never cached.
      (this as unknown as DWClientInternals).dw_url = `${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`;
      return this;
    }

    override printDebug(message: object | string): void {
      // Objects are the SDK's config (with the secret) or frames (personal data); JSON strings likewise.
      if (typeof message !== 'string' || message.includes('{')) return;
      this.hooks.onSdkLog('debug', redactSdkText(message));
    }

    /** The SDK's _connect without its console output (autoReconnect and keepAlive are off here). */
    override _connect(): Promise<void> {
      const internals = this as unknown as DWClientInternals;
      return new Promise((resolve, reject) => {
        internals.userDisconnect = false;
        let socket: WebSocket;
        try {
          socket = new WebSocket(internals.dw_url ?? '', internals.sslopts);
        } catch (error) {
          this.hooks.onSdkLog('warn', 'websocket constructor error', error);
          reject(error as Error);
          return;
        }
        internals.socket = socket;
        socket.on('open', () => {
          this.connected = true;
          this.hooks.onSdkLog('info', 'connect success');
          resolve();
        });
        socket.on('pong', () => this.heartbeat());
        socket.on('message', (data) => this.onDownStream(String(data)));
        socket.on('close', () => {
          this.connected = false;
          this.registered = false;
        });
        socket.on('error', (error) => {
          this.hooks.onSdkLog('warn', 'socket error', error);
          socket.terminate();
          reject(error);
        });
      });
    }

    override disconnect(): void {
      this.hooks.onSdkLog('info', 'disconnecting');
      (this as unknown as DWClientInternals).userDisconnect = true;
      this.socketOrUndefined?.close();
    }

    override onDownStream(data: string): void {
      this.hooks.onActivity();
      try {
        super.onDownStream(data);
      } catch (error) {
        this.hooks.onBadFrame(error);
      }
    }

    override onSystem(downstream: DWClientDownStream): void {
      super.onSystem(downstream);
      if (downstream.headers.topic === 'disconnect') this.hooks.onServerDisconnect();
    }

    get socketOrUndefined(): WebSocket | undefined {
      return (this as unknown as DWClientInternals).socket;
    }
  }
  return GatewayClient;
}

/** The SDK loads on the first connection: a service without the stream never loads it. */
let loading: ReturnType<typeof defineGatewayClient> | undefined;
export const loadGatewayClient = () => (loading ??= defineGatewayClient());
export type GatewayClient = InstanceType<Awaited<ReturnType<typeof defineGatewayClient>>>;
