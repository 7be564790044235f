/**
 * Writes the demo plan (19 commitments in 5 domains) and the demo accounts into an empty
 * store, through the rooms so it is stored like any other edit, attributed to the system.
 */
import { writeCommitment, writePlan } from '../../shared/schema/index.js';
import type { Store } from '../storage/index.js';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demoAccounts.js';
import type { Rooms } from '../sync/rooms.js';
import { SYSTEM_AUTHOR } from '../sync/origins.js';
import { demoPlan } from './demoPlan.js';
import { DEMO_AGENCIES, DEMO_DIRECTORY_EXTRA } from './demoData.js';

/** Seeds the demo plan unless the store already holds a plan. Returns true when it seeded. */
export async function seedDemoIfEmpty(store: Store, rooms: Rooms): Promise<boolean> {
  if ((await store.listDocuments({ kind: 'plan' })).length > 0) return false;
  const { plan, commitments } = demoPlan();
  // The agency directory first: each commitment's rights rows name its agencies by id.
  await store.addAgencies(Object.entries({ ...DEMO_AGENCIES, ...DEMO_DIRECTORY_EXTRA }).map(([id, a]) => ({ id, zh: a.zh, en: a.en })));
  for (const c of commitments) {
    await store.createDocument(c.id, 'commitment', plan.id);
    await store.initRights({ commitmentId: c.id, leadAgencyId: c.leadAgency.id, coAgencyIds: c.coAgencies.map((a) => a.id) });
    await rooms.change(c.id, SYSTEM_AUTHOR, (doc) => writeCommitment(doc, c));
  }
  await store.createDocument(plan.id, 'plan', '');
  await rooms.change(plan.id, SYSTEM_AUTHOR, (doc) => writePlan(doc, plan));
  if ((await store.listUsers()).length === 0) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const account of DEMO_ACCOUNTS) await store.createUser({ ...account, passwordHash });
  }
  return true;
}
