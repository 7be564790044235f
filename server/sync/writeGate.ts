/**
 * The checks every client update passes before it touches the document, in order: the
 * reader check (an update that changes nothing is no write), the schema firewall, ownership
 * of Yjs client ids, the document's size limit, and for a scoped connection (a translator,
 * a writer of a plan's part) a trial on a copy judged by its effect. Whatever is refused
 * changes nothing; what passes is applied in one transaction and then stored and relayed
 * (durability.ts). The checks themselves live in gate/; this file is their order and what a
 * refusal does to the socket.
 */
import * as Y from 'yjs';
import type { Connection } from './connection.js';
import type { RoomDocument } from './document.js';
import type { RoomJobs } from './room.js';
import type { Received } from './inbound.js';
import { REFUSAL } from '../../shared/protocol/messages.js';
import { SYNC_STEP2, SYNC_UPDATE } from './messages.js';
import { countRefusal, READ_ONLY_MESSAGE, refuseChange, refuseMalformed } from './refusals.js';
import { checkUpdate } from './gate/firewall.js';
import { changesNothing } from './gate/effect.js';
import { Probe } from './gate/probe.js';
import { scopeFor, type Scope } from './gate/scopes.js';
import { deniedMessage } from './messages.js';

export class WriteGate {
  /** Scoped connections' updates are tried on this copy first. */
  private readonly probe: Probe;
  /** True while applying updates the probe copy already holds (it must not follow them again). */
  private probed = false;
  /** Client ids the update being applied binds to its sender (stored with it). */
  private claimsOfApply: number[] | null = null;

  constructor(
    private readonly doc: RoomDocument,
    private readonly jobs: RoomJobs,
  ) {
    this.probe = new Probe(() => doc.doc);
  }

  /** The document changed: the probe copy follows, unless it already holds the change. */
  follow(update: Uint8Array): void {
    if (!this.probed) this.probe.follow(update);
  }

  /** The client ids the client update being applied binds to its sender (once). */
  takeClaims(): number[] | null {
    const claims = this.claimsOfApply;
    this.claimsOfApply = null;
    return claims;
  }

  /** One connection's updates, received together, through every check and then applied. */
  receiveRun(conn: Connection, run: Received[]): void {
    const { doc } = this;
    let updates = run.map((r) => r.update);
    if (conn.access === 'read') {
      try {
        if (updates.every((u) => changesNothing(doc.doc, u))) return;
      } catch (err) {
        refuseMalformed(doc, conn, err, 'the update could not be read');
        return;
      }
      refuseChange(doc, conn, REFUSAL.readOnly, READ_ONLY_MESSAGE);
      return;
    }
    // One update for the run, checked once: each check decodes what it checks, and Yjs
    // re-merges pending content at every update it applies (their square for many small ones).
    if (updates.length > 1) {
      try {
        updates = [Y.mergeUpdates(updates)];
      } catch (err) {
        refuseMalformed(doc, conn, err, 'the update could not be read');
        return;
      }
    }
    const known = (client: number) => Y.getState(doc.doc.store, client);
    for (const u of updates) if (!this.passesFirewall(conn, u, known)) return;
    // Structs under another person's client id are dropped; the rest of the update stands.
    const claims: number[] = [];
    const foreign = new Set<number>();
    updates = updates.map((u) => {
      const owned = doc.owners.filter(u, conn.user.id, known);
      claims.push(...owned.claims);
      for (const c of owned.foreign) foreign.add(c);
      return owned.update;
    });
    if (foreign.size) {
      countRefusal(doc, REFUSAL.foreignClient);
      conn.send(deniedMessage(REFUSAL.foreignClient, 'Part of your change was made under another person\'s editor and was not saved; reload the page to continue.'));
    }
    if (!doc.fitsSizeLimit(updates)) {
      doc.owners.release(claims, conn.user.id);
      refuseChange(doc, conn, REFUSAL.documentTooLarge, `This document reached its size limit (${Math.round((doc.options.maxDocumentBytes ?? 0) / 1048576)} MiB); your change was not saved.`);
      conn.close('documentTooLarge');
      return;
    }
    const subtype = run.some((r) => r.subtype === SYNC_UPDATE) ? SYNC_UPDATE : SYNC_STEP2;
    this.admitUpdates(conn, updates, subtype, claims);
  }

  /** The schema firewall; a refused update closes the socket (false). */
  passesFirewall(conn: Connection, update: Uint8Array, known: (client: number) => number): boolean {
    const verdict = checkUpdate(update, this.doc.kind, known);
    if (verdict.ok) return true;
    refuseChange(this.doc, conn, REFUSAL.updateRefused, `${verdict.reason}: your change was not saved.`);
    conn.close('badMessage', verdict.reason);
    return false;
  }

  /** What a connection may change here; null when it may change everything. */
  private scopeOf(conn: Connection): Scope | null {
    if (conn.access === 'read') return () => ({ code: REFUSAL.readOnly, message: 'read only' });
    if (this.doc.kind === 'plan' && conn.access === 'write') return null;
    return scopeFor(this.doc.kind, conn.access, conn.user);
  }

  /**
   * Tries `updates` on the probe copy when the connection is scoped, then applies them to the
   * document; an exception while applying fails the room (it reloads from storage), so no
   * room ever acknowledges what it could not store. Pending parts are kept with the sender.
   */
  admitUpdates(conn: Connection, updates: Uint8Array[], subtype: number, claims: number[]): boolean {
    const { doc } = this;
    if (updates.length > 1) updates = [Y.mergeUpdates(updates)];
    const scope = this.scopeOf(conn);
    if (scope) {
      const tried = this.probe.tryUpdates(updates, scope);
      if (tried.kind !== 'accepted') doc.owners.release(claims, conn.user.id);
      if (tried.kind === 'failed') {
        doc.options.logger.error('an update failed on the probe copy', { doc: doc.name, user: conn.user.id, error: String((tried.error as Error)?.message ?? tried.error) });
        refuseChange(doc, conn, REFUSAL.updateRefused, 'This change could not be applied; it was not saved.');
        conn.close('badMessage', 'the update could not be applied');
        return false;
      }
      if (tried.kind === 'refused') {
        refuseChange(doc, conn, tried.refusal.code, tried.refusal.message);
        return false;
      }
    }
    const started = performance.now();
    this.probed = scope !== null;
    this.claimsOfApply = claims.length ? claims : null;
    try {
      doc.ydoc.transact(() => {
        for (const u of updates) Y.applyUpdate(doc.ydoc, u, conn.origin);
      }, conn.origin);
    } catch (err) {
      this.probed = false;
      // Yjs may be left mid-transaction: nothing of this document can be trusted any more.
      this.jobs.fail(err, 'an update could not be applied');
      return false;
    }
    this.probed = false;
    this.claimsOfApply = null;
    for (const u of updates) doc.grew(u);
    this.jobs.waiting.afterApplied(conn, subtype);
    this.spend(conn, performance.now() - started);
    this.jobs.waiting.retrySoon();
    return true;
  }

  /** Time one connection's updates cost; beyond the budget its socket is closed (it reconnects later). */
  private spend(conn: Connection, ms: number): void {
    if (!conn.cost.spend(ms)) {
      countRefusal(this.doc, 'cost_budget');
      conn.close('rateLimited', 'your changes took too long to apply');
    }
  }

  /** Drops the probe copy (the room is destroyed). */
  discard(): void {
    this.probe.discard();
  }
}
