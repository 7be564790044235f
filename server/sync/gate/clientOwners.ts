/**
 * Who each Yjs client id of a document belongs to. A client id belongs to the first person
 * who writes with it (bound in the same transaction as that first write, so before anything
 * under it is relayed) or who announces it in their presence (a victim's id is visible to
 * others there before they type). Structs under another person's id — items, GC and skip
 * ranges — are dropped from an update; the rest is kept, and the sender is told.
 */
import * as Y from 'yjs';

/** The person the server itself writes as (seeding, imports, restores, server changes). */
export const SERVER_OWNER = 'system';

/** New client ids one update may claim, and one person in one loaded document. */
export const CLAIM_LIMITS = { perUpdate: 16, perPerson: 256 } as const;

/** What ownership made of one update. */
export interface OwnedUpdate {
  /** The update with every struct of another person's client id removed (the same bytes when none was). */
  update: Uint8Array;
  /** Client ids whose structs were removed. */
  foreign: number[];
  /** Client ids this update binds to the sender (to be stored with it). */
  claims: number[];
}

/** A state vector that excludes everything of the given clients (no clock reaches it). */
const excluding = (clients: number[]) => Y.encodeStateVector(new Map(clients.map((c) => [c, Number.MAX_SAFE_INTEGER])));

export class ClientOwners {
  /** client id → user id; bound durably (stored) or only announced (presence) in this process. */
  private readonly owners = new Map<number, string>();
  /** Bindings that are stored (the others are written with the first update under them). */
  private readonly durable = new Set<number>();
  /** Client ids each person has claimed in this loaded document. */
  private readonly claimsPerPerson = new Map<string, number>();

  constructor(stored: Iterable<{ clientId: number; userId: string }> = []) {
    for (const { clientId, userId } of stored) {
      this.owners.set(clientId, userId);
      this.durable.add(clientId);
    }
  }

  ownerOf(clientId: number): string | undefined {
    return this.owners.get(clientId);
  }

  /** Binds a client id to a person if nobody has it (the server's own, or a presence announcement). */
  bind(clientId: number, userId: string): boolean {
    const owner = this.owners.get(clientId);
    if (owner === undefined) this.owners.set(clientId, userId);
    return owner === undefined || owner === userId;
  }

  /**
   * Keeps only the sender's own structs: those of client ids bound to `userId`, and of unbound
   * ids that write something new (`known(client)` is the server's clock for that client),
   * which this update then claims, within the claim limits.
   */
  filter(update: Uint8Array, userId: string, known: (client: number) => number): OwnedUpdate {
    const { to } = Y.parseUpdateMeta(update);
    const foreign: number[] = [];
    const claims: number[] = [];
    for (const [client, end] of to) {
      const owner = this.owners.get(client);
      if (owner === userId) {
        // Announced in presence, written with now: stored with this update.
        if (!this.durable.has(client) && end > known(client)) claims.push(client);
        continue;
      }
      // The server's ids (its own, and those of the rooms before it) carry what a client may
      // send back after the server lost it; the server never writes offline, so nothing of its
      // own can be squatted.
      if (owner === SERVER_OWNER) continue;
      if (owner !== undefined) {
        foreign.push(client);
        continue;
      }
      // Nothing new under an unbound id: nothing is written with it, nothing claimed.
      if (end <= known(client)) continue;
      const mine = this.claimsPerPerson.get(userId) ?? 0;
      if (claims.length >= CLAIM_LIMITS.perUpdate || mine >= CLAIM_LIMITS.perPerson) {
        foreign.push(client);
        continue;
      }
      claims.push(client);
    }
    for (const client of claims) {
      if (this.owners.has(client)) continue;
      this.owners.set(client, userId);
      this.claimsPerPerson.set(userId, (this.claimsPerPerson.get(userId) ?? 0) + 1);
    }
    return { update: foreign.length ? Y.diffUpdate(update, excluding(foreign)) : update, foreign, claims };
  }

  /** A binding stored by another process (or read from the log). */
  learn(clientId: number, userId: string): void {
    this.owners.set(clientId, userId);
    this.durable.add(clientId);
  }

  /** The claims are stored: they need not be written again. */
  stored(clientIds: number[]): void {
    for (const client of clientIds) this.durable.add(client);
  }

  /** Releases claims whose update was refused after all (nothing of it was stored). */
  release(clientIds: number[], userId: string): void {
    for (const client of clientIds) {
      if (this.owners.get(client) !== userId || this.durable.has(client)) continue;
      this.owners.delete(client);
      this.claimsPerPerson.set(userId, Math.max(0, (this.claimsPerPerson.get(userId) ?? 1) - 1));
    }
  }
}
