/**
 * Writes the demo plan (19 commitments in 5 domains) into an empty store, through the rooms
 * so it is stored like any other edit, attributed to the system.
 */
import { writeCommitment, writePlan } from '../../shared/schema/index.js';
import type { DocStore } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import { SYSTEM_AUTHOR } from '../sync/origins.js';
import { demoPlan } from './demoPlan.js';

/** Seeds the demo plan unless the store already holds a plan. Returns true when it seeded. */
export async function seedDemoIfEmpty(store: DocStore, rooms: Rooms): Promise<boolean> {
  if ((await store.listDocuments({ kind: 'plan' })).length > 0) return false;
  const { plan, commitments } = demoPlan();
  for (const c of commitments) {
    await store.createDocument(c.id, 'commitment', plan.id);
    await rooms.change(c.id, SYSTEM_AUTHOR, (doc) => writeCommitment(doc, c));
  }
  await store.createDocument(plan.id, 'plan', '');
  await rooms.change(plan.id, SYSTEM_AUTHOR, (doc) => writePlan(doc, plan));
  return true;
}
