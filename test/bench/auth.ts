/**
 * Gongbi requires a signed-in user on the API and the sync socket. The bench makes a
 * coordinator (may create plans and commitments, writes every commitment) directly in the
 * store of the data folder before the server starts, and a session token for it: sent as a
 * bearer token over HTTP and as `?token=` on /sync, as scripts do.
 */
import { join } from 'node:path';
import { Sessions } from '../../server/auth/sessions.js';
import { SqliteStore } from '../../server/storage/sqlite.js';

const EMAIL = 'bench@gongbi.invalid';

export async function provisionBenchToken(dataDir: string): Promise<string> {
  const store = new SqliteStore({ file: join(dataDir, 'gongbi.db') });
  try {
    const existing = await store.getUserByEmail(EMAIL);
    const user =
      existing ??
      (await store.createUser({
        email: EMAIL,
        name: 'Bench',
        // Not a hash: nobody can sign in with a password; the session below is the only way in.
        passwordHash: '!',
        role: 'coordinator',
        affiliation: { kind: 'agency', id: 'ndc', name: '國家發展委員會' },
      }));
    const { token } = await new Sessions(store, { sessionTtlMs: 7 * 24 * 3600_000, invitationTtlMs: 3600_000 }).startSession(user.id);
    return token;
  } finally {
    await store.close();
  }
}
