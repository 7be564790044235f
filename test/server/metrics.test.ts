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
    peer.destroy();
  });

  it('keeps the standard Node.js metric names, and counts HTTP requests and exports', async () => {
    const before = await scrape();
    const auth = { authorization: `Bearer ${server.token}` };
    for (let i = 0; i < 3; i++) await (await fetch(`${server.url}/api/plans`, { headers: auth })).arrayBuffer();
    await (await fetch(`${server.url}/api/plans`)).arrayBuffer();
    await (await fetch(`${server.url}/api/plans/plan-nap1/export.md`, { headers: auth })).arrayBuffer();
    await (await fetch(`${server.url}/api/plans/plan-nap1/export.exe`, { headers: auth })).arrayBuffer();
    const after = await scrape();
    // Stock dashboards look these up by name.
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) expect(after).toMatch(new RegExp(`^${name} `, 'm'));
    expect(after).not.toMatch(/^gongbi_process_/m);
    const delta = (name: string) => metric(after, name) - (metric(before, name) || 0);
    expect(delta('gongbi_http_requests_total\\{method="GET",status="200"\\}')).toBeGreaterThanOrEqual(4);
    expect(delta('gongbi_http_requests_total\\{method="GET",status="401"\\}')).toBe(1);
    expect(delta('gongbi_http_requests_total\\{method="GET",status="400"\\}')).toBe(1);
    expect(metric(after, 'gongbi_http_request_duration_seconds_count\\{method="GET"\\}')).toBeGreaterThanOrEqual(6);
    expect(delta('gongbi_exports_total\\{format="md"\\}')).toBe(1);
    expect(after).not.toContain('format="exe"');
  });
});
