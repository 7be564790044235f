/** Starts Gongbi: reads the configuration, opens the store, listens. Nothing else. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './log.js';
import { mkdirSync } from 'node:fs';
import { holdStore } from './ops/storeLock.js';
import { exclusively, explainStoreProblem, openStore, StoreOpenError } from './storage/index.js';
import { openPubSub } from './pubsub/open.js';
import { seedDemoIfEmpty } from './seed/seed.js';
import { migrateAllRights } from './rights/migrateRights.js';

/** Start-up problems an operator fixes: one line saying what to do, and exit. */
function refuseToStart(message: string): never {
  process.stderr.write(`Gongbi did not start: ${message}\n`);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  refuseToStart((err as Error).message);
}
const logger = createLogger(config.logLevel);
let releaseStore = () => {};
if (!config.databaseUrl) {
  // The embedded store belongs to one server: `npm run restore` and a second server check this.
  try {
    mkdirSync(config.dataDir, { recursive: true });
    releaseStore = holdStore(config.dataDir);
  } catch (err) {
    refuseToStart(/^Another Gongbi server/.test((err as Error).message) ? (err as Error).message : explainStoreProblem(err, config.dataDir));
  }
  process.on('exit', () => releaseStore());
}
const store = await openStore(config, logger).catch((err: unknown) => {
  if (err instanceof StoreOpenError) refuseToStart(err.message);
  throw err;
});
const pubsub = await openPubSub(config, logger);
const gongbi = createApp({ config, store, logger, pubsub });

// Several processes may start at once on one database: one seeds, the others then find the plan.
const seeded = config.seedDemo
  ? await exclusively(store, 'seed-demo', () => seedDemoIfEmpty(store, gongbi.rooms)).catch((err: unknown) => {
      // The first write of a fresh store is where a full disk or a read-only file shows.
      if (!config.databaseUrl && /^SQLITE_/.test(String((err as { code?: unknown }).code))) refuseToStart(explainStoreProblem(err, config.dataDir));
      throw err;
    })
  : false;
if (seeded) logger.info('seeded the demo plan', { storage: store.kind });
// Documents from before the agency directory: their agencies become rights rows (once, in one process).
const migrated = await exclusively(store, 'migrate-rights', () => migrateAllRights({ store, rooms: gongbi.rooms }));
if (migrated > 0) logger.info('moved the agencies of older documents into rights rows', { documents: migrated });

// Without the demo a new store has no account, and invitations need a coordinator: say how to make one.
if ((await store.listUsers()).length === 0) {
  logger.info('no account exists yet', { hint: 'npm run admin -- create-user --role coordinator' });
  process.stdout.write(
    'No account exists yet. Create the first coordinator on this machine with:\n' +
      '  npm run admin -- create-user --email you@example.gov.tw --name "Your Name" --role coordinator \\\n' +
      '    --affiliation-kind agency --affiliation-id ndc --affiliation-name "National Development Council"\n' +
      'It prints a one-time password (or add --password-stdin to type your own). See "Accounts" in the README.\n',
  );
}

const server = serve({ fetch: gongbi.app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.info('listening', { url: `http://${host}:${info.port}`, dataDir: config.dataDir, storage: store.kind, pubsub: pubsub.kind });
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
  await pubsub.close();
  await store.close();
  releaseStore();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
