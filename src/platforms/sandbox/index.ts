import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { definePlatform } from '../platform.js';
import { createSandboxChannel } from './channel.js';
import { sandboxRoutes } from './routes.js';

/** The local sandbox: a transcript-backed channel, the chat page and its API, and the dev login picker. */
export const sandbox = definePlatform<Record<string, never>>({
  name: 'sandbox',
  settings: (config) => (config.sandbox.enabled ? {} : undefined),
  create({ bot, clock, stores }) {
    const channel = createSandboxChannel(stores.sandboxTranscript, clock);
    const receivers: FastifyPluginAsync = async (app) => {
      await app.withTypeProvider<ZodTypeProvider>().register(sandboxRoutes, { bot, channel, org: stores.users, clock });
    };
    return { channel, receivers, login: { kind: 'dev' } };
  },
});
