import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * The stream side of the simulator: one-time tickets from the gateway call, a WebSocket that
 * pushes CALLBACK / SYSTEM frames, records every ACK, and re-pushes a CALLBACK frame that was not
 * acknowledged in time (DingTalk does so after ~60 s; tests shorten it). With several connections
 * open, each push goes to one of them at random; `duplicateShare` of the acknowledged CALLBACK frames
 * are pushed once more to another connection, as DingTalk's duplicates after a correct ACK may be
 * (../shared/platforms/dingtalk.md §1.6, §1.7).
 */

export interface StreamFrame {
  specVersion: '1.0';
  type: 'CALLBACK' | 'SYSTEM' | 'EVENT';
  headers: Record<string, string>;
  data: string;
}

export interface RecordedAck {
  connectionId: string;
  messageId: string;
  code: number;
  /** `data` of the ACK, parsed (for a callback: {response: …}). */
  data: unknown;
  at: number;
}

interface Connection {
  id: string;
  socket: WebSocket;
  openedAt: number;
  /** Frames pushed on this connection (CALLBACK, EVENT and SYSTEM alike). */
  pushes: number;
}

/** A frame DingTalk pushed again, after its ACK, on a connection other than the one that acked it. */
export interface DuplicatePush {
  messageId: string;
  ackedOn: string;
  pushedOn: string;
}

