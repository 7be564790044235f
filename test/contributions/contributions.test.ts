/** Contribution figures checked against a scripted editing session with known authors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMilestone, shortText } from '../../shared/schema/index.js';
import { DEMO, bearer, over, signIn } from '../helpers/auth.js';
import { connectSynced } from '../helpers/peers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = 'c-04-access-to-information';

describe('[AU10] contributions', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: TestServer;
  beforeAll(async () => {
    tmp = tempDir();
    server = await startTestServer({ dataDir: tmp.dir });
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  it('counts characters added and removed and milestones written, per person and per affiliation', async () => {
    const agencyToken = await signIn(over(server.url), DEMO.agency);
    const civilToken = await signIn(over(server.url), DEMO.civil);
    const agency = await connectSynced(server.wsUrl, DOC, agencyToken);
    const civil = await connectSynced(server.wsUrl, DOC, civilToken);
    const room = server.gongbi.rooms.loaded(DOC)!;
    const start = room.lastSeq;
    const stored = (n: number) => waitFor(() => room.lastSeq >= start + n && room.quiescent, { what: `${n} updates stored` });

    // The agency editor writes 11 characters in one field, the civil editor 7 in another.
    shortText(agency.doc, 'partners', 'zh').insert(0, '法務部廉政署與民間團體');
    await stored(1);
    expect(shortText(agency.doc, 'partners', 'zh').toString().startsWith('法務部廉政署與民間團體')).toBe(true);
    await waitFor(() => shortText(civil.doc, 'partners', 'zh').toString().startsWith('法務部'));
    shortText(civil.doc, 'partners', 'en').insert(0, 'NGO net');
    await stored(2);
    // The civil editor removes 3 of the agency's characters ('廉政署') and adds a milestone.
    await waitFor(() => shortText(civil.doc, 'partners', 'zh').toString().startsWith('法務部廉政署'));
    shortText(civil.doc, 'partners', 'zh').delete(3, 3);
    await stored(3);
    addMilestone(civil.doc, { period: '2024', text: { zh: '公開', en: 'Publish' } });
    await stored(4);

    const res = await fetch(`${server.url}/api/commitments/${DOC}/contributions?fromSeq=${start}`, { headers: bearer(server.token) });
    expect(res.status).toBe(200);
    const body = await res.json();
    const person = (name: RegExp) => body.byPerson.find((p: { name: string }) => name.test(p.name));
    expect(person(/王科長/)).toMatchObject({ affiliation: 'agency', charsAdded: 11, charsRemoved: 0, milestonesAdded: 0 });
    // 7 ('NGO net') + the new row's two texts ('公開' 2 + 'Publish' 7) = 16 added.
    expect(person(/林委員/)).toMatchObject({ affiliation: 'civil_society', charsAdded: 16, charsRemoved: 3, milestonesAdded: 1 });
    expect(body.byAffiliation.agency.charsAdded).toBe(11);
    expect(body.byAffiliation.civil_society).toMatchObject({ charsAdded: 16, charsRemoved: 3, milestonesAdded: 1 });
    expect(body.total.updates).toBe(body.toSeq - start);

    // The whole history includes the seed, written by the system.
    const all = await (await fetch(`${server.url}/api/commitments/${DOC}/contributions`, { headers: bearer(server.token) })).json();
    expect(all.byAffiliation.system.charsAdded).toBeGreaterThan(500);
    expect(all.byAffiliation.system.milestonesAdded).toBe(4);

    const plan = await (await fetch(`${server.url}/api/plans/plan-nap1/contributions`, { headers: bearer(server.token) })).json();
    expect(plan.commitments).toHaveLength(19);
    expect(plan.byAffiliation.civil_society.milestonesAdded).toBe(1);
    agency.destroy();
    civil.destroy();
  });

  it('needs a signed-in user and an existing commitment, and validates the range', async () => {
    expect((await fetch(`${server.url}/api/commitments/${DOC}/contributions`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/commitments/c-nope/contributions`, { headers: bearer(server.token) })).status).toBe(404);
    expect((await fetch(`${server.url}/api/commitments/${DOC}/contributions?fromSeq=-3`, { headers: bearer(server.token) })).status).toBe(400);
  });
});
