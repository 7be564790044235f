/**
 * `npm run admin -- <command>`: the administrator's account commands, run on the server's
 * machine against the configured store (SQLite file or PostgreSQL) while the server runs.
 *
 *   create-user --email E --name N --role R --affiliation-kind agency|civil_society
 *               --affiliation-id ID --affiliation-name NAME [--commitments c-a,c-b] [--password-stdin]
 *   reset-password --email E [--password-stdin]
 *   disable --email E        enable --email E        set-role --email E --role R
 *   list-users [--json]
 *
 * A password never goes on the command line (shell history, `ps`): without
 * `--password-stdin` a one-time password is made and printed once. Disabling, a new
 * password and a new role end the person's sessions; with Redis every server closes their
 * sockets at once, without it each server does at its next session check.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { AFFILIATION_KINDS, type AffiliationKind } from '../../shared/protocol/auth.js';
import { AccountAdmin, AdminError, parseRole } from '../accounts/admin.js';
import { Audit, cliActor } from '../audit/audit.js';
import type { Account } from '../auth/types.js';
import { loadConfig, type Config } from '../config.js';
import { createLogger } from '../log.js';
import { openPubSub } from '../pubsub/open.js';
import type { PubSub } from '../pubsub/types.js';
import { openStore } from '../storage/index.js';
import { publishSessionEnd } from '../sync/sessionSockets.js';

const USAGE = `Usage: npm run admin -- <command> [options]

  create-user    --email E --name N --role R --affiliation-kind agency|civil_society
                 --affiliation-id ID --affiliation-name NAME [--commitments c-a,c-b] [--password-stdin]
  reset-password --email E [--password-stdin]
  disable        --email E
  enable         --email E
  set-role       --email E --role coordinator|agency_editor|civil_editor|translator|viewer
  list-users     [--json]

Without --password-stdin a one-time password is printed; with it, the first line of standard
input is the password (e.g. printf '%s\\n' "$PW" | npm run admin -- reset-password --email …).`;

const OPTIONS = {
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  'affiliation-kind': { type: 'string' },
  'affiliation-id': { type: 'string' },
  'affiliation-name': { type: 'string' },
  commitments: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > 4096) throw new AdminError('Standard input is longer than a password: send one line.');
    chunks.push(b);
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!line) throw new AdminError('--password-stdin was given but standard input was empty.');
  return line;
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new AdminError(`Give --${flag}.\n\n${USAGE}`);
  return value;
}

function describe(a: Account): string {
  const state = a.disabledAt === null ? 'enabled' : `disabled ${new Date(a.disabledAt).toISOString()}`;
  return `${a.email}\t${a.role}\t${a.name}\t${a.affiliation.kind}:${a.affiliation.id}\t${state}`;
}

/** How the servers learn that sessions ended: Redis at once, else their periodic store check. */
function sessionEnder(pubsub: PubSub | null): (userId: string) => Promise<void> {
  return async (userId) => {
    if (pubsub && pubsub.kind !== 'local') await publishSessionEnd(pubsub, { userId });
  };
}

function endedNote(config: Config, n: number): string {
  if (n === 0) return 'It had no open session.';
  const when = config.redisUrl ? 'now' : `within ${Math.ceil(config.sessionCheckMs / 1000)} s (GONGBI_SESSION_CHECK_MS)`;
  return `Ended ${n} session(s); their open connections close ${when}.`;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  if (rest.some((a) => a === '--password' || a.startsWith('--password='))) {
    throw new AdminError('A password is never taken on the command line (shell history and `ps` would keep it). Leave it out to get a one-time password, or send it on standard input with --password-stdin.');
  }
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true; allowPositionals: false }>>['values'];
  try {
    ({ values } = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new AdminError(`${(err as Error).message}\n\n${USAGE}`);
  }
  const config = loadConfig();
  // Logs go to stderr: standard output carries only the answer (and the one-time password).
  const logger = createLogger(config.logLevel === 'debug' ? 'debug' : 'error', process.stderr);
  const store = await openStore(config, logger);
  const pubsub = config.redisUrl ? await openPubSub(config, logger) : null;
  try {
    const admin = new AccountAdmin({ store, audit: new Audit(store), endSessions: sessionEnder(pubsub) });
    const actor = cliActor(osUser());
    const password = values['password-stdin'] ? await readPasswordFromStdin() : undefined;
    const printPassword = (generated: boolean, pw: string) => {
      if (generated) console.log(`One-time password (shown once; give it to the person, who should change it): ${pw}`);
    };
    switch (command) {
      case 'create-user': {
        const kind = need(values['affiliation-kind'], 'affiliation-kind');
        if (!(AFFILIATION_KINDS as readonly string[]).includes(kind)) throw new AdminError(`--affiliation-kind must be one of: ${AFFILIATION_KINDS.join(', ')}.`);
        const { user, password: pw, generated } = await admin.createUser(
          {
            email: need(values.email, 'email'),
            name: need(values.name, 'name'),
            role: parseRole(need(values.role, 'role')),
            affiliation: { kind: kind as AffiliationKind, id: need(values['affiliation-id'], 'affiliation-id'), name: need(values['affiliation-name'], 'affiliation-name') },
            commitments: values.commitments ? values.commitments.split(',').map((s) => s.trim()).filter(Boolean) : [],
            password,
          },
          actor,
        );
        console.log(`Created ${describe(user)}`);
        printPassword(generated, pw);
        break;
      }
      case 'reset-password': {
        const r = await admin.resetPassword(need(values.email, 'email'), actor, password);
        console.log(`New password set for ${r.user.email}. ${endedNote(config, r.sessionsEnded)}`);
        printPassword(r.generated, r.password);
        break;
      }
      case 'disable': {
        const r = await admin.disable(need(values.email, 'email'), actor);
        console.log(`Disabled ${r.user.email}: it can no longer sign in. ${endedNote(config, r.sessionsEnded)}`);
        break;
      }
      case 'enable': {
        const r = await admin.enable(need(values.email, 'email'), actor);
        console.log(`Enabled ${r.user.email}: it can sign in again.`);
        break;
      }
      case 'set-role': {
        const r = await admin.setRole(need(values.email, 'email'), parseRole(need(values.role, 'role')), actor);
        console.log(r.from === r.user.role ? `${r.user.email} already has the role ${r.from}.` : `${r.user.email}: ${r.from} → ${r.user.role}. ${endedNote(config, r.sessionsEnded)}`);
        break;
      }
      case 'list-users': {
        const users = await admin.list();
        if (values.json) console.log(JSON.stringify(users.map(({ commitments, ...u }) => ({ ...u, commitments })), null, 2));
        else if (users.length === 0) console.log('No accounts yet. Create the first coordinator with: npm run admin -- create-user --role coordinator …');
        else for (const u of users) console.log(describe(u));
        break;
      }
      default:
        throw new AdminError(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } finally {
    await pubsub?.close();
    await store.close();
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  // Mistakes and argument errors are said plainly; anything else with its stack for the report.
  const plain = err instanceof AdminError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(plain ? err.message : (err.stack ?? String(err)));
  process.exit(plain ? 2 : 1);
});
