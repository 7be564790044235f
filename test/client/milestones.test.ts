/**
 * Concurrent add / delete / reorder of milestone rows across replicas, through the shared
 * accessors the editor uses: every replica must converge to the same rows in the same order,
 * with no row duplicated and no row lost that nobody deleted.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMilestone,
  milestoneOrder,
  milestoneText,
  moveMilestone,
  removeMilestone,
  renderCommitment,
} from '../../shared/schema/index.js';

/** Exchanges everything each doc has that the others lack (a full, order-independent sync). */
function syncAll(...docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    }
  }
}

function peersWithRows(count: number, rows: string[]): Y.Doc[] {
  const origin = new Y.Doc();
  for (const id of rows) addMilestone(origin, { id, text: { zh: `里程碑 ${id}` } });
  return Array.from({ length: count }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin));
    return doc;
  });
}

function expectConverged(docs: Y.Doc[]): string[] {
  const order = milestoneOrder(docs[0]!);
  for (const doc of docs) {
    expect(milestoneOrder(doc)).toEqual(order);
    expect(renderCommitment(doc).milestones).toEqual(renderCommitment(docs[0]!).milestones);
  }
  expect(new Set(order).size).toBe(order.length);
  return order;
}

describe('milestone rows under concurrent edits', () => {
  it('two people add a row at the end at the same time: both rows, same order everywhere', () => {
    const [a, b] = peersWithRows(2, ['r1', 'r2']);
    addMilestone(a!, { id: 'ra' });
    addMilestone(b!, { id: 'rb' });
    syncAll(a!, b!);
    const order = expectConverged([a!, b!]);
    expect(order.slice(0, 2)).toEqual(['r1', 'r2']);
    expect(order.slice(2).sort()).toEqual(['ra', 'rb']);
  });

  it('two people insert at the same index: both rows land between the same neighbours', () => {
    const [a, b] = peersWithRows(2, ['r1', 'r2', 'r3']);
    addMilestone(a!, { id: 'ra' }, 1);
    addMilestone(b!, { id: 'rb' }, 1);
    syncAll(a!, b!);
    const order = expectConverged([a!, b!]);
    expect(order[0]).toBe('r1');
    expect(order.slice(1, 3).sort()).toEqual(['ra', 'rb']);
    expect(order.slice(3)).toEqual(['r2', 'r3']);
  });

  it('a later insert between two rows that got the same order key still goes between them', () => {
    const [a, b] = peersWithRows(2, ['r1', 'r2']);
    addMilestone(a!, { id: 'ra' }, 1);
    addMilestone(b!, { id: 'rb' }, 1);
    syncAll(a!, b!);
    const [, first] = milestoneOrder(a!);
    addMilestone(a!, { id: 'rc' }, 2);
    syncAll(a!, b!);
    const order = expectConverged([a!, b!]);
    expect(order).toContain('rc');
    expect(order.indexOf(first!)).toBe(1);
    expect(order).toHaveLength(5);
  });

  it('one deletes a row while the other moves it: the row is gone, nothing duplicated', () => {
    const [a, b] = peersWithRows(2, ['r1', 'r2', 'r3']);
    removeMilestone(a!, 'r2');
    moveMilestone(b!, 'r2', 0);
    syncAll(a!, b!);
    expect(expectConverged([a!, b!])).toEqual(['r1', 'r3']);
  });

  it('one deletes a row while the other types in it: the row is gone on both', () => {
    const [a, b] = peersWithRows(2, ['r1', 'r2']);
    removeMilestone(a!, 'r1');
    milestoneText(b!, 'r1', 'indicator', 'zh')!.insert(0, '辦理 3 場');
    syncAll(a!, b!);
    expect(expectConverged([a!, b!])).toEqual(['r2']);
  });

  it('both move the same row in opposite directions: it appears once, the same place for both', () => {
    const [a, b] = peersWithRows(2, ['r1', 'r2', 'r3', 'r4']);
    moveMilestone(a!, 'r3', 0);
    moveMilestone(b!, 'r3', 3);
    syncAll(a!, b!);
    const order = expectConverged([a!, b!]);
    expect([...order].sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
  });

  it('both move different rows: each move survives', () => {
    const [a, b] = peersWithRows(2, ['r1', 'r2', 'r3', 'r4']);
    moveMilestone(a!, 'r4', 0); // r4 r1 r2 r3
    moveMilestone(b!, 'r1', 3); // r2 r3 r4 r1
    syncAll(a!, b!);
    const order = expectConverged([a!, b!]);
    expect(order.indexOf('r4')).toBeLessThan(order.indexOf('r2'));
    expect(order.indexOf('r1')).toBeGreaterThan(order.indexOf('r3'));
  });

  it('the same row deleted by both, while a third adds a row next to it', () => {
    const [a, b, c] = peersWithRows(3, ['r1', 'r2', 'r3']);
    removeMilestone(a!, 'r2');
    removeMilestone(b!, 'r2');
    addMilestone(c!, { id: 'rc' }, 2);
    syncAll(a!, b!, c!);
    expect(expectConverged([a!, b!, c!])).toEqual(['r1', 'rc', 'r3']);
  });

  it('edits made offline and merged later in any order converge (seeded random runs)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      let state = seed;
      const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
      const pick = <T,>(items: T[]): T => items[Math.floor(random() * items.length)]!;
      const docs = peersWithRows(3, ['r1', 'r2', 'r3', 'r4']);
      const deleted = new Set<string>();
      const added = new Set<string>(['r1', 'r2', 'r3', 'r4']);
      let next = 0;
      for (let step = 0; step < 40; step++) {
        const doc = pick(docs);
        const rows = milestoneOrder(doc);
        const op = random();
        if (op < 0.35 || rows.length === 0) {
          const id = `n${seed}-${next++}`;
          added.add(id);
          addMilestone(doc, { id }, Math.floor(random() * (rows.length + 1)));
        } else if (op < 0.5) {
          const id = pick(rows);
          deleted.add(id);
          removeMilestone(doc, id);
        } else if (op < 0.9) {
          moveMilestone(doc, pick(rows), Math.floor(random() * rows.length));
        } else {
          milestoneText(doc, pick(rows), 'text', 'zh')?.insert(0, '改');
        }
        if (random() < 0.25) {
          const [x, y] = [pick(docs), pick(docs)];
          if (x !== y) syncAll(x, y);
        }
      }
      syncAll(...docs);
      const order = expectConverged(docs);
      const expected = [...added].filter((id) => !deleted.has(id)).sort();
      expect([...order].sort(), `seed ${seed}`).toEqual(expected);
    }
  });
});
