/**
 * A copy of a room's document on which a client's updates are tried before the room takes
 * them: applied there, judged by what Yjs reports as changed (effect.ts, scopes.ts), and
 * only then applied to the room's document. A refused or failing update leaves the room's
 * document untouched; the copy is rebuilt from it the next time it is needed. The copy follows
 * every other change of the room's document (server, other processes) as it happens.
 */
import * as Y from 'yjs';
import { changesOf, Locator, type Change } from './effect.js';
import type { Refusal, Scope } from './scopes.js';

const PROBE_ORIGIN = Symbol('probe');

export type ProbeResult =
  | { kind: 'accepted'; changes: number }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'failed'; error: unknown };

export class Probe {
  private copy: Y.Doc | null = null;
  private locator: Locator | null = null;

  constructor(private readonly source: () => Y.Doc) {}

  /** True while a copy exists (it costs the document's memory once more). */
  get active(): boolean {
    return this.copy !== null;
  }

  /** Follows a change of the room's document that did not come through `tryUpdates`. */
  follow(update: Uint8Array): void {
    if (!this.copy) return;
    try {
      Y.applyUpdate(this.copy, update, PROBE_ORIGIN);
      this.dropPending();
    } catch {
      this.discard();
    }
  }

  /** Forgets the copy (a refused update changed it, or the room is going away). */
  discard(): void {
    this.copy?.destroy();
    this.copy = null;
    this.locator = null;
  }

  private ensure(): Y.Doc {
    if (!this.copy) {
      const copy = new Y.Doc({ gc: true });
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.source()), PROBE_ORIGIN);
      this.copy = copy;
      this.locator = new Locator(copy);
    }
    return this.copy;
  }

  /** What waits for missing changes is kept by the room with its sender, not here. */
  private dropPending(): void {
    if (this.copy) this.copy.store.pendingStructs = this.copy.store.pendingDs = null;
  }

  /**
   * Applies `updates` to the copy in one transaction and judges the changes with `scope`.
   * Accepted, the copy now equals what the room's document will be once it applies them too.
   */
  tryUpdates(updates: Uint8Array[], scope: Scope): ProbeResult {
    const copy = this.ensure();
    let refusal: Refusal | null = null;
    let changes: Change[] = [];
    const judge = (tr: Y.Transaction) => {
      if (tr.origin !== PROBE_ORIGIN) return;
      changes = changesOf(tr, this.locator!);
      refusal = scope(changes);
    };
    copy.on('afterTransaction', judge);
    try {
      copy.transact(() => {
        for (const u of updates) Y.applyUpdate(copy, u, PROBE_ORIGIN);
      }, PROBE_ORIGIN);
    } catch (error) {
      this.discard();
      return { kind: 'failed', error };
    } finally {
      copy.off('afterTransaction', judge);
    }
    this.dropPending();
    if (refusal) {
      this.discard();
      return { kind: 'refused', refusal };
    }
    return { kind: 'accepted', changes: changes.length };
  }
}
