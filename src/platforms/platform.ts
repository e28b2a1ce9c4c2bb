import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { BotHandler, Channel, PlatformName } from './channel.js';
import type { CallbackReplayStore, CardRecipientStore, ProcessedEventStore } from './dingtalk/stores.js';
import type { LoginProvider } from './login.js';
import type { SandboxTranscriptStore, SandboxUserDirectory } from './sandbox/stores.js';

/** The part of the app config platforms may read. */
export type PlatformConfig = Pick<Config, 'publicBaseUrl' | 'sandbox' | 'feishu' | 'dingtalk'>;

/**
 * The durable state platforms may use, built by app.ts on src/db repositories (platforms import no
 * db code). Each platform takes only what it needs.
 */
export interface PlatformStores {
  /** Handled event / frame ids (processed_events). */
  processedEvents: ProcessedEventStore;
  /** DingTalk HTTP callbacks' (timestamp, signature) bindings. */
  callbackReplays: CallbackReplayStore;
  /** Who each card was delivered to, per platform. */
  cardRecipients(platform: PlatformName): CardRecipientStore;
  /** The sandbox chat's transcript and files. */
  sandboxTranscript: SandboxTranscriptStore;
  /** The people the sandbox page lets you chat as. */
  users: SandboxUserDirectory;
}

/** Everything a platform is given: its config, the chat door, a logger, the clock and the stores. */
export interface PlatformContext<Settings> {
  config: Settings;
  bot: BotHandler;
  logger: Logger;
  clock: () => number;
  stores: PlatformStores;
}

/** A created platform: what app.ts wires. */
export interface PlatformParts {
  /** Outbound: added to the app's channels (the outbox and the bot send through it); closed on app.close(). */
  channel: Channel;
  /**
   * Inbound, as a Fastify plugin: registers the webhook routes and/or starts the long connection or
   * stream once the server listens (never under app.inject) and stops it on close.
   */
  receivers: FastifyPluginAsync;
  /** How people sign in to the H5 pages from this platform. */
  login?: LoginProvider;
  /** Called on app.close(), after the channel is closed. */
  close?: () => Promise<void>;
}

export interface PlatformDefinition<Settings> {
  name: PlatformName;
  /** This platform's slice of the config when it is switched on, else undefined. */
  settings(config: PlatformConfig): Settings | undefined;
  create(context: PlatformContext<Settings>): PlatformParts;
}

/** What each src/platforms/<name>/index.ts exports and app.ts registers in one loop. */
export interface Platform {
  readonly name: PlatformName;
  enabled(config: PlatformConfig): boolean;
  /** Only for an enabled platform. */
  create(context: PlatformContext<PlatformConfig>): PlatformParts;
}

export function definePlatform<Settings>(definition: PlatformDefinition<Settings>): Platform {
  return {
    name: definition.name,
    enabled: (config) => definition.settings(config) !== undefined,
    create(context) {
      const settings = definition.settings(context.config);
      if (settings === undefined) throw new Error(`platform ${definition.name} is not enabled`);
      return definition.create({ ...context, config: settings });
    },
  };
}
