import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { OrgRepository } from '../db/repositories/org-repository.js';
import type { Outbox } from '../outbox/outbox.js';
import type { PlatformName } from '../domain/platform-name.js';
import type { ResourceRef } from '../domain/records/checkin-input.js';

/** A clock is passed in everywhere so tests can fix time. */
export type Clock = () => number;

/**
 * What every feature (use case) may use, built once in app.ts. No Channel here: features queue
 * sends in the outbox, and only the outbox and app.ts hold channels.
 */
export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  org: OrgRepository;
  outbox: Outbox;
  /** The platforms enabled in this app, in push order, for resolving whom a send can reach. */
  platforms: readonly PlatformName[];
  /** Downloads a file a chat message carried, through the platform that named it (capped). */
  fetchResource?: (ref: ResourceRef, maxBytes: number) => Promise<Buffer>;
  /** Whether the bot is in a group chat, where the platform can tell (Feishu); undefined: it cannot. */
  checkGroup?: (platform: PlatformName, chatId: string) => Promise<boolean | undefined>;
}

/** `base` with more properties, its getters kept live (a spread would read `platforms` once, before Feishu joins). */
export function extendDeps<B extends object, E extends object>(base: B, extra: E): B & E {
  return Object.defineProperties({ ...extra }, Object.getOwnPropertyDescriptors(base)) as B & E;
}
