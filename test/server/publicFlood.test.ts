/**
 * The public comment flood limit under a burst, on PostgreSQL (where each count is a round
 * trip the other requests overtake): a dozen comments sent at once from one address are
 * limited exactly like a dozen sent in turn. Skipped with a notice without PostgreSQL.
 * Rules cited: SL sign-in and per-address limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { PUBLIC_COMMENT_LIMITS } from '../../shared/protocol/public.js';
import { createApp, type GongbiApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/log.js';
import { seedDemoIfEmpty } from '../../server/seed/seed.js';
import { PostgresStore } from '../../server/storage/index.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { TEST_DATABASE_URL, createTestSchema, postgresReachable, skipNotice, type TestSchema } from '../helpers/services.js';

const skip = skipNotice(!(await postgresReachable()), `public flood test: PostgreSQL (${TEST_DATABASE_URL}) does not answer`);

describe.skipIf(skip)('[SL] the public comment flood limit on PostgreSQL', () => {
  let schema: TestSchema;
  let store: PostgresStore;
  let gongbi: GongbiApp;
  let server: ServerType;
  let url = '';

  beforeAll(async () => {
    schema = await createTestSchema();
    store = await PostgresStore.open({ connectionString: schema.url, logger: silentLogger });
    gongbi = createApp({ config: loadConfig({ GONGBI_LOG_LEVEL: 'silent' }), store, logger: silentLogger });
    await seedDemoIfEmpty(store, gongbi.rooms);
    server = await new Promise((resolve) => {
      const s = serve({ fetch: gongbi.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    gongbi.injectWebSocket(server);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await gongbi?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await store?.close();
    await schema?.drop();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

  it('[SL9] a dozen comments sent at once from one address: at most the limit is accepted, the rest get 429', async () => {
    const auth = bearer(await signIn(over(url), DEMO.coordinator));
    const cycle = ((await (await post('/api/plans/plan-nap1/cycles', { label: 'Meeting', meetingDate: '2021-04-30' }, auth)).json()) as { cycle: { id: string } }).cycle.id;
    expect((await post(`/api/cycles/${cycle}/snapshot`, undefined, auth)).status).toBe(201);
    expect((await post(`/api/cycles/${cycle}/publish`, undefined, auth)).status).toBe(201);
    const page = (await (await fetch(`${url}/api/public/commitments/c-04-access-to-information`)).json()) as { formToken: string };
    await new Promise((r) => setTimeout(r, PUBLIC_COMMENT_LIMITS.minFormMs + 100));
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post('/api/public/commitments/c-04-access-to-information/comments', { name: `Visitor ${i}`, text: `Comment ${i}`, token: page.formToken })),
    );
    const statuses = burst.map((r) => r.status);
    const accepted = statuses.filter((s) => s === 202).length;
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(PUBLIC_COMMENT_LIMITS.perAddress);
    expect(statuses.filter((s) => s !== 202 && s !== 429)).toEqual([]);
  }, 60_000);
});
