import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeFrame, encodeFrame, FRAME_METHOD, headerOf, type WsFrame } from './frames.js';

/**
 * The long-connection side of the simulator: the WebSocket the SDK's WSClient connects to after
 * POST /callback/ws/endpoint. Speaks pbbp2 frames: answers pings with pongs carrying the client
 * config, pushes event frames, and collects the SDK's acks (whose data is the handler's answer).
 * Cluster mode as Feishu runs it (../shared/platforms/feishu.md §6): with several clients connected,
 * each event goes to one of them at random; an event whose connection closes before its ack is
 * delivered again to a connection still open.
 */

const SERVICE_ID = 7;
/** Small values so reconnection takes about a second instead of Feishu's 30+ s. */
const CLIENT_CONFIG = { PingInterval: 5, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 };

export interface Ack {
  code: number;
  data?: unknown;
}

/** One client connection as the simulator counts it: how many event frames it was given. */
export interface ConnectionDeliveries {
  connection: number;
  events: number;
  open: boolean;
}

interface PendingAck {
  frame: WsFrame;
  socket: WebSocket;
  settle(ack: Ack): void;
}

export function createLongConnectionServer(server: Server, options: { port: number; random?: () => number }) {
  const random = options.random ?? Math.random;
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  /** Sockets whose client has sent its first ping: its 'open' handler ran, so it is listening for frames. */
  const ready = new Set<WebSocket>();
  const pendingAcks = new Map<string, PendingAck>();
  const deliveries = new Map<WebSocket, ConnectionDeliveries>();
  let seq = 1;
  let connectionsEver = 0;
  /** Events sent again because their connection closed before the ack. */
  let redelivered = 0;

  /** One of the connections listening for frames, at random (Feishu's cluster mode). */
  function pickConnection(except?: WebSocket): WebSocket | undefined {
    const open = [...ready].filter((s) => s !== except && s.readyState === s.OPEN);
    return open[Math.floor(random() * open.length)];
  }

  function deliver(pending: PendingAck): void {
    const counted = deliveries.get(pending.socket);
    if (counted) counted.events += 1;
    pending.socket.send(encodeFrame(pending.frame));
  }

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
    deliveries.set(ws, { connection: connectionsEver, events: 0, open: true });
    ws.on('close', () => {
      sockets.delete(ws);
      ready.delete(ws);
      (deliveries.get(ws) as ConnectionDeliveries).open = false;
      // Not acked on the connection that closed: Feishu sends the event again, to a connection left.
      for (const pending of pendingAcks.values()) {
        if (pending.socket !== ws) continue;
        const other = pickConnection(ws);
        if (!other) continue;
        pending.socket = other;
        redelivered += 1;
        deliver(pending);
      }
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
        pendingAcks.get(messageId)?.settle(ack);
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
    /** Event frames given to each connection so far, in the order the connections opened. */
    deliveries(): ConnectionDeliveries[] {
      return [...deliveries.values()].map((d) => ({ ...d }));
    },
    get redelivered(): number {
      return redelivered;
    },
    /** Connections listening for frames now. */
    get readyConnections(): number {
      return [...ready].filter((s) => s.readyState === s.OPEN).length;
    },
    async waitForConnection(timeoutMs = 30_000, minEver = 1): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (ready.size === 0 || connectionsEver < minEver) {
        if (Date.now() > deadline) throw new Error('no long-connection client connected');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    /** Pushes one event envelope as Feishu does (to one connection at random) and resolves with the client's ack. */
    push(envelope: unknown, timeoutMs = 30_000): Promise<Ack> {
      const ws = pickConnection();
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
        const pending: PendingAck = {
          frame,
          socket: ws,
          settle: (ack) => {
            clearTimeout(timer);
            resolve(ack);
          },
        };
        pendingAcks.set(messageId, pending);
        deliver(pending);
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
