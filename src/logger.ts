import { pino, type Logger } from 'pino';
import { LOG_REDACT_PATHS } from './config.js';

/**
 * JSON lines for production; `pretty` (the demo) writes readable lines through pino-pretty, a dev
 * dependency loaded by pino's transport only when asked for, so the runtime image never needs it.
 */
export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const base = { level, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' }, base: { service: 'sales-kpi-bot' } };
  if (!options.pretty) return pino(base);
  return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } } });
}
