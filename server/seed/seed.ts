/**
 * Writes the demo plan (19 commitments in 5 domains) and the demo accounts into an empty
 * store, through the rooms so it is stored like any other edit, attributed to the system.
 */
import { writeCommitment, writePlan } from '../../shared/schema/index.js';
import type { Store } from '../storage/types.js';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demoAccounts.js';
import type { Rooms } from '../sync/rooms.js';
import { SYSTEM_AUTHOR } from '../sync/origins.js';
import { demoPlan } from './demoPlan.js';

/** Seeds the demo plan unless the store already holds a plan. Returns true when it seeded. */
export async function seedDemoIfEmpty(store: Store, rooms: Rooms): Promise<boolean> {
  if ((await store.listDocuments({ kind: 'plan' })).length > 0) return false;
  const { plan, commitments } = demoPlan();
  for (const c of commitments) {
    await store.createDocument(c.id, 'commitment', plan.id);
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
