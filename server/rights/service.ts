/**
 * Who may write a commitment — its lead agency and co-implementing agencies — as server
 * state: read from the rights rows (never from the document, which its writers can change),
 * changed only here, by the coordinator, each change recorded in the commitment's history in
 * the same transaction, then mirrored into the document by the server for display. Open
 * sockets are judged by the new rows at once, in this process and, through pub/sub, in the
 * others.
 */
import { parseDocName } from '../../shared/protocol/docNames.js';
import type { Agency } from '../../shared/schema/index.js';
import type { User } from '../../shared/protocol/auth.js';
import type { RightsView } from '../../shared/protocol/rights.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import type { Logger } from '../log.js';
import { canDo, type CommitmentRef, type DocAccess } from '../auth/permissions.js';
import { forbidden } from '../auth/middleware.js';
import { accessToDoc } from '../auth/docAccess.js';
import type { PubSub } from '../pubsub/types.js';
import type { AgencyRecord, DocEvent, RightsRecord, Store } from '../storage/index.js';
import { authorOf } from '../sync/connection.js';
import type { Rooms } from '../sync/rooms.js';
import { SYSTEM_AUTHOR } from '../sync/origins.js';
import { checkpointBeforeBulkChange } from '../versions/index.js';
import { RIGHTS_CHANNEL, decodeRightsChanged, encodeRightsChanged } from './channel.js';
import { migrateDocumentRights } from './migrateRights.js';
import { mirrorShows, writeMirror } from './mirror.js';
import { readRights } from './read.js';

/** Co-implementing agencies one commitment may have: far above any real table, bounds the rows. */
export const MAX_CO_AGENCIES = 50;
/** How long after a join the document's copy of the rights is checked. */
const MIRROR_CHECK_DELAY_MS = 200;
/** Tries of a change that lost to a concurrent one before the caller is told to try again. */
const CHANGE_TRIES = 5;

export interface RightsServiceDeps {
  store: Store;
  rooms: Rooms;
  logger: Logger;
  /** Tells the other processes about changes; absent or local: this process is alone. */
  pubsub?: PubSub;
}

/** One commitment's rights as access reads them. */
interface Cached {
  ref: CommitmentRef;
  version: number;
}

/** What a change of rights does: the rows it writes and the history event recording it. */
interface Planned {
  next: Omit<RightsRecord, 'version'>;
  event: Omit<DocEvent, 'name' | 'author' | 'at'>;
}

const unknownAgency = (id: string) =>
  new AppError(400, 'unknown_agency', `The agency "${id}" is not in the agency directory. A coordinator adds it first (POST /api/agencies).`);

export class RightsService {
  private readonly cache = new Map<string, Cached>();
  private unsubscribe: (() => Promise<void>) | null = null;
  private stopped = false;

  constructor(private readonly deps: RightsServiceDeps) {}

