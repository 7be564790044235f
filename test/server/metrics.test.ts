/** `GET /metrics` counts what the server did: stored updates and their latency, refused messages, connections. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { shortText } from '../../shared/schema/index.js';
import { connectSynced } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = 'c-08-labour-unions';
const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

describe('[OP3] metrics', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: TestServer;
  beforeAll(async () => {
    tmp = tempDir();
    server = await startTestServer({ dataDir: tmp.dir, env: { GONGBI_METRICS_TOKEN: 's3cret' } });
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  const scrape = async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer s3cret' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    return res.text();
  };

  it('needs the token when one is configured', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
  });

  it('counts stored updates, their durable latency, connections and refused messages', async () => {
    const before = await scrape();
    const peer = await connectSynced(server.wsUrl, DOC, server.token);
    const room = server.gongbi.rooms.loaded(DOC)!;
    // One at a time: updates that arrive in one socket read are stored as one.
    for (let i = 1; i <= 5; i++) {
      shortText(peer.doc, 'partners', 'en').insert(0, 'x');
      await waitFor(() => shortText(room.doc, 'partners', 'en').toString().startsWith('x'.repeat(i)) && room.quiescent);
    }
    const bad = new WebSocket(`${server.wsUrl}/${DOC}?token=${server.token}`);
    await new Promise((r) => bad.once('open', r));
    bad.send(Uint8Array.from([77, 1]));
    await new Promise((r) => bad.once('close', r));

    const after = await scrape();
    expect(metric(after, 'gongbi_updates_stored_total') - (metric(before, 'gongbi_updates_stored_total') || 0)).toBeGreaterThanOrEqual(5);
    expect(metric(after, 'gongbi_update_durable_seconds_count')).toBeGreaterThanOrEqual(5);
    expect(metric(after, 'gongbi_connections')).toBe(1);
    expect(metric(after, 'gongbi_loaded_documents')).toBeGreaterThanOrEqual(1);
    expect(metric(after, 'gongbi_refused_messages_total\\{reason="malformed"\\}')).toBe(1);
    expect(after).toMatch(/^gongbi_process_cpu_seconds_total /m);
    peer.destroy();
  });
});
