/**
 * `npm run seed`: writes the demo plan and demo accounts into the store of GONGBI_DATA_DIR
 * when it holds no plan yet (the server does the same on its first start). Run it with the
 * server stopped.
 */
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { SqliteStore } from '../storage/index.js';
import { Rooms } from '../sync/rooms.js';
import { seedDemoIfEmpty } from './seed.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const store = new SqliteStore({ file: join(config.dataDir, 'gongbi.db'), synchronous: config.sqliteSync });
const rooms = new Rooms(store, { compactAfterUpdates: config.compactAfterUpdates, idleUnloadMs: config.idleUnloadMs, logger });

const seeded = await seedDemoIfEmpty(store, rooms);
await rooms.closeAll();
await store.close();
console.log(seeded ? `Seeded the demo plan (19 commitments) and demo accounts into ${config.dataDir}.` : `The store in ${config.dataDir} already holds a plan; nothing was changed.`);
