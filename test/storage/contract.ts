/**
 * The one contract every `DocStore` adapter passes, written against the interface only:
 * SQLite runs it now, PostgreSQL will run it with the same tests. Rules cited in test names:
 *
 * - ST1 Documents: createDocument creates once and is idempotent; get and list (by kind, by
 *       plan) return what was created; `updatedAt` is the time of the last stored update.
 * - ST2 Appends number updates 1, 2, 3… per document, one per update, across calls.
 * - ST3 An append is all or nothing: a failed append throws and leaves nothing stored.
 * - ST4 loadDocument returns the stored bytes in order; state + updates rebuild the document.
 * - ST5 compact replaces the log up to `upToSeq` by a state; later updates stay; it never
 *       goes backwards; pendingUpdateCount counts the updates after the compacted state.
 * - ST6 The audit record (author, time, size of every update) survives compaction.
 * - ST7 Events round-trip in the order they were appended, per document.
 * - ST8 ping answers while open; close is idempotent and ping no longer answers after it.
 * - ST9 Everything stored survives close and reopen of the same location.
 * - ST12 A store has a random identity of its own, kept across reopen (and backups).
 * - VS1 Review cycles round-trip; a plan lists its own cycles only, oldest meeting first.
 * - VS2 Snapshots (state bytes, JSON text, metadata) read back byte-identical; a cycle's
 *       snapshots are written once, all or nothing; listings are newest first and filterable.
 * - VS3 The database itself refuses UPDATE and DELETE of a snapshot row.
 * - VS4 loadUpdateRange returns exactly the updates in (fromSeq, toSeq], bytes and authors,
 *       also after compaction.
 * - CM1 Publishing a cycle is recorded once per cycle; publishing again moves it to the top;
 *       a plan lists its own publications, most recent first.
 * - CM2 Public comments read back exactly (hostile text and all; the service strips NUL,
 *       which PostgreSQL text cannot hold), filtered by plan,
 *       commitment and status, oldest first.
 * - CM3 Moderation and responses change only the comment named; unknown ids answer false.
 * - CM4 The flood count counts one address's comments since a time, nothing else.
 * - CM5 Cross-links: one per ordered pair (adding again replaces the note), listed both ways,
 *       removed once; the database refuses a link from a commitment to itself.
 * - CM6 A server secret is written once (the first candidate wins) and survives reopen.
 * - CL2 The contribution ledger: an advance records running totals per person and
 *       affiliation, read back at any seq; the state it stores comes back on request.
 * - CL3 An advance from a seq the ledger has left writes nothing (another process won).
 * - RI1 The agency directory adds only agencies it lacks (names of known ones are kept),
 *       lists them by id and survives reopen.
 * - RI2 A commitment's rights are created once; they read back in order (lead, then the
 *       co-implementing agencies in position order) and are null before.
 * - RI3 A rights change replaces the rows and appends its history event in one transaction,
 *       only from the version it read: a stale version writes nothing, neither rows nor event.
 * - RI11 Renaming an agency keeps its id (and so every commitment's rights); unknown ids
 *       answer false; the commitments naming an agency, as lead or co-implementer, are listed.
 * - RI4 The database refuses rights naming an agency outside the directory or a commitment
 *       that is not stored, and the refused change leaves nothing behind.
 * - AC1 An account can be disabled and enabled again; a disabled account's sessions read as
 *       none and are not live; its record (by e-mail, in the list) says since when.
 * - AC2 updateAccount changes only what it is given; deleteUserSessions deletes one person's
 *       sessions, all of them, and says how many; deleteUserSessionsExcept keeps the one named.
 * - AC3 A password-reset link is used once, before it expires, and names its account.
 * - AC10 An account reads back as created (e-mail in lower case), by id and by e-mail in any
 *       case, one per address; the list is ordered by e-mail; it survives reopen.
 * - AC11 Memberships are replaced as a whole and read back ordered by commitment id, with the
 *       account however it is read (by id, by e-mail, in the list, with a session).
 * - AC12 An invitation reads back exactly, its address in lower case, and is used once.
 * - AT1 Audit entries read back exactly, newest first, filtered by actor (id or name),
 *       action, target and time, paged by id.
 * - AT2 The database itself refuses UPDATE and DELETE of an audit entry.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import * as Y from 'yjs';
import type { AccountStore, AuditStore, NewAuditEntry, ContributionStore, DocEvent, DocStore, LedgerTotal, LoadedDoc, PublicComment, PublicStore, ReviewCycle, RightsStore, Snapshot, UpdateAuthor, UpdateToAppend, VersionStore } from '../../server/storage/index.js';

/** One store under test, opened by the adapter's test file. */
export interface StoreHandle {
  store: DocStore;
  /** Opens a new store on the same location (the test has closed `store` first). */
  reopen(): Promise<DocStore>;
  /** Closes every store this handle opened and removes the location. */
  cleanup(): Promise<void>;
  /**
   * Runs one raw SQL statement on the store's own database, bypassing the adapter ([VS3]
   * checks the database refuses to alter snapshots). When absent, `store.db` (SQLite) or
   * `store.pool` (PostgreSQL) is used.
   */
  execRaw?(sql: string): Promise<unknown>;
}

export type StoreFactory = () => Promise<StoreHandle>;

const ALICE: UpdateAuthor = { userId: 'u-alice', name: '林小華', affiliation: '國家發展委員會' };
const BOB: UpdateAuthor = { userId: 'u-bob', name: 'Bob', affiliation: 'g0v' };
const T0 = Date.UTC(2024, 0, 15, 9, 30);

/** Real Yjs updates: `n` separate edits of a commitment-like doc, one update each. */
function makeUpdates(n: number): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < n; i++) {
    doc.transact(() => {
      doc.getText('title:zh').insert(doc.getText('title:zh').length, `第${i}字`);
      doc.getMap('meta').set(`k${i % 3}`, i);
    });
  }
  return { updates, doc };
}

const toAppend = (updates: Uint8Array[], author = ALICE, start = T0): UpdateToAppend[] =>
  updates.map((update, i) => ({ update, author, receivedAt: start + i * 1000 }));

/** The document a loaded record rebuilds (compacted state first, then the tail in order). */
function rebuild(loaded: LoadedDoc): Y.Doc {
  const doc = new Y.Doc();
  if (loaded.state) Y.applyUpdate(doc, loaded.state);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  return doc;
}

/** A doc holding only the first `n` of `updates`: the state a compaction up to seq n stores. */
function stateOf(updates: Uint8Array[], n: number): Uint8Array {
  const doc = new Y.Doc();
  for (const u of updates.slice(0, n)) Y.applyUpdate(doc, u);
  return Y.encodeStateAsUpdate(doc);
}

const content = (doc: Y.Doc) => ({ title: doc.getText('title:zh').toString(), meta: doc.getMap('meta').toJSON() });
/** Byte arrays compared by value whatever their class (Uint8Array, Buffer). */
const bytes = (u: Uint8Array) => Array.from(u);
const names = (records: Array<{ name: string }>) => records.map((r) => r.name).sort();

