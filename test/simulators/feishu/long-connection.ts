import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeFrame, encodeFrame, FRAME_METHOD, headerOf, type WsFrame } from './frames.js';

/**
 * The long-connection side of the simulator: the WebSocket the SDK's WSClient connects to after
 * POST /callback/ws/endpoint. Speaks pbbp2 frames: answers pings with pongs carrying the client
 * config, pushes event frames, and collects the SDK's acks (whose data is the handler's answer).
 */

const SERVICE_ID = 7;
/** Small values so reconnection takes about a second instead of Feishu's 30+ s. */
const CLIENT_CONFIG = { PingInterval: 5, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 };

export interface Ack {
  code: number;
  data?: unknown;
}

export function createLongConnectionServer(server: Server, options: { port: number }) {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  /** Sockets whose client has sent its first ping: its 'open' handler ran, so it is listening for frames. */
  const ready = new Set<WebSocket>();
  const pendingAcks = new Map<string, (ack: Ack) => void>();
  let seq = 1;
  let connectionsEver = 0;

  server.on('upgrade', (request, socket, head) => {
    if (!request.url?.startsWith('/ws')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    connectionsEver += 1;
    ws.on('close', () => {
      sockets.delete(ws);
      ready.delete(ws);
    });
    ws.on('message', (data: Buffer) => {
      const frame = decodeFrame(data);
      const type = headerOf(frame, 'type');
      if (frame.method === FRAME_METHOD.control && type === 'ping') {
        ready.add(ws);
        ws.send(encodeFrame({ ...frame, headers: [{ key: 'type', value: 'pong' }], payload: Buffer.from(JSON.stringify(CLIENT_CONFIG)) }));
        return;
      }
      if (frame.method === FRAME_METHOD.data) {
        const messageId = headerOf(frame, 'message_id') ?? '';
        const body = JSON.parse(Buffer.from(frame.payload ?? new Uint8Array()).toString('utf8')) as { code: number; data?: string };
        const ack: Ack = { code: body.code, ...(body.data ? { data: JSON.parse(Buffer.from(body.data, 'base64').toString('utf8')) as unknown } : {}) };
        pendingAcks.get(messageId)?.(ack);
        pendingAcks.delete(messageId);
      }
    });
  });

  return {
    /** What /callback/ws/endpoint answers. A dummy first query parameter: the SDK swallows the first key. */
    endpoint() {
      return { URL: `ws://127.0.0.1:${options.port}/ws?ticket=sim&device_id=sim-device&service_id=${SERVICE_ID}`, ClientConfig: CLIENT_CONFIG };
    },
    get connections(): number {
      return sockets.size;
    },
    get connectionsEver(): number {
      return connectionsEver;
    },
    async waitForConnection(timeoutMs = 30_000, minEver = 1): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (ready.size === 0 || connectionsEver < minEver) {
        if (Date.now() > deadline) throw new Error('no long-connection client connected');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    /** Pushes one event envelope as Feishu does and resolves with the client's ack. */
    push(envelope: unknown, timeoutMs = 30_000): Promise<Ack> {
      const ws = [...ready].find((s) => s.readyState === s.OPEN);
      if (!ws) return Promise.reject(new Error('no open long connection'));
      const messageId = randomUUID();
      const frame: WsFrame = {
        SeqID: seq,
        LogID: seq++,
        service: SERVICE_ID,
        method: FRAME_METHOD.data,
        headers: [
          { key: 'type', value: 'event' },
          { key: 'message_id', value: messageId },
          { key: 'sum', value: '1' },
          { key: 'seq', value: '0' },
          { key: 'trace_id', value: randomUUID() },
        ],
        payload: Buffer.from(JSON.stringify(envelope), 'utf8'),
      };
      return new Promise<Ack>((resolve, reject) => {
        const timer = setTimeout(() => {
          pendingAcks.delete(messageId);
          reject(new Error('no ack from the long-connection client'));
        }, timeoutMs);
        pendingAcks.set(messageId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        ws.send(encodeFrame(frame));
      });
    },
    /** Cuts every connection, as a network drop or a Feishu deploy would. */
    dropAll(): void {
      for (const ws of sockets) ws.terminate();
    },
    async close(): Promise<void> {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

export type LongConnectionServer = ReturnType<typeof createLongConnectionServer>;
