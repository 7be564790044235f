/**
 * `npm run backup -- [file]` and `npm run restore -- <file>`: operator commands for the
 * embedded SQLite store (PostgreSQL deployments use pg_dump / pg_restore, see the README).
 */
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { DB_FILE, backupSqlite, restoreSqlite } from './sqliteBackup.js';

const [command, file] = process.argv.slice(2);
const config = loadConfig();

async function main(): Promise<void> {
  if (command === 'backup') {
    const out = file ?? join(config.dataDir, 'backups', `gongbi-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
    const { pages } = await backupSqlite(join(config.dataDir, DB_FILE), out);
    console.log(`Backup written to ${out} (${pages} pages).`);
  } else if (command === 'restore') {
    if (!file) throw new Error('Name the backup file to restore: npm run restore -- path/to/backup.db');
    const r = restoreSqlite(file, config.dataDir);
    console.log(`Restored ${r.documents} documents and ${r.users} accounts into ${config.dataDir}.`);
    if (r.keptPrevious) console.log(`The database it replaced is kept at ${r.keptPrevious}.`);
  } else {
    throw new Error('Usage: npm run backup -- [file] | npm run restore -- <file>');
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
