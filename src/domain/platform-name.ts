/** The chat platforms a message can come from or go to (the adapters live in src/platforms). */
export type PlatformName = 'feishu' | 'dingtalk' | 'sandbox';

/** A user a push can reach (outbox deliveries): the platform and its id for the user. */
export interface Recipient {
  platform: PlatformName;
  /** The platform's id for the user (open_id, DingTalk userId, or the sandbox user id). */
  userRef: string;
}
