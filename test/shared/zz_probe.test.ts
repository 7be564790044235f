import { it } from 'vitest';
import * as Y from 'yjs';
import { addMilestone, milestoneOrder, milestonesMap, moveMilestone } from '../../shared/schema/index.js';
const sync = (a: Y.Doc, b: Y.Doc) => { Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))); Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))); };
it('probe', () => {
  const a = new Y.Doc(); const b = new Y.Doc();
  for (const id of ['r0','r1','r2']) addMilestone(a, { id });
  sync(a, b);
  addMilestone(a, { id: 'xa' }, 1); addMilestone(b, { id: 'xb' }, 1);
  sync(a, b);
  const keys = (d: Y.Doc) => milestoneOrder(d).map(id => id + ':' + milestonesMap(d).get(id)!.get('order'));
  console.log(keys(a), keys(b));
  addMilestone(a, { id: 'mid' }, 2);
  console.log('insert between tied at 2:', keys(a));
  moveMilestone(a, 'r0', 2);
  console.log('move r0 to 2:', keys(a));
});
