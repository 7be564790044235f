/**
 * Access follows the commitment's rights while people are connected: a co-implementing
 * agency the coordinator adds (through the API; rights are server state) may write from its
 * people's next update, without reconnecting, and one removed is refused from then on
 * (server/rights/service.ts calls Room.reviewAccess).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getMeta, shortText } from '../../shared/schema/index.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { connectRaw, type RawClient } from '../reliability/rawClient.js';
import { storedDoc } from '../helpers/storedDoc.js';

/** Led by another ministry; the demo agency account is the Ministry of Justice (moj). */
const DOC = 'c-06-referendum-e-petition';
const MOJ = { id: 'moj', zh: '法務部', en: 'Ministry of Justice' };
const title = (doc: Y.Doc) => shortText(doc, 'title', 'zh');

describe('access of open connections follows the agencies', () => {
  const tmp = tempDir();
  let server: TestServer;
  let coordinator: RawClient;
  let agency: RawClient;

  beforeAll(async () => {
    server = await startTestServer({ dataDir: tmp.dir });
    coordinator = await connectRaw(server.wsUrl, DOC, server.token);
    agency = await connectRaw(server.wsUrl, DOC, await signIn(over(server.url), DEMO.agency));
    expect(getMeta(coordinator.doc, 'coAgencies').some((a) => a.id === MOJ.id)).toBe(false);
    expect(getMeta(coordinator.doc, 'leadAgency').id).not.toBe(MOJ.id);
  });
  afterAll(async () => {
    await agency.close();
    await coordinator.close();
    await server.close();
    tmp.remove();
  });

  const stored = async () => title(await storedDoc(server.store, DOC)).toString();
  const coAgencies = async (method: 'POST' | 'DELETE') => {
    const path = method === 'POST' ? `/api/commitments/${DOC}/co-agencies` : `/api/commitments/${DOC}/co-agencies/${MOJ.id}`;
    const body = method === 'POST' ? JSON.stringify({ agencyId: MOJ.id, note: '協辦' }) : undefined;
    const res = await fetch(server.url + path, { method, headers: { ...bearer(server.token), ...(body ? { 'content-type': 'application/json' } : {}) }, body });
    expect(res.status).toBe(200);
  };

  it('a co-implementing agency the coordinator adds writes from its next update, on the same socket', async () => {
    await coAgencies('POST');
    title(agency.doc).insert(0, '法務部補充');
    await agency.ack();
    await waitFor(() => title(coordinator.doc).toString().startsWith('法務部補充'), { what: "the agency's edit relayed" });
    expect(agency.sync.denied).toEqual([]);
    expect(await stored()).toMatch(/^法務部補充/);
  });

  it('once removed, its next update is refused, neither stored nor relayed', async () => {
    await coAgencies('DELETE');
    await waitFor(() => !getMeta(agency.doc, 'coAgencies').some((a) => a.id === MOJ.id), { what: 'the removal reaching the agency' });
    title(agency.doc).insert(0, '不再');
    await waitFor(() => agency.sync.denied.length > 0, { what: 'the refusal' });
    expect(agency.sync.denied[0]).toMatch(/not edit/);
    await coordinator.ack();
    expect(title(coordinator.doc).toString()).not.toContain('不再');
    expect(await stored()).not.toContain('不再');
  });
});
