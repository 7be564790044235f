/**
 * Two real server processes on one PostgreSQL schema and one Redis: signing out through one
 * closes the session's sockets on the other at once (a control message on the pub/sub), not
 * only at the other's next store check. Skipped with a notice without PostgreSQL or Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { spawnServer, type SpawnedServer } from '../helpers/server.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL, createTestSchema, postgresReachable, randomTag, redisReachable, skipNotice, type TestSchema } from '../helpers/services.js';
import { tempDir } from '../helpers/tempDir.js';
import { connectRaw, type Closed, type RawClient } from '../reliability/rawClient.js';

const [pgUp, redisUp] = await Promise.all([postgresReachable(), redisReachable()]);
const skip = skipNotice(!pgUp || !redisUp, `session end across processes: ${!pgUp ? `PostgreSQL at ${TEST_DATABASE_URL}` : `Redis at ${TEST_REDIS_URL}`} does not answer`);

const DOC = 'c-02-open-data-platform';
const closedWithin = (c: RawClient, ms: number) => Promise.race([c.closed, new Promise<null>((r) => setTimeout(() => r(null), ms))]);

describe.skipIf(skip)('a session ended in one process closes its sockets in the others', () => {
  let schema: TestSchema;
  let servers: SpawnedServer[] = [];
  const tmp = tempDir();
  const clients: RawClient[] = [];

  beforeAll(async () => {
    schema = await createTestSchema();
    // A store check once an hour: only the pub/sub can close the socket within the test.
    const env = { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, GONGBI_REDIS_PREFIX: `gongbi-test-${randomTag()}:`, GONGBI_SESSION_CHECK_MS: '3600000', GONGBI_LOG_LEVEL: 'error' };
    servers = await Promise.all([0, 1].map((i) => spawnServer({ dataDir: `${tmp.dir}/${i}`, env })));
  }, 90_000);
  afterAll(async () => {
    for (const c of clients) if (c.isOpen()) await c.close();
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await schema?.drop();
    tmp.remove();
  });

  it('[HS9] sign-out on process A closes the session\'s socket on process B with 4401; another session on B stays', async () => {
    const [a, b] = servers as [SpawnedServer, SpawnedServer];
    const token = await signIn(over(a.url), DEMO.civil);
    const onB = await connectRaw(b.wsUrl, DOC, token);
    const otherOnB = await connectRaw(b.wsUrl, DOC, b.token);
    clients.push(onB, otherOnB);
    expect((await fetch(`${a.url}/api/auth/sign-out`, { method: 'POST', headers: bearer(token) })).status).toBe(200);
    const closed = (await closedWithin(onB, 10_000)) as Closed | null;
    expect(closed, 'the socket on B is still open').toEqual({ code: 4401, reason: 'sign-in required: session ended' });
    await otherOnB.ack();
    expect(otherOnB.isOpen()).toBe(true);
  });
});
