/**
 * Two real server processes on one PostgreSQL schema and one Redis: the coordinator moves a
 * commitment's lead agency through one, and a socket of the new lead's editor open on the
 * other may write at once, on the same socket (the rights reach it on the pub/sub's control
 * channel). Skipped with a notice without PostgreSQL or Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMeta, shortText } from '../../shared/schema/index.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { spawnServer, type SpawnedServer } from '../helpers/server.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL, createTestSchema, postgresReachable, randomTag, redisReachable, skipNotice, type TestSchema } from '../helpers/services.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { connectRaw, type RawClient } from '../reliability/rawClient.js';

const [pgUp, redisUp] = await Promise.all([postgresReachable(), redisReachable()]);
const skip = skipNotice(!pgUp || !redisUp, `rights across processes: ${!pgUp ? `PostgreSQL at ${TEST_DATABASE_URL}` : `Redis at ${TEST_REDIS_URL}`} does not answer`);

/** Led by the Central Election Commission; the demo agency editor is the Ministry of Justice's. */
const DOC = 'c-06-referendum-e-petition';

describe.skipIf(skip)('a rights change in one process holds on the sockets of the others', () => {
  let schema: TestSchema;
  let servers: SpawnedServer[] = [];
  const tmp = tempDir();
  const clients: RawClient[] = [];

  beforeAll(async () => {
    schema = await createTestSchema();
    const env = { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, GONGBI_REDIS_PREFIX: `gongbi-test-${randomTag()}:`, GONGBI_LOG_LEVEL: 'error' };
    servers = await Promise.all([0, 1].map((i) => spawnServer({ dataDir: `${tmp.dir}/${i}`, env })));
  }, 90_000);
  afterAll(async () => {
    for (const c of clients) if (c.isOpen()) await c.close();
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await schema?.drop();
    tmp.remove();
  });

  it('[RI9] a move through process A lets the new lead\'s open socket on process B write, without reconnecting', async () => {
    const [a, b] = servers as [SpawnedServer, SpawnedServer];
    const onB = await connectRaw(b.wsUrl, DOC, await signIn(over(b.url), DEMO.agency));
    const watcher = await connectRaw(b.wsUrl, DOC, b.token);
    clients.push(onB, watcher);
    shortText(onB.doc, 'partners', 'zh').insert(0, '移前');
    await waitFor(() => onB.sync.denied.length > 0, { what: 'the refusal before the move' });
    // The refused text stays in this replica (unacknowledged); once the rights are granted the
    // server asks for it again and it is stored with the next edit.
    const res = await fetch(`${a.url}/api/commitments/${DOC}/lead-agency`, {
      method: 'PUT',
      headers: { ...bearer(a.token), 'content-type': 'application/json' },
      body: JSON.stringify({ agencyId: 'moj', note: '組織改造' }),
    });
    expect(res.status).toBe(200);
    // The mirror reaching B's client means B has heard the rights too (published before it).
    await waitFor(() => getMeta(onB.doc, 'leadAgency').id === 'moj', { what: 'the mirrored lead agency on B', timeout: 10_000 });
    const refusals = onB.sync.denied.length;
    shortText(onB.doc, 'title', 'zh').insert(0, '移後');
    await onB.ack();
    await waitFor(() => shortText(watcher.doc, 'title', 'zh').toString().startsWith('移後'), { what: 'the edit after the move relayed on B' });
    await waitFor(() => shortText(watcher.doc, 'partners', 'zh').toString().startsWith('移前'), { what: 'the edit refused before the move, stored once granted' });
    expect(onB.sync.denied).toHaveLength(refusals);
  });
});
