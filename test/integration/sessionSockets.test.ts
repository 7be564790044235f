/**
 * A session that ends stops writing: sign-out (HS6), expiry (HS7), a session ended outside
 * the process or a person's accounts ended (HS8) close its open sync sockets with 4401, on
 * a real server with real sockets; the other sessions keep working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { shortText } from '../../shared/schema/index.js';
import { hashToken, newToken } from '../../server/auth/tokens.js';
import { SESSION_COOKIE } from '../../server/auth/sessions.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { connectRaw, openRaw, type Closed, type RawClient } from '../reliability/rawClient.js';
import { storedDoc } from '../helpers/storedDoc.js';

const DOC = 'c-01-open-data-reuse';
const title = (doc: Y.Doc) => shortText(doc, 'title', 'zh');

/** Resolves with the close, or null when the socket is still open after `ms`. */
const closedWithin = (c: RawClient, ms: number) => Promise.race([c.closed, new Promise<null>((r) => setTimeout(() => r(null), ms))]);

describe('open sockets of an ended session are closed with 4401', () => {
  const tmp = tempDir();
  let server: TestServer;
  const clients: RawClient[] = [];
  const connect = async (token: string, headers?: Record<string, string>) => {
    const c = await connectRaw(server.wsUrl, DOC, headers ? '' : token, { headers });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    // The store check every 200 ms stands for "whenever"; the sign-out must not need it.
    server = await startTestServer({ dataDir: tmp.dir, env: { GONGBI_SESSION_CHECK_MS: '200' } });
  });
  afterAll(async () => {
    for (const c of clients) if (c.isOpen()) await c.close();
    await server.close();
    tmp.remove();
  });

  const stored = async () => title(await storedDoc(server.store, DOC)).toString();

  it('[HS6] sign-out closes every socket of that session at once, and only those; nothing sent after is stored', async () => {
    const token = await signIn(over(server.url), DEMO.civil);
    const other = await signIn(over(server.url), DEMO.civil);
    const byQuery = await connect(token);
    const byCookie = await connect(token, { cookie: `${SESSION_COOKIE}=${token}`, origin: server.url });
    const sameUserOtherSession = await connect(other);
    const res = await fetch(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: bearer(token) });
    expect(res.status).toBe(200);
    // At once: sooner than a store check could have noticed (it would say "session ended").
    for (const c of [byQuery, byCookie]) {
      const closed = (await closedWithin(c, 5000)) as Closed | null;
      expect(closed, 'still open after sign-out').not.toBeNull();
      expect(closed).toEqual({ code: 4401, reason: 'sign-in required: signed out' });
    }
    title(byQuery.doc).insert(0, '登出後');
    byQuery.send(new Uint8Array([0, 2, 0]));
    // The person's other session writes on.
    title(sameUserOtherSession.doc).insert(0, '另一分頁');
    await sameUserOtherSession.ack();
    expect(sameUserOtherSession.isOpen()).toBe(true);
    expect(await stored()).toMatch(/^另一分頁/);
    expect(await stored()).not.toContain('登出後');
    // And the ended token opens nothing any more.
    const again = await openRaw(server.wsUrl, DOC, token).then((c) => c.closed, (err: Error) => err.message);
    expect(JSON.stringify(again)).toContain('4401');
  });

  it('[HS6] sign-out from the browser (cookie, own origin) closes the browser\'s sockets too', async () => {
    const token = await signIn(over(server.url), DEMO.coordinator);
    const c = await connect(token, { cookie: `${SESSION_COOKIE}=${token}`, origin: server.url });
    const res = await fetch(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: server.url, 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(200);
    expect(((await closedWithin(c, 5000)) as Closed | null)?.code).toBe(4401);
  });

  it('[HS7] a socket learns its session\'s expiry when it connects and is closed with 4401 when it passes', async () => {
    const user = (await server.store.getUserByEmail(DEMO.agency))!;
    const token = newToken();
    await server.store.createSession(hashToken(token), user.id, Date.now() + 1500);
    const c = await connect(token);
    expect(c.isOpen()).toBe(true);
    const closed = (await closedWithin(c, 8000)) as Closed | null;
    expect(closed, 'still open after its session expired').toEqual({ code: 4401, reason: 'sign-in required: session expired' });
  });

  it('[HS8] a session deleted outside this process (another process, an admin command) closes its sockets at the next store check', async () => {
    const token = await signIn(over(server.url), DEMO.translator);
    const c = await connect(token);
    const keep = await connect(server.token);
    await server.store.deleteSession(hashToken(token));
    const closed = (await closedWithin(c, 8000)) as Closed | null;
    expect(closed).toEqual({ code: 4401, reason: 'sign-in required: session ended' });
    await keep.ack();
    expect(keep.isOpen()).toBe(true);
  });

  it('[HS8] ending a person (a disabled account) closes every socket of every session of theirs, no one else\'s', async () => {
    const viewer = (await server.store.getUserByEmail(DEMO.viewer))!;
    const a = await connect(await signIn(over(server.url), DEMO.viewer));
    const b = await connect(await signIn(over(server.url), DEMO.viewer));
    const keep = await connect(server.token);
    await server.gongbi.sessionSockets.end({ userId: viewer.id });
    for (const c of [a, b]) expect(await closedWithin(c, 5000)).toEqual({ code: 4401, reason: 'sign-in required: account disabled or sessions ended' });
    await keep.ack();
    expect(keep.isOpen()).toBe(true);
    await waitFor(() => server.gongbi.sessionSockets.size === clients.filter((x) => x.isOpen()).length, { what: 'closed sockets unregistered' });
  });
});