export function createStreamGateway(options: {
  clientId: string;
  clientSecret: string;
  repushAfterMs: number;
  /** false: the server never answers ws pings (a half-dead connection, for watchdog tests). */
  autoPong?: boolean;
  onAck(ack: RecordedAck, frame: StreamFrame | undefined): void;
  /** Picks the connection for each push and which ACKed frames are duplicated (Math.random by default). */
  random?: () => number;
  /** Share (0–1) of ACKed CALLBACK frames pushed once more to another open connection (0 by default). */
  duplicateShare?: number;
  /** Ticket expiry and the `at` of connections and acks (Date.now by default). */
  clock?: () => number;
}) {
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong ?? true });
  let upgradesToReject = 0;
  const tickets = new Map<string, number>();
  const connections: Connection[] = [];
  const pending = new Map<string, { frame: StreamFrame; timer: NodeJS.Timeout; pushes: number }>();
  const sentFrames = new Map<string, StreamFrame>();
  const acks: RecordedAck[] = [];
  const gatewayCalls: unknown[] = [];
  let connectionsOpened = 0;
  const duplicates: DuplicatePush[] = [];
  /** Pushes again of frames nobody acknowledged in time. */
  let repushes = 0;
  /** Every connection ever opened, with its push count (closed ones stay listed). */
  const everyConnection: Connection[] = [];

  /** One open connection at random: DingTalk picks one per push (§1.7). */
  function open(except?: string): Connection | undefined {
    const candidates = connections.filter((c) => c.id !== except && c.socket.readyState === c.socket.OPEN);
    return candidates[Math.floor(random() * candidates.length)];
  }

  function transmit(frame: StreamFrame, except?: string): Connection | undefined {
    const connection = open(except);
    if (!connection) return undefined;
    connection.pushes++;
    connection.socket.send(JSON.stringify({ ...frame, headers: { ...frame.headers, connectionId: connection.id } }));
    return connection;
  }

  /** After an ACK: sometimes the same frame once more, to another connection. */
  function maybeDuplicate(ack: RecordedAck, frame: StreamFrame | undefined): void {
    if (!frame || frame.type !== 'CALLBACK' || !options.duplicateShare) return;
    if (duplicates.some((d) => d.messageId === ack.messageId) || random() >= options.duplicateShare) return;
    const other = transmit(frame, ack.connectionId);
    if (!other) return;
    duplicates.push({ messageId: ack.messageId, ackedOn: ack.connectionId, pushedOn: other.id });
    // Like any push, the duplicate comes again until it is acknowledged.
    pending.set(ack.messageId, { frame, timer: setTimeout(() => undefined, 0), pushes: 1 });
    armRepush(ack.messageId);
  }

  function armRepush(messageId: string): void {
    const entry = pending.get(messageId);
    if (!entry) return;
    entry.timer = setTimeout(() => {
      if (!pending.has(messageId) || entry.pushes >= 5) return;
      // With no connection open the frame waits for one (the attempt does not count).
      if (transmit(entry.frame)) {
        entry.pushes++;
        repushes++;
      }
      armRepush(messageId);
    }, options.repushAfterMs);
  }

  return {
    gatewayCalls,
    acks,
    /** Frames pushed again after their ACK to another connection (duplicateShare). */
    duplicates,
    /** Pushes per connection, in the order the connections opened. */
    pushesByConnection(): { connectionId: string; pushes: number; open: boolean }[] {
      return everyConnection.map((c) => ({ connectionId: c.id, pushes: c.pushes, open: connections.includes(c) }));
    },
    get repushes() {
      return repushes;
    },
    /**
     * The gateway stops reading what the open connections send (ACKs, a client's close frame) until
     * releaseIncoming(): it keeps pushing to a client that has already begun to close, as across a network.
     */
    holdIncoming(): void {
      for (const connection of connections) connection.socket.pause();
    },
    releaseIncoming(): void {
      for (const connection of connections) connection.socket.resume();
    },
    get connectionsOpened() {
      return connectionsOpened;
    },
    openConnections(): number {
      return connections.filter((c) => c.socket.readyState === c.socket.OPEN).length;
    },
    /** POST /v1.0/gateway/connections/open */
    openGateway(body: { clientId?: string; clientSecret?: string }, wsBase: string): { status: number; body: unknown } {
      gatewayCalls.push(body);
      if (body.clientId !== options.clientId || body.clientSecret !== options.clientSecret) {
        return { status: 401, body: { code: 'InvalidAuthentication', message: 'invalid client' } };
      }
      const ticket = randomUUID();
      tickets.set(ticket, clock() + 90_000);
      return { status: 200, body: { endpoint: `${wsBase}/connect`, ticket } };
    },
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const ticket = url.searchParams.get('ticket') ?? '';
      const expiresAt = tickets.get(ticket);
      tickets.delete(ticket); // one ticket, one connection
      if (upgradesToReject > 0) {
        upgradesToReject--;
        socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
        return;
      }
      if (url.pathname !== '/connect' || !expiresAt || expiresAt < clock()) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        const connection: Connection = { id: randomUUID(), socket: ws, openedAt: clock(), pushes: 0 };
        connections.push(connection);
        everyConnection.push(connection);
        connectionsOpened++;
        ws.on('message', (raw) => {
          let ack: { code?: number; headers?: { messageId?: string }; data?: string };
          try {
            ack = JSON.parse(String(raw)) as typeof ack;
          } catch {
            return;
          }
          const messageId = ack.headers?.messageId;
          if (!messageId) return;
          let data: unknown = ack.data;
          try {
            data = typeof ack.data === 'string' ? JSON.parse(ack.data) : ack.data;
          } catch {
            // keep the raw string
          }
          const recorded: RecordedAck = { connectionId: connection.id, messageId, code: ack.code ?? 0, data, at: clock() };
          acks.push(recorded);
          const entry = pending.get(messageId);
          if (entry) {
            clearTimeout(entry.timer);
            pending.delete(messageId);
          }
          options.onAck(recorded, sentFrames.get(messageId));
          maybeDuplicate(recorded, sentFrames.get(messageId));
        });
        ws.on('close', () => {
          const index = connections.indexOf(connection);
          if (index >= 0) connections.splice(index, 1);
        });
      });
    },
    /** The next n WebSocket upgrades fail (an error before `open`: the SDK's reconnect-storm case). */
    rejectNextUpgrades(n: number): void {
      upgradesToReject += n;
    },
    /** Pushes a frame on an open connection (one at random); CALLBACK frames are re-pushed until acknowledged. */
    push(frame: StreamFrame): void {
      if (!open()) throw new Error('simulator: no open stream connection');
      const messageId = frame.headers.messageId as string;
      sentFrames.set(messageId, frame);
      transmit(frame);
      if (frame.type === 'CALLBACK' && !pending.has(messageId)) {
        pending.set(messageId, { frame, timer: setTimeout(() => undefined, 0), pushes: 1 });
        armRepush(messageId);
      }
    },
    /** The same frame again, as DingTalk sometimes does even after an ACK. */
    repush(messageId: string): void {
      const frame = sentFrames.get(messageId);
      if (!frame) throw new Error(`simulator: unknown frame ${messageId}`);
      transmit(frame);
    },
    systemFrame(topic: string, data: unknown = {}): void {
      transmit({ specVersion: '1.0', type: 'SYSTEM', headers: { topic, messageId: randomUUID(), contentType: 'application/json', time: String(clock()) }, data: JSON.stringify(data) });
    },
    /** Closes every socket abruptly (no close frame), like a network cut. */
    dropConnections(): void {
      for (const connection of [...connections]) connection.socket.terminate();
    },
    /** Closes sockets politely, as the server does ~10 s after a `disconnect` frame. */
    closeConnections(): void {
      for (const connection of [...connections]) connection.socket.close(1000, 'server closing');
    },
    close(): void {
      for (const entry of pending.values()) clearTimeout(entry.timer);
      pending.clear();
      for (const connection of connections) connection.socket.terminate();
      wss.close();
    },
  };
}

export type StreamGateway = ReturnType<typeof createStreamGateway>;
