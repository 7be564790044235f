/** Starts Gongbi: reads the configuration, opens the store, listens. Nothing else. */
import { serve } from '@hono/node-server';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { SqliteStore } from './storage/sqlite.js';
import { seedDemoIfEmpty } from './seed/seed.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const store = new SqliteStore({ file: join(config.dataDir, 'gongbi.db'), synchronous: config.sqliteSync });
const gongbi = createApp({ config, store, logger });

if (config.seedDemo && (await seedDemoIfEmpty(store, gongbi.rooms))) logger.info('seeded the demo plan', { dataDir: config.dataDir });

const server = serve({ fetch: gongbi.app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.info('listening', { url: `http://${host}:${info.port}`, dataDir: config.dataDir, storage: store.kind });
  // Plain line too, for people and scripts that wait for the URL.
  process.stdout.write(`Gongbi is running at http://${host}:${info.port}\n`);
});
gongbi.injectWebSocket(server);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal });
  server.close();
  await gongbi.close();
  await store.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
