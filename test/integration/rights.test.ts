/**
 * Who may write a commitment is server state (server/rights/): a writer cannot grant rights
 * by editing the document or through any route; the coordinator's move changes who can write
 * on open sockets at once and is recorded in the history with its note; an older document's
 * agencies become rows. Real server, real port, real sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { blankCommitment, commitmentDoc, getMeta, setMeta, shortText } from '../../shared/schema/index.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { migrateAllRights } from '../../server/rights/migrateRights.js';
import { SYSTEM_AUTHOR } from '../../server/sync/origins.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { storedDoc } from '../helpers/storedDoc.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { connectRaw, type RawClient } from '../reliability/rawClient.js';

/** Led by the Central Election Commission (cec); the civil demo member does not belong to its group. */
const CEC_DOC = 'c-06-referendum-e-petition';
/** In the civil demo member's working group, led by NDC; the demo agency editor is the Ministry of Justice (moj). */
const CIVIL_DOC = 'c-01-open-data-reuse';
const MOJ = { id: 'moj', zh: '法務部', en: 'Ministry of Justice' };
const PASSWORD = 'a long test password';

describe('rights live in the database', () => {
  const tmp = tempDir();
  let server: TestServer;
  let tokens: { coordinator: string; moj: string; cec: string; civil: string };
  const open: RawClient[] = [];

  const http = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(server.url + path, { method, headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  };
  const connect = async (doc: string, token: string) => {
    const c = await connectRaw(server.wsUrl, doc, token);
    open.push(c);
    return c;
  };
  const stored = async (doc: string, field: 'partners' | 'title') => shortText(await storedDoc(server.store, doc), field, 'zh').toString();

  beforeAll(async () => {
    server = await startTestServer({ dataDir: tmp.dir });
    await server.store.createUser({ email: 'cec@example.gov.tw', name: '李專員（中選會）', passwordHash: await hashPassword(PASSWORD), role: 'agency_editor', affiliation: { kind: 'agency', id: 'cec', name: '中央選舉委員會' } });
    tokens = {
      coordinator: server.token,
      moj: await signIn(over(server.url), DEMO.agency),
      cec: await signIn(over(server.url), 'cec@example.gov.tw', PASSWORD),
      civil: await signIn(over(server.url), DEMO.civil),
    };
  });
  afterAll(async () => {
    for (const c of open) if (c.isOpen()) await c.close();
    await server.close();
    tmp.remove();
  });

  it('[RI5] a civil-society writer cannot change who may write, through the socket or any route', async () => {
    const civil = await connect(CIVIL_DOC, tokens.civil);
    // Its own group's commitment: it writes there, and names the Ministry of Justice lead and co-agency in the document.
    setMeta(civil.doc, 'leadAgency', MOJ);
    setMeta(civil.doc, 'coAgencies', [...getMeta(civil.doc, 'coAgencies'), MOJ]);
    // The document's copy is the server's: the update gate refuses the change outright.
    await waitFor(() => civil.sync.denied.some((r) => r.startsWith('server_owned: ')), { what: 'the refusal of the agencies change' });
    // And the Ministry of Justice's editor still may not write.
    const moj = await connect(CIVIL_DOC, tokens.moj);
    shortText(moj.doc, 'partners', 'zh').insert(0, '法務部寫入');
    await waitFor(() => moj.sync.denied.length > 0, { what: "the refusal of the ministry's edit" });
    const watcher = await connect(CIVIL_DOC, tokens.coordinator);
    await watcher.ack();
    expect(await stored(CIVIL_DOC, 'partners')).not.toContain('法務部寫入');
    // Nothing of the change reached the document as stored or as others see it.
    for (const doc of [watcher.doc, await storedDoc(server.store, CIVIL_DOC)]) {
      expect(getMeta(doc, 'leadAgency').id).toBe('ndc');
      expect(getMeta(doc, 'coAgencies').some((x) => x.id === 'moj')).toBe(false);
    }
    const before = await server.store.getRights(CIVIL_DOC);
    // Every route that changes rights or the directory is the coordinator's.
    const id = CIVIL_DOC;
    const attempts = [
      await http(tokens.civil, 'PUT', `/api/commitments/${id}/lead-agency`, { agencyId: 'moj', note: '改隸' }),
      await http(tokens.civil, 'POST', `/api/commitments/${id}/lead-agency`, { leadAgency: MOJ }),
      await http(tokens.civil, 'PUT', `/api/commitments/${id}/co-agencies`, { agencyIds: ['moj'] }),
      await http(tokens.civil, 'POST', `/api/commitments/${id}/co-agencies`, { agencyId: 'moj' }),
      await http(tokens.civil, 'DELETE', `/api/commitments/${id}/co-agencies/${before!.coAgencyIds[0] ?? 'moj'}`),
      await http(tokens.civil, 'POST', '/api/agencies', { id: 'civil-agency', zh: '民間機關', en: '' }),
    ];
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(attempts.every((a) => a.json.error.code === 'forbidden')).toBe(true);
    // A lead agency's editor may not add co-implementers either (rights are the coordinator's to grant).
    expect((await http(tokens.cec, 'POST', `/api/commitments/${CEC_DOC}/co-agencies`, { agencyId: 'moj' })).status).toBe(403);
    expect(await server.store.getRights(CIVIL_DOC)).toEqual(before);
    expect((await server.store.listAgencies()).some((a) => a.id === 'civil-agency')).toBe(false);
    expect(await server.store.listEvents(CIVIL_DOC)).toEqual([]);
  });

  it('[RI6] the coordinator moves the lead agency: open sockets change at once, the move and its note are in the history', async () => {
    const cec = await connect(CEC_DOC, tokens.cec);
    const moj = await connect(CEC_DOC, tokens.moj);
    const watcher = await connect(CEC_DOC, tokens.coordinator);
    shortText(cec.doc, 'partners', 'zh').insert(0, '中選會寫入');
    await cec.ack();
    expect(await stored(CEC_DOC, 'partners')).toMatch(/^中選會寫入/);
    expect(cec.sync.denied).toEqual([]);

    const note = '組織改造：公投業務改由法務部主責（第5次推動小組會議決議）';
    const moved = await http(tokens.coordinator, 'PUT', `/api/commitments/${CEC_DOC}/lead-agency`, { agencyId: 'moj', note });
    expect(moved.status).toBe(200);
    expect(moved.json.rights).toMatchObject({ leadAgency: MOJ });

    // Same sockets, no reconnect: the new lead's editor writes, the old lead's is refused.
    shortText(moj.doc, 'partners', 'zh').insert(0, '法務部寫入');
    await moj.ack();
    expect(moj.sync.denied).toEqual([]);
    await waitFor(() => shortText(watcher.doc, 'partners', 'zh').toString().startsWith('法務部寫入'), { what: "the new lead's edit relayed" });
    shortText(cec.doc, 'partners', 'zh').insert(0, '不再');
    await waitFor(() => cec.sync.denied.length > 0, { what: "the refusal of the old lead's edit" });
    await watcher.ack();
    expect(await stored(CEC_DOC, 'partners')).not.toContain('不再');

    // The document shows the new lead, written by the server as the system.
    await waitFor(() => getMeta(watcher.doc, 'leadAgency').id === 'moj', { what: 'the mirror reaching an editor' });
    const audit = await server.store.listUpdateAudit(CEC_DOC);
    expect(audit.some((u) => u.author.userId === SYSTEM_AUTHOR.userId)).toBe(true);

    const history = await http(tokens.moj, 'GET', `/api/commitments/${CEC_DOC}/history`);
    expect(history.json.events.at(-1)).toMatchObject({
      type: 'lead_agency_moved',
      data: { from: { id: 'cec' }, to: MOJ, note },
      author: { name: '陳協調（國發會）' },
    });
    expect(typeof history.json.events.at(-1).at).toBe('number');
  });

  it('[RI7] co-implementing agencies are picked from the directory by the coordinator; unknown ids are refused', async () => {
    const add = await http(tokens.coordinator, 'POST', `/api/commitments/${CIVIL_DOC}/co-agencies`, { agencyId: 'moj', note: '協辦' });
    expect(add.status).toBe(200);
    expect(add.json.rights.coAgencies.map((a: { id: string }) => a.id)).toContain('moj');
    const moj = await connect(CIVIL_DOC, tokens.moj);
    shortText(moj.doc, 'title', 'zh').insert(0, '協辦寫入');
    await moj.ack();
    expect(moj.sync.denied).toEqual([]);
    // Two coordinators' additions at the same moment: the rows' version makes the later one recompute, both are kept.
    const both = await Promise.all(['aac', 'moda'].map((agencyId) => http(tokens.coordinator, 'POST', `/api/commitments/${CIVIL_DOC}/co-agencies`, { agencyId })));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect((await server.store.getRights(CIVIL_DOC))?.coAgencyIds).toEqual(expect.arrayContaining(['moj', 'aac', 'moda']));
    await http(tokens.coordinator, 'PUT', `/api/commitments/${CIVIL_DOC}/co-agencies`, { agencyIds: add.json.rights.coAgencies.map((a: { id: string }) => a.id) });
    const unknown = await http(tokens.coordinator, 'POST', `/api/commitments/${CIVIL_DOC}/co-agencies`, { agencyId: 'typed-in-name' });
    expect(unknown).toMatchObject({ status: 400, json: { error: { code: 'unknown_agency' } } });
    const removed = await http(tokens.coordinator, 'DELETE', `/api/commitments/${CIVIL_DOC}/co-agencies/moj?note=${encodeURIComponent('改由他機關')}`);
    expect(removed.status).toBe(200);
    shortText(moj.doc, 'title', 'zh').insert(0, '移除後');
    await waitFor(() => moj.sync.denied.length > 0, { what: 'the refusal after removal' });
    const events = (await http(tokens.coordinator, 'GET', `/api/commitments/${CIVIL_DOC}/history`)).json.events;
    expect(events.filter((e: { data: { note?: string } }) => e.data.note)).toMatchObject([
      { type: 'co_agencies_changed', data: { added: [MOJ], removed: [], note: '協辦' } },
      { type: 'co_agencies_changed', data: { added: [], removed: [MOJ], note: '改由他機關' } },
    ]);
    const agencies = (await http(tokens.civil, 'GET', '/api/agencies')).json.agencies as Array<{ id: string }>;
    expect(agencies.map((a) => a.id)).toEqual(expect.arrayContaining(['moj', 'cec', 'aac', 'moda']));
  });

  it('[RI11] a renamed ministry keeps its id, rights and history; its commitments show the new name', async () => {
    const watcher = await connect(CEC_DOC, tokens.coordinator);
    const renamed = { zh: '法務部（改組後）', en: 'Ministry of Justice (reorganised)' };
    expect((await http(tokens.moj, 'PUT', '/api/agencies/moj', renamed)).status).toBe(403);
    expect((await http(tokens.coordinator, 'PUT', '/api/agencies/nobody', renamed)).status).toBe(404);
    expect((await http(tokens.coordinator, 'PUT', '/api/agencies/moj', renamed)).status).toBe(200);
    // 6 was moved to the ministry above: it shows the new name, and its editor still writes.
    await waitFor(() => getMeta(watcher.doc, 'leadAgency').zh === renamed.zh, { what: 'the new name mirrored' });
    const moj = await connect(CEC_DOC, tokens.moj);
    shortText(moj.doc, 'partners', 'zh').insert(0, '更名後');
    await moj.ack();
    expect(moj.sync.denied).toEqual([]);
    const events = (await http(tokens.moj, 'GET', `/api/commitments/${CEC_DOC}/history`)).json.events;
    expect(events.map((e: { type: string }) => e.type).slice(-2)).toEqual(['lead_agency_moved', 'agency_renamed']);
    expect(events.at(-1).data).toEqual({ from: MOJ, to: { id: 'moj', ...renamed } });
    await http(tokens.coordinator, 'PUT', '/api/agencies/moj', { zh: MOJ.zh, en: MOJ.en });
  });

  it('[RI8] an older document keeps its agencies in the Y.Doc only: they become rows and the directory learns them', async () => {
    const legacy = async (id: string, co: Array<{ id: string; zh: string; en: string }>) => {
      const doc = commitmentDoc(blankCommitment({ id, number: '9-9', domainId: 'd1', title: { zh: '舊承諾', en: '' }, leadAgency: MOJ, coAgencies: co }));
      await server.store.createDocument(id, 'commitment', 'plan-nap1');
      await server.store.appendUpdates(id, [{ update: Y.encodeStateAsUpdate(doc), author: SYSTEM_AUTHOR, receivedAt: Date.now() }]);
    };
    await legacy('c-legacy-one', [{ id: 'ag-typed1', zh: '舊協辦機關', en: 'Old co-agency' }]);
    await legacy('c-legacy-two', []);
    expect(await server.store.getRights('c-legacy-one')).toBeNull();
    // Joined before any start-up pass: the socket's access is read from rows made from the document.
    const moj = await connect('c-legacy-one', tokens.moj);
    shortText(moj.doc, 'title', 'zh').insert(0, '遷移後');
    await moj.ack();
    expect(moj.sync.denied).toEqual([]);
    expect(await server.store.getRights('c-legacy-one')).toEqual({ commitmentId: 'c-legacy-one', leadAgencyId: 'moj', coAgencyIds: ['ag-typed1'], version: 1 });
    expect(await server.store.listAgencies()).toContainEqual({ id: 'ag-typed1', zh: '舊協辦機關', en: 'Old co-agency' });
    // The start-up pass migrates the rest, once.
    expect(await migrateAllRights({ store: server.store, rooms: server.gongbi.rooms })).toBe(1);
    expect(await migrateAllRights({ store: server.store, rooms: server.gongbi.rooms })).toBe(0);
    expect((await server.store.getRights('c-legacy-two'))?.leadAgencyId).toBe('moj');
  });
});