  /** Listens for rights changes made by the other processes. */
  async start(): Promise<void> {
    const { pubsub } = this.deps;
    if (!pubsub || pubsub.kind === 'local') return;
    try {
      const unsubscribe = await pubsub.subscribe(RIGHTS_CHANNEL, (message) => {
        const m = decodeRightsChanged(message);
        if (m) this.heard(m.ref, m.version);
      });
      if (this.stopped) await unsubscribe();
      else this.unsubscribe = unsubscribe;
    } catch (err) {
      // New sockets still read the rows when they join; open ones keep their access until then.
      this.deps.logger.error('could not listen for rights changes on the pub/sub', { error: String(err) });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.unsubscribe?.();
    this.unsubscribe = null;
  }

  // ---- the agency directory -----------------------------------------------------------------

  listAgencies(): Promise<AgencyRecord[]> {
    return this.deps.store.listAgencies();
  }

  /** The coordinator adds an agency (a new ministry, a renamed one under its new id). */
  async addAgency(agency: AgencyRecord, user: User): Promise<AgencyRecord> {
    if (!canDo(user, 'move_agency')) throw forbidden('add agencies to the directory');
    if ((await this.deps.store.addAgencies([agency])) === 0) throw conflict(`The directory already has an agency with the id "${agency.id}".`);
    return agency;
  }

  /**
   * A ministry renamed: the agency keeps its id, so every commitment keeps its rights and its
   * history; each commitment naming it records the rename and shows the new names.
   */
  async renameAgency(agency: AgencyRecord, user: User): Promise<AgencyRecord> {
    if (!canDo(user, 'move_agency')) throw forbidden('rename agencies of the directory');
    const before = (await this.deps.store.listAgencies()).find((a) => a.id === agency.id);
    if (!before) throw notFound(`The agency "${agency.id}"`);
    if (before.zh === agency.zh && before.en === agency.en) return agency;
    await this.deps.store.renameAgency(agency);
    for (const commitmentId of await this.deps.store.commitmentsNaming(agency.id)) {
      await this.deps.store.appendEvent({ name: commitmentId, type: 'agency_renamed', data: { from: before, to: agency }, author: authorOf(user), at: Date.now() });
      await this.refresh(commitmentId);
      await this.mirror(commitmentId);
    }
    return agency;
  }

  // ---- reading rights ---------------------------------------------------------------------

  /**
   * Reads a commitment's rights from the rows (migrating an older document's values first)
   * and keeps them for `cached`. Null for a commitment with no lead agency at all.
   */
  async load(commitmentId: string): Promise<CommitmentRef | null> {
    const read = await readRights(this.deps, commitmentId);
    if (!read) return null;
    const held = this.cache.get(commitmentId);
    // Another read may have brought newer rows meanwhile: the newest wins.
    if (!held || held.version <= read.version) this.cache.set(commitmentId, read);
    return this.cache.get(commitmentId)!.ref;
  }

  /** The rights last read for the commitment (what open sockets are judged by), or null. */
  cached(commitmentId: string): CommitmentRef | null {
    return this.cache.get(commitmentId)?.ref ?? null;
  }

  /** The user's access to a document, with a commitment's rights read from the rows. */
  async accessOf(user: User, name: string): Promise<DocAccess> {
    const rights = parseDocName(name)?.kind === 'commitment' ? await this.load(name) : null;
    return accessToDoc(user, name, rights);
  }

  /** The rights of a commitment as the API shows them. */
  async view(commitmentId: string): Promise<RightsView> {
    await this.requireCommitment(commitmentId);
    const ref = await this.load(commitmentId);
    return { commitmentId, leadAgency: ref?.leadAgency ?? null, coAgencies: ref?.coAgencies ?? [], version: this.cache.get(commitmentId)?.version ?? 0 };
  }

  // ---- changing rights (the coordinator only) ----------------------------------------------

  /** A new commitment's rows: its lead agency, no co-implementing agencies. */
  async createFor(commitmentId: string, leadAgencyId: string): Promise<void> {
    if (!(await this.directory()).has(leadAgencyId)) throw unknownAgency(leadAgencyId);
    await this.deps.store.initRights({ commitmentId, leadAgencyId, coAgencyIds: [] });
  }

  /** A ministry reorganised: the commitment moves to its new lead agency (dropped from the co-agencies if it was one). */
  async moveLead(commitmentId: string, agencyId: string, note: string, user: User): Promise<RightsView> {
    if (!canDo(user, 'move_agency')) throw forbidden('move a commitment to another lead agency');
    const dir = await this.directory();
    const to = dir.get(agencyId);
    if (!to) throw unknownAgency(agencyId);
    let checkpointed = false;
    return this.change(commitmentId, user, async (cur) => {
      if (cur.leadAgencyId === agencyId) return null;
      if (!checkpointed) {
        checkpointed = true;
        await checkpointBeforeBulkChange(commitmentId, 'lead agency move', this.deps, authorOf(user));
      }
      const from = dir.get(cur.leadAgencyId) ?? { id: cur.leadAgencyId, zh: cur.leadAgencyId, en: '' };
      return {
        next: { commitmentId, leadAgencyId: agencyId, coAgencyIds: cur.coAgencyIds.filter((id) => id !== agencyId) },
        event: { type: 'lead_agency_moved', data: { from, to, note } },
      };
    });
  }

  /** Replaces the co-implementing agencies by `agencyIds` (in this order). */
  async setCoAgencies(commitmentId: string, agencyIds: string[], note: string, user: User): Promise<RightsView> {
    if (!canDo(user, 'move_agency')) throw forbidden('change the co-implementing agencies');
    const wanted = [...new Set(agencyIds)];
    if (wanted.length > MAX_CO_AGENCIES) throw badRequest(`A commitment has at most ${MAX_CO_AGENCIES} co-implementing agencies.`);
    const dir = await this.directory();
    for (const id of wanted) if (!dir.has(id)) throw unknownAgency(id);
    return this.change(commitmentId, user, async (cur) => {
      if (wanted.includes(cur.leadAgencyId)) throw badRequest(`"${dir.get(cur.leadAgencyId)!.zh}" is the lead agency already; it cannot also be a co-implementing agency.`);
      if (wanted.length === cur.coAgencyIds.length && wanted.every((id, i) => cur.coAgencyIds[i] === id)) return null;
      const added = wanted.filter((id) => !cur.coAgencyIds.includes(id)).map((id) => dir.get(id)!);
      const removed = cur.coAgencyIds.filter((id) => !wanted.includes(id)).map((id) => dir.get(id) ?? { id, zh: id, en: '' });
      return { next: { commitmentId, leadAgencyId: cur.leadAgencyId, coAgencyIds: wanted }, event: { type: 'co_agencies_changed', data: { added, removed, note } } };
    });
  }

  async addCoAgency(commitmentId: string, agencyId: string, note: string, user: User): Promise<RightsView> {
    if (!canDo(user, 'move_agency')) throw forbidden('change the co-implementing agencies');
    const cur = await this.requireRows(commitmentId);
    if (cur.coAgencyIds.includes(agencyId)) return this.view(commitmentId);
    return this.setCoAgencies(commitmentId, [...cur.coAgencyIds, agencyId], note, user);
  }

  async removeCoAgency(commitmentId: string, agencyId: string, note: string, user: User): Promise<RightsView> {
    if (!canDo(user, 'move_agency')) throw forbidden('change the co-implementing agencies');
    const cur = await this.requireRows(commitmentId);
    if (!cur.coAgencyIds.includes(agencyId)) {
      throw notFound(`The co-implementing agency "${agencyId}" of this commitment`);
    }
    return this.setCoAgencies(commitmentId, cur.coAgencyIds.filter((id) => id !== agencyId), note, user);
  }

  /**
   * Writes a change computed from the current rows, guarded by their version (another
   * process's change coming first makes it compute again), then applies it everywhere.
   */
  private async change(commitmentId: string, user: User, plan: (cur: RightsRecord) => Promise<Planned | null>): Promise<RightsView> {
    await this.requireCommitment(commitmentId);
    for (let i = 0; i < CHANGE_TRIES; i++) {
      const cur = await this.requireRows(commitmentId);
      const planned = await plan(cur);
      if (!planned) return this.view(commitmentId);
      const event: DocEvent = { ...planned.event, name: commitmentId, author: authorOf(user), at: Date.now() };
      const version = await this.deps.store.setRights(planned.next, cur.version, event);
      if (version === null) continue;
      await this.applied(commitmentId, version);
      return this.view(commitmentId);
    }
    throw conflict('The agencies of this commitment were being changed by someone else at the same moment. Reload and try again.');
  }

  /** New rows are in: sockets here are judged by them now, the other processes are told, the document shows them. */
  private async applied(commitmentId: string, version: number): Promise<void> {
    await this.refresh(commitmentId);
    const { pubsub } = this.deps;
    const held = this.cache.get(commitmentId);
    if (pubsub && pubsub.kind !== 'local' && held && held.version >= version) {
      await pubsub.publish(RIGHTS_CHANNEL, encodeRightsChanged(held)).catch((err) =>
        this.deps.logger.error('could not publish a rights change; other processes apply it when sockets rejoin', { doc: commitmentId, error: String(err) }),
      );
    }
    await this.mirror(commitmentId);
  }

  /** Another process changed the rights: open sockets here are judged by them now, before the mirror arrives. */
  private heard(ref: CommitmentRef, version: number): void {
    if ((this.cache.get(ref.id)?.version ?? 0) >= version) return;
    this.cache.set(ref.id, { ref, version });
    this.deps.rooms.loaded(ref.id)?.reviewAccess();
  }

  /** Reads the rows again and judges this process's open sockets on the commitment by them. */
  private async refresh(commitmentId: string): Promise<void> {
    try {
      await this.load(commitmentId);
      this.deps.rooms.loaded(commitmentId)?.reviewAccess();
    } catch (err) {
      this.deps.logger.error('could not read changed rights', { doc: commitmentId, error: String(err) });
    }
  }

  /**
   * Checks a little later that the document shows the rows, putting it right if not: after a
   * socket joined, without holding up the first reply (which leaves before the room builds
   * the document).
   */
  checkMirrorSoon(commitmentId: string): void {
    const timer = setTimeout(() => {
      this.mirror(commitmentId).catch((err) => this.deps.logger.error('could not mirror the rights into the document', { doc: commitmentId, error: String(err) }));
    }, MIRROR_CHECK_DELAY_MS);
    timer.unref();
  }

  /** Shows the rows in the document (written by the server as the system), if it does not already. */
  async mirror(commitmentId: string): Promise<void> {
    const ref = this.cached(commitmentId);
    if (!ref) return;
    const shows = await this.deps.rooms.read(commitmentId, (doc) => mirrorShows(doc, ref.leadAgency, ref.coAgencies));
    if (shows === false) await this.deps.rooms.change(commitmentId, SYSTEM_AUTHOR, (doc) => writeMirror(doc, ref.leadAgency, ref.coAgencies));
  }

  private async requireCommitment(commitmentId: string): Promise<void> {
    const record = await this.deps.store.getDocument(commitmentId);
    if (!record || record.kind !== 'commitment') throw notFound(`Commitment "${commitmentId}"`);
  }

  private async requireRows(commitmentId: string): Promise<RightsRecord> {
    await this.requireCommitment(commitmentId);
    let rows = await this.deps.store.getRights(commitmentId);
    if (!rows && (await migrateDocumentRights(this.deps, commitmentId))) rows = await this.deps.store.getRights(commitmentId);
    if (!rows) throw conflict('This commitment has no lead agency yet; a coordinator sets one when creating it.');
    return rows;
  }

  private async directory(): Promise<Map<string, Agency>> {
    return new Map((await this.deps.store.listAgencies()).map((a) => [a.id, a]));
  }

}
