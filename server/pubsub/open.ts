/**
 * Picks the fan-out from the configuration: Redis when `REDIS_URL` is set, else none (one
 * process). PostgreSQL without Redis works for one process only, and the log says so.
 */
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { LocalPubSub } from './local.js';
import { RedisPubSub } from './redis.js';
import type { PubSub } from './types.js';

/**
 * Connects the configured pub/sub; rejects when Redis is configured but unreachable.
 * @example const pubsub = await openPubSub(loadConfig(), logger);
 */
export async function openPubSub(config: Config, logger: Logger): Promise<PubSub> {
  if (config.redisUrl) return RedisPubSub.open({ url: config.redisUrl, prefix: config.redisPrefix, commandTimeoutMs: config.redisTimeoutMs, logger });
  if (config.databaseUrl) {
    logger.info('warning: DATABASE_URL is set without REDIS_URL; run a single process, since several processes need Redis to see each other\'s edits live', {});
  }
  return new LocalPubSub();
}
