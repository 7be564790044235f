/**
 * Gongbi requires a signed-in user on the API and the sync socket. The bench makes a
 * coordinator (may create plans and commitments, writes every commitment) directly in the
 * store (the data folder's SQLite file, or the cluster's PostgreSQL schema) before the server starts, and a session token for it: sent as a
 * bearer token over HTTP and as `?token=` on /sync, as scripts do.
 */
import { Sessions } from '../../server/auth/sessions.js';
import type { Store } from '../../server/storage/index.js';

const EMAIL = 'bench@gongbi.invalid';

/** Makes the bench user in `store` (the caller closes it) and returns a session token. */
export async function provisionBenchToken(store: Store): Promise<string> {
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
}
