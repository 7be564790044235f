/**
 * Suggestions and live edits interleaved at random (pinned seeds), against a real server with
 * two real WebSocket replicas typing in the same fields: every accepted suggestion's text
 * ends up in the live document exactly once, no open or declined one appears, nothing typed is
 * overwritten, an accept is
 * refused exactly when the field moved since the suggestion, and the replicas converge.
 * Rule cited: SG9.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { connectSynced, type Peer } from '../helpers/peers.js';
import { seededRng } from '../helpers/rng.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { shortText, type ShortTextKey } from '../../shared/schema/index.js';

const C04 = 'c-04-access-to-information';
const FIELDS: ShortTextKey[] = ['title', 'partners'];
const SEEDS = [7, 2026, 90210];

let tmp: ReturnType<typeof tempDir>;
let server: TestServer;
let agency = '';
let viewer = '';

beforeAll(async () => {
  tmp = tempDir();
  server = await startTestServer({ dataDir: tmp.dir });
  agency = await signIn(over(server.url), DEMO.agency);
  viewer = await signIn(over(server.url), DEMO.viewer);
});
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

async function post(token: string, path: string, body: unknown) {
  const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, ...bearer(token) }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { id?: string; error?: { code: string } } };
}

const read = (peer: Peer, f: ShortTextKey) => shortText(peer.doc, f, 'zh').toString();
const occurrences = (text: string, marker: string) => text.split(marker).length - 1;

describe('SG9 suggestions interleaved with live edits', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: accepted text lands exactly once, nothing else lands, replicas converge`, async () => {
      const rng = seededRng(seed);
      const a = await connectSynced(server.wsUrl, C04, agency);
      const b = await connectSynced(server.wsUrl, C04, agency);
      const open: Array<{ id: string; field: ShortTextKey; marker: string }> = [];
      const accepted: Array<{ field: ShortTextKey; marker: string }> = [];
      const notAccepted: string[] = [];
      const typed: Array<{ field: ShortTextKey; token: string }> = [];
      try {
        for (let step = 0; step < 60; step++) {
          const roll = rng.int(10);
          const field = rng.pick(FIELDS);
          if (roll < 3) {
            // A replica types at the start or end of the field: markers are never cut.
            const peer = rng.pick([a, b]);
            const text = shortText(peer.doc, field, 'zh');
            const token = `⟨e${seed}-${step}⟩`;
            text.insert(rng.int(2) === 0 ? 0 : text.length, token);
            typed.push({ field, token });
          } else if (roll < 6) {
            await waitFor(() => read(a, field) === read(b, field), { what: 'replicas to agree before reading a base' });
            const marker = `⟦${seed}s${step}⟧`;
            const res = await post(viewer, `/api/commitments/${C04}/suggestions`, { field, lang: 'zh', text: `${read(a, field)}${marker}` });
            if (res.status === 201) open.push({ id: res.body.id!, field, marker });
            else notAccepted.push(marker);
          } else if (open.length > 0) {
            const s = open.splice(rng.int(open.length), 1)[0]!;
            if (roll < 9) {
              const res = await post(agency, `/api/suggestions/${s.id}/accept`, {});
              if (res.status === 200) accepted.push(s);
              else {
                expect(res.body.error?.code, `seed ${seed} step ${step}`).toBe('suggestion_conflict');
                notAccepted.push(s.marker);
              }
            } else {
              expect((await post(agency, `/api/suggestions/${s.id}/decline`, { reason: `seed ${seed}` })).status).toBe(200);
              notAccepted.push(s.marker);
            }
          }
          if (rng.int(4) === 0) await new Promise((r) => setTimeout(r, rng.int(30)));
        }
        notAccepted.push(...open.map((s) => s.marker));
        await waitFor(() => FIELDS.every((f) => read(a, f) === read(b, f)), { what: `seed ${seed}: replicas to converge`, timeout: 10_000 });
        for (const s of accepted) expect(occurrences(read(a, s.field), s.marker), `seed ${seed}: ${s.marker}`).toBe(1);
        for (const m of notAccepted) expect(FIELDS.some((f) => read(a, f).includes(m)), `seed ${seed}: ${m} must not land`).toBe(false);
        expect(accepted.length, `seed ${seed}: some accepts happened`).toBeGreaterThan(0);
        // No accept overwrote what someone typed.
        for (const t of typed) expect(occurrences(read(a, t.field), t.token), `seed ${seed}: typed ${t.token}`).toBe(1);
        // The server's own copy agrees with the replicas.
        const live = (await (await fetch(`${server.url}/api/commitments/${C04}`, { headers: bearer(agency) })).json()) as { commitment: { title: { zh: string }; partners: { zh: string } } };
        expect(live.commitment.title.zh).toBe(read(a, 'title'));
        expect(live.commitment.partners.zh).toBe(read(a, 'partners'));
      } finally {
        a.destroy();
        b.destroy();
      }
    }, 60_000);
  }
});
