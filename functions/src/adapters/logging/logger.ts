/** Structured JSON logs (pino): one line per event on stdout, which Lambda ships to CloudWatch as is. */
import { pino } from 'pino';
import type { Logger } from '../../core/logger.port.js';
import type { AppConfig } from '../../config/env.js';

export function createLogger(level: AppConfig['logLevel'], name = 'movierec'): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** A job's one summary line per run (the scheduled and ingest Lambdas). */
export function jobLog(level: AppConfig['logLevel']): (entry: Record<string, unknown>) => void {
  const logger = createLogger(level);
  return (entry) => logger.info(entry, 'job finished');
}
