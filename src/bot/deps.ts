import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { OrgRepository } from '../db/repositories/org-repository.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Channel, PlatformName } from '../platforms/channel.js';

/** A clock is passed in everywhere so tests can fix time. */
export type Clock = () => number;

export interface BotDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  org: OrgRepository;
  channels: Map<PlatformName, Channel>;
  /** Every message not answered within its request goes through here. */
  outbox: Outbox;
}