export function runDocStoreContract(name: string, factory: StoreFactory): void {
  describe(`DocStore contract: ${name}`, () => {
    let handle: StoreHandle;
    let store: DocStore;

    beforeEach(async () => {
      handle = await factory();
      store = handle.store;
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    describe('documents', () => {
      it('[ST1] createDocument returns the record and getDocument finds it', async () => {
        const rec = await store.createDocument('c-open-data', 'commitment', 'plan-nap1');
        expect(rec).toMatchObject({ name: 'c-open-data', kind: 'commitment', planId: 'plan-nap1' });
        expect(Number.isNaN(Date.parse(rec.createdAt))).toBe(false);
        expect(Number.isNaN(Date.parse(rec.updatedAt))).toBe(false);
        expect(await store.getDocument('c-open-data')).toEqual(rec);
        expect(await store.getDocument('c-missing')).toBeNull();
      });

      it('[ST1] createDocument is idempotent: a second call keeps the first record', async () => {
        const first = await store.createDocument('c-a', 'commitment', 'plan-one');
        await store.appendUpdates('c-a', toAppend(makeUpdates(2).updates));
        const again = await store.createDocument('c-a', 'commitment', 'plan-other');
        expect(again.planId).toBe('plan-one');
        expect(again.createdAt).toBe(first.createdAt);
        expect(await store.listDocuments()).toHaveLength(1);
        // Re-creating must not reset the log.
        expect((await store.loadDocument('c-a')).lastSeq).toBe(2);
      });

      it('[ST1] listDocuments filters by kind and by planId', async () => {
        await store.createDocument('plan-one', 'plan', '');
        await store.createDocument('plan-two', 'plan', '');
        await store.createDocument('c-a', 'commitment', 'plan-one');
        await store.createDocument('c-b', 'commitment', 'plan-one');
        await store.createDocument('c-c', 'commitment', 'plan-two');

        expect(names(await store.listDocuments())).toEqual(['c-a', 'c-b', 'c-c', 'plan-one', 'plan-two']);
        expect(names(await store.listDocuments({}))).toHaveLength(5);
        expect(names(await store.listDocuments({ kind: 'plan' }))).toEqual(['plan-one', 'plan-two']);
        expect(names(await store.listDocuments({ kind: 'commitment' }))).toEqual(['c-a', 'c-b', 'c-c']);
        expect(names(await store.listDocuments({ planId: 'plan-one' }))).toEqual(['c-a', 'c-b']);
        expect(names(await store.listDocuments({ kind: 'commitment', planId: 'plan-two' }))).toEqual(['c-c']);
        // A plan has planId '' and is found by it; an unknown plan has nothing.
        expect(names(await store.listDocuments({ planId: '' }))).toEqual(['plan-one', 'plan-two']);
        expect(await store.listDocuments({ planId: 'plan-none' })).toEqual([]);
      });

      it('[ST1] updatedAt becomes the time of the last stored update', async () => {
        await store.createDocument('c-a', 'commitment', 'plan-one');
        const at = Date.UTC(2031, 5, 1, 12, 0);
        await store.appendUpdates('c-a', [
          { update: makeUpdates(1).updates[0]!, author: ALICE, receivedAt: at - 5000 },
          { update: makeUpdates(1).updates[0]!, author: ALICE, receivedAt: at },
        ]);
        expect(Date.parse((await store.getDocument('c-a'))!.updatedAt)).toBe(at);
      });
    });

    describe('appends', () => {
      beforeEach(async () => {
        await store.createDocument('c-a', 'commitment', 'plan-one');
        await store.createDocument('c-b', 'commitment', 'plan-one');
      });

      it('[ST2] seq numbers increase by one per update, across calls, per document', async () => {
        const { updates } = makeUpdates(6);
        expect(await store.appendUpdates('c-a', toAppend(updates.slice(0, 1)))).toBe(1);
        expect(await store.appendUpdates('c-a', toAppend(updates.slice(1, 4)))).toBe(4);
        expect(await store.appendUpdates('c-b', toAppend(updates.slice(0, 2)))).toBe(2);
        expect(await store.appendUpdates('c-a', toAppend(updates.slice(4, 6)))).toBe(6);
        expect((await store.listUpdateAudit('c-a')).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
        expect((await store.listUpdateAudit('c-b')).map((r) => r.seq)).toEqual([1, 2]);
        expect((await store.loadDocument('c-a')).lastSeq).toBe(6);
      });

      it('[ST2] appendMany writes several documents at once, each seq following its own log', async () => {
        const { updates } = makeUpdates(5);
        await store.appendUpdates('c-a', toAppend(updates.slice(0, 2)));
        const seqs = await store.appendMany([
          { name: 'c-b', updates: toAppend(updates.slice(0, 3)) },
          { name: 'c-a', updates: toAppend(updates.slice(2, 3)) },
        ]);
        expect(seqs).toEqual([3, 3]);
        expect((await store.listUpdateAudit('c-a')).map((r) => r.seq)).toEqual([1, 2, 3]);
        expect((await store.loadDocument('c-b')).updates.map(bytes)).toEqual(updates.slice(0, 3).map(bytes));
        // A document with nothing to write answers its current seq.
        expect(await store.appendMany([{ name: 'c-a', updates: [] }, { name: 'c-b', updates: toAppend(updates.slice(3, 5)) }])).toEqual([3, 5]);
      });

      it('[ST3] appendMany is all or nothing: one unknown document and no document gets anything', async () => {
        const { updates } = makeUpdates(2);
        await expect(
          Promise.resolve().then(() => store.appendMany([{ name: 'c-a', updates: toAppend(updates) }, { name: 'c-ghost', updates: toAppend(updates) }])),
        ).rejects.toThrow(/unknown document/);
        expect((await store.loadDocument('c-a')).lastSeq).toBe(0);
        expect(await store.listUpdateAudit('c-a')).toEqual([]);
        await expect(Promise.resolve().then(() => store.appendMany([{ name: 'c-a', updates: toAppend(updates) }, { name: 'c-a', updates: [] }]))).rejects.toThrow(/once/);
        expect((await store.loadDocument('c-a')).lastSeq).toBe(0);
      });

      it('[ST3] appending to an unknown document throws and stores nothing', async () => {
        const { updates } = makeUpdates(2);
        await expect(store.appendUpdates('c-ghost', toAppend(updates))).rejects.toThrow();
        expect(await store.getDocument('c-ghost')).toBeNull();
        expect(await store.listUpdateAudit('c-ghost')).toEqual([]);
        // Created afterwards, the document starts with an empty log: nothing leaked in.
        await store.createDocument('c-ghost', 'commitment', 'plan-one');
        const loaded = await store.loadDocument('c-ghost');
        expect(loaded).toMatchObject({ state: null, compactedSeq: 0, updates: [], lastSeq: 0 });
      });

      it('[ST3] a batch with one update that cannot be stored stores none of it', async () => {
        const { updates } = makeUpdates(3);
        await store.appendUpdates('c-a', toAppend(updates.slice(0, 1)));
        const batch = toAppend(updates.slice(1, 3));
        // The second update is invalid (no bytes): the first of the batch must not stay behind.
        batch[1] = { ...batch[1]!, update: null as unknown as Uint8Array };
        await expect(store.appendUpdates('c-a', batch)).rejects.toThrow();
        const loaded = await store.loadDocument('c-a');
        expect(loaded.lastSeq).toBe(1);
        expect(loaded.updates.map(bytes)).toEqual([bytes(updates[0]!)]);
        expect(await store.listUpdateAudit('c-a')).toHaveLength(1);
        // And the log goes on from where it was.
        expect(await store.appendUpdates('c-a', toAppend(updates.slice(1, 2)))).toBe(2);
      });
    });

    describe('loading', () => {
      it('[ST4] a never-compacted document loads as its updates, byte for byte, in order', async () => {
        await store.createDocument('c-a', 'commitment', 'plan-one');
        const { updates, doc } = makeUpdates(5);
        await store.appendUpdates('c-a', toAppend(updates.slice(0, 2)));
        await store.appendUpdates('c-a', toAppend(updates.slice(2), BOB));
        const loaded = await store.loadDocument('c-a');
        expect(loaded.state).toBeNull();
        expect(loaded.compactedSeq).toBe(0);
        expect(loaded.lastSeq).toBe(5);
        expect(loaded.updates.map(bytes)).toEqual(updates.map(bytes));
        const rebuilt = rebuild(loaded);
        expect(content(rebuilt)).toEqual(content(doc));
        expect(bytes(Y.encodeStateVector(rebuilt))).toEqual(bytes(Y.encodeStateVector(doc)));
      });

      it('[ST4] a new document loads empty', async () => {
        await store.createDocument('c-a', 'commitment', 'plan-one');
        expect(await store.loadDocument('c-a')).toMatchObject({ state: null, compactedSeq: 0, updates: [], lastSeq: 0 });
        expect(await store.pendingUpdateCount('c-a')).toBe(0);
      });
    });

    describe('compaction', () => {
      let updates: Uint8Array[];
      let doc: Y.Doc;

      beforeEach(async () => {
        ({ updates, doc } = makeUpdates(8));
        await store.createDocument('c-a', 'commitment', 'plan-one');
        await store.appendUpdates('c-a', toAppend(updates.slice(0, 5)));
        await store.appendUpdates('c-a', toAppend(updates.slice(5), BOB, T0 + 60_000));
      });

      it('[ST5] pendingUpdateCount counts the updates after the compacted state', async () => {
        expect(await store.pendingUpdateCount('c-a')).toBe(8);
        await store.compact('c-a', stateOf(updates, 6), 6);
        expect(await store.pendingUpdateCount('c-a')).toBe(2);
        const extra = makeUpdates(1).updates[0]!;
        await store.appendUpdates('c-a', toAppend([extra]));
        expect(await store.pendingUpdateCount('c-a')).toBe(3);
        await store.compact('c-a', Y.mergeUpdates([stateOf(updates, 8), extra]), 9);
        expect(await store.pendingUpdateCount('c-a')).toBe(0);
      });

      it('[ST5] the state replaces the log up to upToSeq; later updates remain, in order', async () => {
        const state = stateOf(updates, 5);
        await store.compact('c-a', state, 5);
        const loaded = await store.loadDocument('c-a');
        expect(loaded.compactedSeq).toBe(5);
        expect(loaded.lastSeq).toBe(8);
        expect(bytes(loaded.state!)).toEqual(bytes(state));
        expect(loaded.updates.map(bytes)).toEqual(updates.slice(5).map(bytes));
      });

      it('[ST5] loading after compaction gives the same content', async () => {
        await store.compact('c-a', stateOf(updates, 5), 5);
        const partly = rebuild(await store.loadDocument('c-a'));
        expect(content(partly)).toEqual(content(doc));
        await store.compact('c-a', stateOf(updates, 8), 8);
        const loaded = await store.loadDocument('c-a');
        expect(loaded.updates).toEqual([]);
        const whole = rebuild(loaded);
        expect(content(whole)).toEqual(content(doc));
        expect(bytes(Y.encodeStateVector(whole))).toEqual(bytes(Y.encodeStateVector(doc)));
      });

      it('[ST5] compacting with an older upToSeq does not go backwards', async () => {
        const newer = stateOf(updates, 6);
        await store.compact('c-a', newer, 6);
        await store.compact('c-a', stateOf(updates, 3), 3);
        const loaded = await store.loadDocument('c-a');
        expect(loaded.compactedSeq).toBe(6);
        expect(bytes(loaded.state!)).toEqual(bytes(newer));
        expect(loaded.updates.map(bytes)).toEqual(updates.slice(6).map(bytes));
        expect(await store.pendingUpdateCount('c-a')).toBe(2);
        expect(content(rebuild(loaded))).toEqual(content(doc));
      });

      it('[ST5] appends after a compaction go on numbering from the last seq', async () => {
        await store.compact('c-a', stateOf(updates, 8), 8);
        const more = makeUpdates(2).updates;
        expect(await store.appendUpdates('c-a', toAppend(more))).toBe(10);
        const loaded = await store.loadDocument('c-a');
        expect(loaded.lastSeq).toBe(10);
        expect(loaded.updates.map(bytes)).toEqual(more.map(bytes));
      });

      it('[ST6] the audit record keeps author, time and size of every update, even after compaction', async () => {
        const expected = updates.map((u, i) => ({
          seq: i + 1,
          author: i < 5 ? ALICE : BOB,
          receivedAt: i < 5 ? T0 + i * 1000 : T0 + 60_000 + (i - 5) * 1000,
          size: u.byteLength,
        }));
        expect(await store.listUpdateAudit('c-a')).toEqual(expected);
        await store.compact('c-a', stateOf(updates, 8), 8);
        expect(await store.listUpdateAudit('c-a')).toEqual(expected);
        expect(await store.listUpdateAudit('c-a', 6)).toEqual(expected.slice(5));
        expect(await store.listUpdateAudit('c-b')).toEqual([]);
      });
    });

    describe('events', () => {
      it('[ST7] appendEvent and listEvents round-trip, in order, per document', async () => {
        await store.createDocument('c-a', 'commitment', 'plan-one');
        await store.createDocument('c-b', 'commitment', 'plan-one');
        const moved: DocEvent = {
          name: 'c-a',
          type: 'lead_agency_moved',
          data: { from: { id: 'ndc', zh: '國家發展委員會', en: 'NDC' }, to: { id: 'moda', zh: '數位發展部', en: 'MODA' }, note: '組織改造' },
          author: ALICE,
          at: T0 + 5,
        };
        const renamed: DocEvent = { name: 'c-a', type: 'renamed', data: { n: 2, list: [1, 'two', null], nested: { ok: true } }, author: BOB, at: T0 };
        const other: DocEvent = { name: 'c-b', type: 'renamed', data: {}, author: BOB, at: T0 + 1 };
        await store.appendEvent(moved);
        await store.appendEvent(other);
        await store.appendEvent(renamed);
        // Append order, not time order: `renamed` has the earlier time but came second.
        expect(await store.listEvents('c-a')).toEqual([moved, renamed]);
        expect(await store.listEvents('c-b')).toEqual([other]);
        expect(await store.listEvents('c-none')).toEqual([]);
      });
    });

    describe('lifecycle', () => {
      it('[ST8] ping answers true while open', async () => {
        expect(await store.ping()).toBe(true);
      });

      it('[ST12] the store has an identity that stays the same when reopened, and differs between stores', async () => {
        const id = await store.storeId();
        expect(id).toMatch(/^[0-9a-f]{32}$/);
        const second = await factory();
        try {
          expect(await second.store.storeId()).not.toBe(id);
        } finally {
          await second.cleanup();
        }
        await store.close();
        store = await handle.reopen();
        expect(await store.storeId()).toBe(id);
      });

      it('[ST8] close is idempotent and ping no longer answers true after it', async () => {
        await store.close();
        await store.close();
        expect(await store.ping().catch(() => false)).toBe(false);
      });

      it('[ST9] documents, log, compacted state, audit and events survive close and reopen', async () => {
        const { updates, doc } = makeUpdates(6);
        await store.createDocument('plan-one', 'plan', '');
        await store.createDocument('c-a', 'commitment', 'plan-one');
        await store.appendUpdates('c-a', toAppend(updates.slice(0, 4)));
        await store.compact('c-a', stateOf(updates, 4), 4);
        await store.appendUpdates('c-a', toAppend(updates.slice(4), BOB));
        const event: DocEvent = { name: 'c-a', type: 'lead_agency_moved', data: { to: 'moda' }, author: ALICE, at: T0 };
        await store.appendEvent(event);
        const before = {
          docs: await store.listDocuments(),
          loaded: await store.loadDocument('c-a'),
          audit: await store.listUpdateAudit('c-a'),
        };
        await store.close();

        const reopened = await handle.reopen();
        expect(await reopened.listDocuments()).toEqual(before.docs);
        const loaded = await reopened.loadDocument('c-a');
        expect(loaded.compactedSeq).toBe(4);
        expect(loaded.lastSeq).toBe(6);
        expect(bytes(loaded.state!)).toEqual(bytes(before.loaded.state!));
        expect(loaded.updates.map(bytes)).toEqual(updates.slice(4).map(bytes));
        expect(content(rebuild(loaded))).toEqual(content(doc));
        expect(await reopened.listUpdateAudit('c-a')).toEqual(before.audit);
        expect(await reopened.listEvents('c-a')).toEqual([event]);
        expect(await reopened.pendingUpdateCount('c-a')).toBe(2);
        expect(await reopened.appendUpdates('c-a', toAppend(makeUpdates(1).updates))).toBe(7);
      });
    });

    describe('versions', () => {
      const versions = () => store as DocStore & VersionStore;
      const cycle = (id: string, planId: string, meetingDate: string, extra: Partial<ReviewCycle> = {}): ReviewCycle => ({
        id, planId, label: `第${id}次推動小組會議`, meetingDate, notes: 'https://example.gov.tw/minutes.pdf', labelEn: '', notesEn: '', createdBy: ALICE, createdAt: T0, snapshotAt: null, ...extra,
      });
      const snap = (id: string, docName: string, cycleId: string | null, seq: number, takenAt: number): Snapshot => {
        const { doc } = makeUpdates(seq);
        const json = JSON.stringify({ id: docName, title: doc.getText('title:zh').toString(), 'ключ': '值 ✓' });
        return {
          id, cycleId, docName, kind: cycleId ? 'cycle' : 'checkpoint', reason: cycleId ? '' : 'daily', seq,
          state: Y.encodeStateAsUpdate(doc), json, hash: 'ab'.repeat(32), takenAt, takenBy: BOB,
        };
      };
      const info = ({ state: _s, json: _j, ...rest }: Snapshot) => rest;

      /** Raw SQL on the adapter's database: the handle's hook, better-sqlite3's `db` or node-postgres' `pool`. */
      const execRaw = async (sql: string): Promise<unknown> => {
        if (handle.execRaw) return handle.execRaw(sql);
        const raw = store as unknown as { db?: { prepare(sql: string): { run(): unknown } }; pool?: { query(sql: string): Promise<unknown> } };
        if (raw.db) return raw.db.prepare(sql).run();
        if (raw.pool) return raw.pool.query(sql);
        throw new Error('[VS3] needs raw database access: give this adapter\'s StoreHandle an execRaw(sql) hook');
      };

      it('[VS1] cycles round-trip, per plan, oldest meeting first', async () => {
        const later = cycle('3', 'plan-one', '2021-09-30');
        const earlier = cycle('2', 'plan-one', '2021-05-31', { notes: '' });
        const other = cycle('x', 'plan-two', '2021-01-01');
        for (const c of [later, earlier, other]) await versions().createCycle(c);
        expect(await versions().getCycle('3')).toEqual(later);
        expect(await versions().getCycle('none')).toBeNull();
        expect(await versions().listCycles('plan-one')).toEqual([earlier, later]);
        expect(await versions().listCycles('plan-two')).toEqual([other]);
        expect(await versions().listCycles('plan-none')).toEqual([]);
      });

      it('[VS1] a cycle keeps its English label and notes', async () => {
        const c = cycle('en', 'plan-one', '2021-04-30', { labelEn: '3rd Steering Meeting', notesEn: 'Minutes: https://example.gov.tw/en.pdf' });
        await versions().createCycle(c);
        expect(await versions().getCycle('en')).toEqual(c);
      });

      it('[VS2] snapshots read back byte-identical, and a cycle is snapshotted once, all or nothing', async () => {
        await versions().createCycle(cycle('3', 'plan-one', '2021-09-30'));
        const a = snap('s-a', 'c-a', '3', 4, T0 + 10);
        const b = snap('s-b', 'plan-one', '3', 2, T0 + 10);
        expect(await versions().addCycleSnapshots('3', T0 + 10, [a, b])).toBe(true);
        const back = (await versions().getSnapshot('s-a'))!;
        expect(bytes(back.state)).toEqual(bytes(a.state));
        expect(back.json).toBe(a.json);
        expect(info(back)).toEqual(info(a));
        expect((await versions().getCycle('3'))!.snapshotAt).toBe(T0 + 10);
        expect(await versions().getSnapshot('s-none')).toBeNull();
        // A second snapshot of the same cycle is refused and writes nothing.
        expect(await versions().addCycleSnapshots('3', T0 + 20, [snap('s-c', 'c-a', '3', 5, T0 + 20)])).toBe(false);
        expect(await versions().getSnapshot('s-c')).toBeNull();
        expect((await versions().getCycle('3'))!.snapshotAt).toBe(T0 + 10);
        expect(await versions().addCycleSnapshots('no-such-cycle', T0, [snap('s-d', 'c-a', 'no-such-cycle', 1, T0)])).toBe(false);
        expect(await versions().getSnapshot('s-d')).toBeNull();
      });

      it('[VS2] checkpoints are listed newest first, by document and by cycle', async () => {
        await versions().createCycle(cycle('3', 'plan-one', '2021-09-30'));
        const inCycle = snap('s-cy', 'c-a', '3', 3, T0 + 100);
        await versions().addCycleSnapshots('3', T0 + 100, [inCycle]);
        const old = snap('s-1', 'c-a', null, 1, T0);
        const recent = snap('s-2', 'c-a', null, 6, T0 + 200);
        const elsewhere = snap('s-3', 'c-b', null, 2, T0 + 50);
        for (const s of [old, recent, elsewhere]) await versions().addSnapshot(s);
        expect(await versions().listSnapshots({ docName: 'c-a' })).toEqual([recent, inCycle, old].map(info));
        expect(await versions().listSnapshots({ cycleId: '3' })).toEqual([info(inCycle)]);
        expect(await versions().listSnapshots({ cycleId: '3', docName: 'c-b' })).toEqual([]);
        expect(bytes((await versions().getSnapshot('s-2'))!.state)).toEqual(bytes(recent.state));
      });

      it('[VS3] the database refuses to UPDATE or DELETE a snapshot', async () => {
        const s = snap('s-1', 'c-a', null, 2, T0);
        await versions().addSnapshot(s);
        await expect(execRaw(`UPDATE snapshots SET json = '{}' WHERE id = 's-1'`)).rejects.toThrow(/immutable/);
        await expect(execRaw(`UPDATE snapshots SET seq = 99 WHERE id = 's-1'`)).rejects.toThrow(/immutable/);
        await expect(execRaw(`DELETE FROM snapshots WHERE id = 's-1'`)).rejects.toThrow(/immutable/);
        await expect(execRaw(`DELETE FROM snapshots`)).rejects.toThrow(/immutable/);
        const back = (await versions().getSnapshot('s-1'))!;
        expect(back.json).toBe(s.json);
        expect(back.seq).toBe(2);
      });

      it('[VS4] loadUpdateRange returns exactly the updates in (fromSeq, toSeq] with their authors, after compaction too', async () => {
        const { updates } = makeUpdates(8);
        await store.createDocument('c-a', 'commitment', 'plan-one');
        await store.createDocument('c-b', 'commitment', 'plan-one');
        await store.appendUpdates('c-a', toAppend(updates.slice(0, 5)));
        await store.appendUpdates('c-a', toAppend(updates.slice(5), BOB, T0 + 60_000));
        await store.appendUpdates('c-b', toAppend(updates.slice(0, 2), BOB));
        const expected = updates.map((u, i) => ({
          seq: i + 1,
          author: i < 5 ? ALICE : BOB,
          receivedAt: i < 5 ? T0 + i * 1000 : T0 + 60_000 + (i - 5) * 1000,
          update: bytes(u),
        }));
        const range = async (from: number, to: number) => (await versions().loadUpdateRange('c-a', from, to)).map((u) => ({ ...u, update: bytes(u.update) }));
        expect(await range(0, 8)).toEqual(expected);
        expect(await range(3, 6)).toEqual(expected.slice(3, 6));
        expect(await range(4, 4)).toEqual([]);
        expect(await range(7, 100)).toEqual(expected.slice(7));
        await store.compact('c-a', stateOf(updates, 8), 8);
        expect(await range(2, 5)).toEqual(expected.slice(2, 5));
        expect(await versions().loadUpdateRange('c-none', 0, 10)).toEqual([]);
      });
    });

    describe('contribution ledger', () => {
      const ledger = () => store as DocStore & ContributionStore;
      const t = (charsAdded: number, charsRemoved = 0, milestonesAdded = 0) => ({ charsAdded, charsRemoved, milestonesAdded, updates: 1 });
      const CIVIL_ALICE: UpdateAuthor = { ...ALICE, affiliation: 'civil_society' };

      it('[CL2] an advance records running totals per person and affiliation; totals read at any seq; the state comes back on request', async () => {
        const { updates } = makeUpdates(5);
        await store.createDocument('c-a', 'commitment', 'plan-one');
        await store.appendUpdates('c-a', toAppend(updates));
        expect(await ledger().contributionLedger('c-a')).toEqual({ seq: 0, state: null, lastSeq: 5 });
        expect(await ledger().contributionTotalsAt('c-a', 5)).toEqual([]);
        const entries = [
          { seq: 1, author: ALICE, tally: t(3) },
          { seq: 2, author: BOB, tally: t(4, 1) },
          { seq: 3, author: ALICE, tally: t(2, 0, 1) },
          { seq: 4, author: CIVIL_ALICE, tally: t(5) },
        ];
        expect(await ledger().advanceContributionLedger('c-a', 0, 4, stateOf(updates, 4), entries)).toBe(true);
        const at = await ledger().contributionLedger('c-a', true);
        expect({ seq: at.seq, lastSeq: at.lastSeq, state: bytes(at.state!) }).toEqual({ seq: 4, lastSeq: 5, state: bytes(stateOf(updates, 4)) });
        expect((await ledger().contributionLedger('c-a')).state).toBeNull();
        const sorted = (rows: LedgerTotal[]) => [...rows].sort((a, b) => `${a.author.userId}|${a.author.affiliation}`.localeCompare(`${b.author.userId}|${b.author.affiliation}`));
        expect(sorted(await ledger().contributionTotalsAt('c-a', 4))).toEqual(sorted([
          { author: ALICE, tally: { charsAdded: 5, charsRemoved: 0, milestonesAdded: 1, updates: 2 } },
          { author: CIVIL_ALICE, tally: { charsAdded: 5, charsRemoved: 0, milestonesAdded: 0, updates: 1 } },
          { author: BOB, tally: { charsAdded: 4, charsRemoved: 1, milestonesAdded: 0, updates: 1 } },
        ]));
        expect(sorted(await ledger().contributionTotalsAt('c-a', 2))).toEqual(sorted([
          { author: ALICE, tally: { charsAdded: 3, charsRemoved: 0, milestonesAdded: 0, updates: 1 } },
          { author: BOB, tally: { charsAdded: 4, charsRemoved: 1, milestonesAdded: 0, updates: 1 } },
        ]));
        expect(await ledger().contributionTotalsAt('c-a', 0)).toEqual([]);
        // The next advance adds to the running totals.
        expect(await ledger().advanceContributionLedger('c-a', 4, 5, stateOf(updates, 5), [{ seq: 5, author: BOB, tally: t(1, 2) }])).toBe(true);
        expect((await ledger().contributionTotalsAt('c-a', 5)).find((r) => r.author.userId === BOB.userId)?.tally).toEqual({ charsAdded: 5, charsRemoved: 3, milestonesAdded: 0, updates: 2 });
        expect(await ledger().contributionLedger('c-none')).toEqual({ seq: 0, state: null, lastSeq: 0 });
      });

      it('[CL3] an advance from a seq the ledger has left writes nothing and answers false; the ledger survives reopen', async () => {
        const { updates } = makeUpdates(3);
        await store.createDocument('c-a', 'commitment', 'plan-one');
        await store.appendUpdates('c-a', toAppend(updates));
        expect(await ledger().advanceContributionLedger('c-a', 0, 2, stateOf(updates, 2), [{ seq: 1, author: ALICE, tally: t(1) }, { seq: 2, author: ALICE, tally: t(1) }])).toBe(true);
        // A second process that measured the same updates comes too late.
        expect(await ledger().advanceContributionLedger('c-a', 0, 2, stateOf(updates, 2), [{ seq: 1, author: BOB, tally: t(9) }, { seq: 2, author: BOB, tally: t(9) }])).toBe(false);
        expect(await ledger().advanceContributionLedger('c-a', 1, 3, stateOf(updates, 3), [{ seq: 3, author: BOB, tally: t(9) }])).toBe(false);
        expect(await ledger().contributionTotalsAt('c-a', 3)).toEqual([{ author: ALICE, tally: { charsAdded: 2, charsRemoved: 0, milestonesAdded: 0, updates: 2 } }]);
        await store.close();
        store = await handle.reopen();
        expect((await ledger().contributionLedger('c-a')).seq).toBe(2);
        expect(await ledger().contributionTotalsAt('c-a', 2)).toEqual([{ author: ALICE, tally: { charsAdded: 2, charsRemoved: 0, milestonesAdded: 0, updates: 2 } }]);
      });
    });

    describe('public site and comments', () => {
      const pub = () => store as DocStore & VersionStore & PublicStore;
      const cycle = (id: string, planId: string): ReviewCycle => ({
        id, planId, label: `第${id}次推動小組會議`, meetingDate: '2021-04-30', notes: '', labelEn: '', notesEn: '', createdBy: ALICE, createdAt: T0, snapshotAt: T0,
      });
      const comment = (id: string, extra: Partial<PublicComment> = {}): PublicComment => ({
        id, planId: 'plan-one', commitmentId: 'c-a', milestoneId: null, cycleId: '3', name: '王小明', email: null,
        text: '意見', status: 'pending', createdAt: T0, ipHash: 'hash-1', moderatedBy: null, moderatedAt: null, response: null, ...extra,
      });

      it('[CM1] a cycle is published once; publishing again moves it to the top; per plan, most recent first', async () => {
        for (const c of [cycle('2', 'plan-one'), cycle('3', 'plan-one'), cycle('x', 'plan-two')]) await pub().createCycle(c);
        await pub().publishCycle({ cycleId: '2', planId: 'plan-one', publishedAt: T0 + 1, publishedBy: ALICE });
        await pub().publishCycle({ cycleId: '3', planId: 'plan-one', publishedAt: T0 + 2, publishedBy: ALICE });
        await pub().publishCycle({ cycleId: 'x', planId: 'plan-two', publishedAt: T0 + 3, publishedBy: BOB });
        expect((await pub().listPublications('plan-one')).map((p) => p.cycleId)).toEqual(['3', '2']);
        await pub().publishCycle({ cycleId: '2', planId: 'plan-one', publishedAt: T0 + 9, publishedBy: BOB });
        expect(await pub().listPublications('plan-one')).toEqual([
          { cycleId: '2', planId: 'plan-one', publishedAt: T0 + 9, publishedBy: BOB },
          { cycleId: '3', planId: 'plan-one', publishedAt: T0 + 2, publishedBy: ALICE },
        ]);
        expect(await pub().listPublications('plan-none')).toEqual([]);
      });

      it('[CM2] public comments read back exactly, filtered by plan, commitment and status, oldest first', async () => {
        const hostile = comment('pc-1', { text: '<img src=x onerror="alert(1)"> =cmd|\' /C calc\'!A0 "引號", 逗號\r\n第二行 😀', email: 'a@example.org', milestoneId: 'm-1' });
        const later = comment('pc-2', { createdAt: T0 + 5, commitmentId: 'c-b', status: 'approved', moderatedBy: BOB, moderatedAt: T0 + 6, response: { text: '回應', by: ALICE, at: T0 + 7 } });
        const other = comment('pc-3', { planId: 'plan-two', createdAt: T0 - 5 });
        for (const c of [later, hostile, other]) await pub().addPublicComment(c);
        expect(await pub().getPublicComment('pc-1')).toEqual(hostile);
        expect(await pub().getPublicComment('pc-2')).toEqual(later);
        expect(await pub().getPublicComment('pc-none')).toBeNull();
        const ids = (cs: PublicComment[]) => cs.map((c) => c.id);
        expect(ids(await pub().listPublicComments({ planId: 'plan-one' }))).toEqual(['pc-1', 'pc-2']);
        expect(ids(await pub().listPublicComments({}))).toEqual(['pc-3', 'pc-1', 'pc-2']);
        expect(ids(await pub().listPublicComments({ commitmentId: 'c-b' }))).toEqual(['pc-2']);
        expect(ids(await pub().listPublicComments({ planId: 'plan-one', status: 'pending' }))).toEqual(['pc-1']);
      });

      it('[CM3] moderation and responses change only the comment named', async () => {
        await pub().addPublicComment(comment('pc-1'));
        await pub().addPublicComment(comment('pc-2', { createdAt: T0 + 1 }));
        expect(await pub().moderatePublicComment('pc-1', 'approved', BOB, T0 + 10)).toBe(true);
        expect(await pub().respondToPublicComment('pc-1', '感謝，已納入。', ALICE, T0 + 20)).toBe(true);
        expect(await pub().respondToPublicComment('pc-1', '更新後的回應', BOB, T0 + 30)).toBe(true);
        expect(await pub().getPublicComment('pc-1')).toMatchObject({ status: 'approved', moderatedBy: BOB, moderatedAt: T0 + 10, response: { text: '更新後的回應', by: BOB, at: T0 + 30 } });
        expect(await pub().getPublicComment('pc-2')).toEqual(comment('pc-2', { createdAt: T0 + 1 }));
        expect(await pub().moderatePublicComment('pc-none', 'rejected', BOB, T0)).toBe(false);
        expect(await pub().respondToPublicComment('pc-none', 'x', BOB, T0)).toBe(false);
      });

      it('[CM4] the flood count counts one address since a time', async () => {
        for (let i = 0; i < 4; i++) await pub().addPublicComment(comment(`pc-${i}`, { createdAt: T0 + i * 1000 }));
        await pub().addPublicComment(comment('pc-other', { ipHash: 'hash-2', createdAt: T0 + 500 }));
        expect(await pub().countRecentPublicComments('hash-1', T0)).toBe(4);
        expect(await pub().countRecentPublicComments('hash-1', T0 + 2000)).toBe(2);
        expect(await pub().countRecentPublicComments('hash-2', T0)).toBe(1);
        expect(await pub().countRecentPublicComments('hash-3', 0)).toBe(0);
      });

      it('[CM5] cross-links: one per pair, listed both ways, removed once; no link to itself', async () => {
        const link = (from: string, to: string, note = '', at = T0) => ({ from, to, note, createdAt: at, createdBy: ALICE });
        expect(await pub().addLink(link('c-a', 'c-b', '參考工作坊做法'))).toBe(true);
        expect(await pub().addLink(link('c-c', 'c-a', '', T0 + 1))).toBe(true);
        expect(await pub().addLink(link('c-a', 'c-b', '新的說明', T0 + 5))).toBe(false);
        const a = await pub().listLinks('c-a');
        expect(a.outgoing).toEqual([link('c-a', 'c-b', '新的說明')]);
        expect(a.incoming).toEqual([link('c-c', 'c-a', '', T0 + 1)]);
        expect((await pub().listLinks('c-b')).incoming.map((l) => l.from)).toEqual(['c-a']);
        expect(await pub().removeLink('c-a', 'c-b')).toBe(true);
        expect(await pub().removeLink('c-a', 'c-b')).toBe(false);
        expect((await pub().listLinks('c-b')).incoming).toEqual([]);
        await expect(pub().addLink(link('c-a', 'c-a'))).rejects.toThrow();
      });

      it('[CM6] a server secret is written once and survives reopen', async () => {
        expect(await pub().serverSecret('form-key', 'first')).toBe('first');
        expect(await pub().serverSecret('form-key', 'second')).toBe('first');
        expect(await pub().serverSecret('other', 'x')).toBe('x');
        await store.close();
        store = await handle.reopen();
        expect(await pub().serverSecret('form-key', 'third')).toBe('first');
      });
    });

    describe('sessions', () => {
      const accounts = () => store as DocStore & AccountStore;

      it('[HS12] a session reads back with its user and expiry; liveSessions names exactly the stored, unexpired ones', async () => {
        const user = await accounts().createUser({ email: 'lin@example.tw', name: '林', passwordHash: 'h', role: 'civil_editor', affiliation: { kind: 'civil_society', id: 'g0v', name: 'g0v' } });
        await accounts().createSession('s-live', user.id, T0 + 10_000);
        await accounts().createSession('s-soon', user.id, T0 + 10);
        expect(await accounts().getSession('s-live', T0)).toEqual({ user: await accounts().getUserById(user.id), expiresAt: T0 + 10_000 });
        expect(await accounts().getSession('s-soon', T0 + 10)).toBeNull();
        expect(await accounts().getSession('s-none', T0)).toBeNull();
        expect((await accounts().getSessionUser('s-live', T0))?.id).toBe(user.id);
        const many = Array.from({ length: 1200 }, (_, i) => `s-${i}`);
        expect([...(await accounts().liveSessions(['s-live', 's-soon', 's-none', ...many], T0))].sort()).toEqual(['s-live', 's-soon']);
        expect([...(await accounts().liveSessions(['s-live', 's-soon'], T0 + 10))]).toEqual(['s-live']);
        expect((await accounts().liveSessions([], T0)).size).toBe(0);
        await accounts().deleteSession('s-live');
        expect((await accounts().liveSessions(['s-live'], T0)).size).toBe(0);
      });
    });
    describe('agency directory and rights', () => {
      const rights = () => store as DocStore & RightsStore;
      const MOJ = { id: 'moj', zh: '法務部', en: 'Ministry of Justice' };
      const NDC = { id: 'ndc', zh: '國家發展委員會', en: 'National Development Council' };
      const AAC = { id: 'aac', zh: '法務部廉政署', en: 'Agency Against Corruption' };
      const move = (to: string): DocEvent => ({ name: 'c-a', type: 'lead_agency_moved', data: { to, note: '組織改造' }, author: ALICE, at: T0 });

      it('[RI1] the directory adds only what it lacks, ordered by id, and survives reopen', async () => {
        expect(await rights().listAgencies()).toEqual([]);
        expect(await rights().addAgencies([NDC, MOJ])).toBe(2);
        expect(await rights().addAgencies([{ ...MOJ, zh: '改名' }, AAC])).toBe(1);
        expect(await rights().addAgencies([])).toBe(0);
        expect(await rights().listAgencies()).toEqual([AAC, MOJ, NDC]);
        await store.close();
        store = await handle.reopen();
        expect(await rights().listAgencies()).toEqual([AAC, MOJ, NDC]);
      });

      it('[RI2] rights are created once and read back in order', async () => {
        await store.createDocument('c-a', 'commitment', 'plan-one');
        await rights().addAgencies([NDC, MOJ, AAC]);
        expect(await rights().getRights('c-a')).toBeNull();
        expect(await rights().initRights({ commitmentId: 'c-a', leadAgencyId: 'ndc', coAgencyIds: ['moj', 'aac'] })).toBe(true);
        expect(await rights().initRights({ commitmentId: 'c-a', leadAgencyId: 'moj', coAgencyIds: [] })).toBe(false);
        expect(await rights().getRights('c-a')).toEqual({ commitmentId: 'c-a', leadAgencyId: 'ndc', coAgencyIds: ['moj', 'aac'], version: 1 });
        await store.close();
        store = await handle.reopen();
        expect((await rights().getRights('c-a'))?.coAgencyIds).toEqual(['moj', 'aac']);
      });

      it('[RI3] a change writes rows and event together, only from the version it read', async () => {
        await store.createDocument('c-a', 'commitment', 'plan-one');
        await rights().addAgencies([NDC, MOJ, AAC]);
        await rights().initRights({ commitmentId: 'c-a', leadAgencyId: 'ndc', coAgencyIds: ['moj'] });
        expect(await rights().setRights({ commitmentId: 'c-a', leadAgencyId: 'moj', coAgencyIds: ['aac', 'ndc'] }, 1, move('moj'))).toBe(2);
        expect(await rights().getRights('c-a')).toEqual({ commitmentId: 'c-a', leadAgencyId: 'moj', coAgencyIds: ['aac', 'ndc'], version: 2 });
        // A second writer that read version 1 loses, and leaves no trace.
        expect(await rights().setRights({ commitmentId: 'c-a', leadAgencyId: 'aac', coAgencyIds: [] }, 1, move('aac'))).toBeNull();
        expect((await rights().getRights('c-a'))?.leadAgencyId).toBe('moj');
        expect((await store.listEvents('c-a')).map((e) => e.data.to)).toEqual(['moj']);
        expect(await rights().setRights({ commitmentId: 'c-a', leadAgencyId: 'aac', coAgencyIds: [] }, 2, move('aac'))).toBe(3);
        expect(await rights().getRights('c-a')).toEqual({ commitmentId: 'c-a', leadAgencyId: 'aac', coAgencyIds: [], version: 3 });
        expect(await store.listEvents('c-a')).toEqual([move('moj'), move('aac')]);
      });

      it('[RI11] a renamed agency keeps its id and rights; the commitments naming it are listed', async () => {
        await store.createDocument('c-a', 'commitment', 'plan-one');
        await store.createDocument('c-b', 'commitment', 'plan-one');
        await rights().addAgencies([NDC, MOJ, AAC]);
        await rights().initRights({ commitmentId: 'c-a', leadAgencyId: 'moj', coAgencyIds: [] });
        await rights().initRights({ commitmentId: 'c-b', leadAgencyId: 'ndc', coAgencyIds: ['moj'] });
        expect(await rights().commitmentsNaming('moj')).toEqual(['c-a', 'c-b']);
        expect(await rights().commitmentsNaming('aac')).toEqual([]);
        expect(await rights().renameAgency({ id: 'moj', zh: '法務部（新）', en: 'Ministry of Justice (new)' })).toBe(true);
        expect(await rights().renameAgency({ id: 'nobody', zh: '無', en: '' })).toBe(false);
        expect((await rights().listAgencies()).find((a) => a.id === 'moj')).toEqual({ id: 'moj', zh: '法務部（新）', en: 'Ministry of Justice (new)' });
        expect((await rights().getRights('c-a'))?.leadAgencyId).toBe('moj');
      });

      it('[RI4] rights naming an unknown agency or document are refused and leave nothing', async () => {
        await store.createDocument('c-a', 'commitment', 'plan-one');
        await rights().addAgencies([NDC]);
        await expect(rights().initRights({ commitmentId: 'c-a', leadAgencyId: 'nobody', coAgencyIds: [] })).rejects.toThrow();
        await expect(rights().initRights({ commitmentId: 'c-none', leadAgencyId: 'ndc', coAgencyIds: [] })).rejects.toThrow();
        await expect(rights().initRights({ commitmentId: 'c-a', leadAgencyId: 'ndc', coAgencyIds: ['nobody'] })).rejects.toThrow();
        expect(await rights().getRights('c-a')).toBeNull();
        await rights().initRights({ commitmentId: 'c-a', leadAgencyId: 'ndc', coAgencyIds: [] });
        await expect(rights().setRights({ commitmentId: 'c-a', leadAgencyId: 'ndc', coAgencyIds: ['nobody'] }, 1, move('ndc'))).rejects.toThrow();
        expect(await rights().getRights('c-a')).toEqual({ commitmentId: 'c-a', leadAgencyId: 'ndc', coAgencyIds: [], version: 1 });
        expect(await store.listEvents('c-a')).toEqual([]);
      });
    });

    describe('accounts', () => {
      const accounts = () => store as DocStore & AccountStore;
      const newUser = (email: string) =>
        accounts().createUser({ email, name: '林', passwordHash: 'h1', role: 'civil_editor', affiliation: { kind: 'civil_society', id: 'g0v', name: 'g0v' } });

      it('[AC1] a disabled account has no live session and says since when; enabled again, its sessions that remain work', async () => {
        const user = await newUser('lin@example.tw');
        const other = await newUser('wang@example.tw');
        await accounts().createSession('s-lin', user.id, T0 + 10_000);
        await accounts().createSession('s-wang', other.id, T0 + 10_000);
        expect((await accounts().getUserByEmail('lin@example.tw'))?.disabledAt).toBeNull();
        expect(await accounts().updateAccount(user.id, { disabledAt: T0 })).toBe(true);
        expect((await accounts().getUserByEmail('lin@example.tw'))?.disabledAt).toBe(T0);
        expect((await accounts().listUsers()).map((u) => [u.email, u.disabledAt])).toEqual([['lin@example.tw', T0], ['wang@example.tw', null]]);
        expect(await accounts().getSession('s-lin', T0)).toBeNull();
        expect([...(await accounts().liveSessions(['s-lin', 's-wang'], T0))]).toEqual(['s-wang']);
        await accounts().updateAccount(user.id, { disabledAt: null });
        expect((await accounts().getSession('s-lin', T0))?.user.id).toBe(user.id);
      });

      it('[AC2] updateAccount changes only what it is given; deleteUserSessions ends one person\'s sessions', async () => {
        const user = await newUser('lin@example.tw');
        const other = await newUser('wang@example.tw');
        expect(await accounts().updateAccount(user.id, { role: 'coordinator' })).toBe(true);
        expect(await accounts().updateAccount(user.id, { passwordHash: 'h2' })).toBe(true);
        const after = await accounts().getUserByEmail('lin@example.tw');
        expect([after?.role, after?.passwordHash, after?.name, after?.disabledAt]).toEqual(['coordinator', 'h2', '林', null]);
        expect(await accounts().updateAccount('u-none', { role: 'viewer' })).toBe(false);
        for (const [hash, id] of [['a', user.id], ['b', user.id], ['c', other.id]] as const) await accounts().createSession(hash, id, T0 + 10_000);
        expect(await accounts().deleteUserSessions(user.id)).toBe(2);
        expect([...(await accounts().liveSessions(['a', 'b', 'c'], T0))]).toEqual(['c']);
        expect(await accounts().deleteUserSessions(user.id)).toBe(0);
        for (const [hash, id] of [['d', user.id], ['e', user.id], ['f', user.id]] as const) await accounts().createSession(hash, id, T0 + 10_000);
        expect((await accounts().deleteUserSessionsExcept(user.id, 'e')).sort()).toEqual(['d', 'f']);
        expect([...(await accounts().liveSessions(['c', 'd', 'e', 'f'], T0))].sort()).toEqual(['c', 'e']);
      });

      it('[AC3] a password-reset link works once, before it expires', async () => {
        const user = await newUser('lin@example.tw');
        await accounts().createPasswordReset('r-1', user.id, T0, T0 + 1000);
        await accounts().createPasswordReset('r-2', user.id, T0, T0 + 1000);
        expect(await accounts().usePasswordReset('r-none', T0)).toBeNull();
        expect(await accounts().usePasswordReset('r-1', T0 + 1000)).toBeNull();
        expect(await accounts().usePasswordReset('r-2', T0 + 999)).toBe(user.id);
        expect(await accounts().usePasswordReset('r-2', T0 + 999)).toBeNull();
      });

      it('[AC10] an account reads back as created, by id and by e-mail in any case; the list is by e-mail; it survives reopen', async () => {
        const created = await accounts().createUser({ email: 'Lin@Example.TW', name: '林小華', passwordHash: 'argon-1', role: 'agency_editor', affiliation: { kind: 'agency', id: 'ndc', name: '國家發展委員會' }, commitments: ['c-b', 'c-a'] });
        const expected = { id: created.id, email: 'lin@example.tw', name: '林小華', role: 'agency_editor', affiliation: { kind: 'agency', id: 'ndc', name: '國家發展委員會' }, commitments: ['c-a', 'c-b'], disabledAt: null };
        expect(created).toMatchObject(expected);
        expect(created.id).toMatch(/^u-/);
        expect(Number.isNaN(Date.parse(created.createdAt))).toBe(false);
        const wang = await newUser('wang@example.tw');
        const aaron = await newUser('aaron@example.tw');
        expect(await accounts().getUserById(created.id)).toEqual(created);
        expect(await accounts().getUserByEmail('LIN@example.tw')).toEqual({ ...created, passwordHash: 'argon-1' });
        expect(await accounts().getUserById('u-none')).toBeNull();
        expect(await accounts().getUserByEmail('none@example.tw')).toBeNull();
        expect((await accounts().listUsers()).map((u) => u.id)).toEqual([aaron.id, created.id, wang.id]);
        // One account per address, whatever its case.
        await expect(newUser('WANG@example.tw')).rejects.toThrow();
        expect(await accounts().updateAccount(created.id, {})).toBe(true);
        expect(await accounts().updateAccount('u-none', {})).toBe(false);
        await store.close();
        store = await handle.reopen();
        expect(await accounts().getUserByEmail('lin@example.tw')).toEqual({ ...created, passwordHash: 'argon-1' });
        expect((await accounts().listUsers()).length).toBe(3);
      });

      it('[AC11] memberships are replaced as a whole and read back ordered by commitment id, on every read of the account', async () => {
        const user = await newUser('lin@example.tw');
        const other = await newUser('wang@example.tw');
        expect(user.commitments).toEqual([]);
        await accounts().setMemberships(user.id, ['c-b', 'c-10', 'c-a']);
        await accounts().setMemberships(other.id, ['c-z']);
        expect((await accounts().getUserById(user.id))?.commitments).toEqual(['c-10', 'c-a', 'c-b']);
        await accounts().setMemberships(user.id, ['c-c']);
        expect((await accounts().getUserByEmail('lin@example.tw'))?.commitments).toEqual(['c-c']);
        await accounts().createSession('s-lin', user.id, T0 + 10_000);
        expect((await accounts().getSession('s-lin', T0))?.user.commitments).toEqual(['c-c']);
        expect((await accounts().listUsers()).map((u) => u.commitments)).toEqual([['c-c'], ['c-z']]);
        await accounts().setMemberships(user.id, []);
        expect((await accounts().getSessionUser('s-lin', T0))?.commitments).toEqual([]);
        expect((await accounts().getUserById(other.id))?.commitments).toEqual(['c-z']);
      });

      it('[AC12] an invitation reads back exactly (its address in lower case) and is used once', async () => {
        const invitation = { email: 'Chen@Example.TW', role: 'translator' as const, affiliation: { kind: 'civil_society' as const, id: 'g0v', name: '零時政府' }, commitments: ['c-a', 'c-b'], createdBy: 'u-admin', createdAt: T0, expiresAt: T0 + 86_400_000, usedAt: null };
        await accounts().createInvitation('i-1', invitation);
        expect(await accounts().getInvitation('i-1')).toEqual({ ...invitation, email: 'chen@example.tw' });
        expect(await accounts().getInvitation('i-none')).toBeNull();
        expect(await accounts().useInvitation('i-none', T0 + 5)).toBe(false);
        expect(await accounts().useInvitation('i-1', T0 + 5)).toBe(true);
        expect(await accounts().useInvitation('i-1', T0 + 6)).toBe(false);
        expect((await accounts().getInvitation('i-1'))?.usedAt).toBe(T0 + 5);
        await expect(accounts().createInvitation('i-1', invitation)).rejects.toThrow();
      });
    });

    describe('audit trail', () => {
      const trail = () => store as DocStore & AuditStore;
      const entry = (at: number, action: string, target: string, actor = ALICE, details: Record<string, unknown> = {}): NewAuditEntry => ({ at, actor, action, target, details, address: '127.0.0.1' });
      const execRaw = async (sql: string): Promise<unknown> => {
        if (handle.execRaw) return handle.execRaw(sql);
        const raw = store as unknown as { db?: { prepare(sql: string): { run(): unknown } }; pool?: { query(sql: string): Promise<unknown> } };
        if (raw.db) return raw.db.prepare(sql).run();
        if (raw.pool) return raw.pool.query(sql);
        throw new Error('[AT2] needs raw database access');
      };

      it('[AT1] entries read back exactly, newest first, filtered and paged', async () => {
        const hostile = { note: "'; DROP TABLE audit_log; -- 值 ✓", nested: { list: [1, 'two'] } };
        await trail().appendAudit(entry(T0, 'sign_in', 'lin@example.tw'));
        await trail().appendAudit(entry(T0 + 10, 'exported', 'plan-one', BOB, { format: 'docx', version: 'cycle:1' }));
        await trail().appendAudit(entry(T0 + 20, 'role_changed', 'lin@example.tw', ALICE, hostile));
        const all = await trail().listAudit({ limit: 10 });
        expect(all.map((e) => e.action)).toEqual(['role_changed', 'exported', 'sign_in']);
        expect(all[0]).toEqual({ id: all[0]!.id, ...entry(T0 + 20, 'role_changed', 'lin@example.tw', ALICE, hostile) });
        expect(all[0]!.id).toBeGreaterThan(all[1]!.id);
        expect((await trail().listAudit({ limit: 10, actor: BOB.userId })).map((e) => e.action)).toEqual(['exported']);
        expect((await trail().listAudit({ limit: 10, actor: ALICE.name })).map((e) => e.action)).toEqual(['role_changed', 'sign_in']);
        expect((await trail().listAudit({ limit: 10, action: 'sign_in' })).map((e) => e.target)).toEqual(['lin@example.tw']);
        expect((await trail().listAudit({ limit: 10, target: 'lin@example.tw' })).map((e) => e.action)).toEqual(['role_changed', 'sign_in']);
        expect((await trail().listAudit({ limit: 10, from: T0 + 10, to: T0 + 20 })).map((e) => e.action)).toEqual(['exported']);
        const page = await trail().listAudit({ limit: 2 });
        expect(page).toHaveLength(2);
        expect((await trail().listAudit({ limit: 2, before: page[1]!.id })).map((e) => e.action)).toEqual(['sign_in']);
      });

      it('[AT2] the database itself refuses to change or delete an entry', async () => {
        await trail().appendAudit(entry(T0, 'sign_in', 'lin@example.tw'));
        await expect(execRaw(`UPDATE audit_log SET actor_name = 'someone else'`)).rejects.toThrow(/append-only/);
        await expect(execRaw(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
        expect((await trail().listAudit({ limit: 10 }))[0]?.actor).toEqual(ALICE);
      });
    });
  });
}
