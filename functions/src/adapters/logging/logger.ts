/** Structured JSON logs (pino): one line per event on stdout, which Lambda ships to CloudWatch as is. */
import { pino } from 'pino';
import type { Logger } from '../../core/logger.port.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(level: LogLevel, name = 'movierec'): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** A job's one summary line per run (the scheduled and ingest Lambdas). */
export function jobLog(level: LogLevel): (entry: Record<string, unknown>) => void {
  const logger = createLogger(level);
  return (entry) => logger.info(entry, 'job finished');
}
