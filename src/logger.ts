import { pino, type Logger } from 'pino';
import { LOG_REDACT_PATHS } from './config.js';

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' }, base: { service: 'sales-kpi-bot' } });
}
