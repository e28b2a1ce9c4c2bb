import { ConfigError } from './config.js';
import { startServer } from './server.js';

/** The service entry point: the only place (with the CLI) that reads process.env. */
async function main(): Promise<void> {
  let server;
  try {
    server = await startServer(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  server.app.log.info({ url: server.url, platforms: server.app.botDeps.platforms }, 'sales-kpi-bot listening');
  console.log(`sales-kpi-bot listening on ${server.url}`);
  const shutdown = async (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    await server.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('fatal:', error instanceof Error ? error.message : error);
  process.exit(1);
});
