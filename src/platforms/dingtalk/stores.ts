/**
 * The durable state the DingTalk platform needs, passed in by app.ts (the platform imports no db
 * code): src/db/repositories/processed-events.ts, dingtalk-callback-replays.ts and
 * card-recipients.ts implement these.
 */

/** 'first': this body now owns the signature; 'duplicate': the same body again; 'conflict': another body. */
export type ReplayVerdict = 'first' | 'duplicate' | 'conflict';

export interface SignedCallback {
  route: 'robot' | 'card';
  /** The signed timestamp header, epoch ms. */
  signedAt: number;
  signature: string;
  bodySha256: string;
}

/** Binds each (timestamp, signature) of an HTTP callback to the body it first came with. */
export interface CallbackReplayStore {
  /** Read-only look-up, so a forged body is refused before it is even parsed. */
  check(callback: SignedCallback): Promise<ReplayVerdict>;
  /** Atomic bind (insert-or-ignore, then compare): of two concurrent requests only one is 'first'. */
  claim(callback: SignedCallback, now: number): Promise<ReplayVerdict>;
}

/** Handled event / frame ids (processed_events): true the first time an id is claimed, across restarts. */
export interface ProcessedEventStore {
  claim(platform: string, eventId: string, now: number): Promise<boolean>;
}

/** Who each card (outTrackId) was delivered to. */
export interface CardRecipientStore {
  record(outTrackId: string, userIds: string[], now: number): Promise<void>;
  includes(outTrackId: string, userId: string): Promise<boolean>;
}

export interface DingTalkStores {
  processedEvents: ProcessedEventStore;
  callbackReplays: CallbackReplayStore;
  cardRecipients: CardRecipientStore;
}
