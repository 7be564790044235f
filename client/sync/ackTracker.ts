/** Which local changes the server has durably stored, learnt per transaction through MSG.ack round trips. */

interface Outstanding {
  /** Local changes made up to the moment the request was sent (the ones it covers). */
  upTo: number;
  /** Carried-over changes it covers: only a request sent right after a full sync covers them. */
  carried: number;
}

/**
 * Counts local transactions and clears them as acknowledgements come back. Counting
 * transactions rather than comparing state vectors is deliberate: a delete-only edit leaves
 * the state vector unchanged, yet it is a change the person is waiting on.
 */
export class AckTracker {
  private made = 0;
  private acked = 0;
  /** Changes from an earlier life of the page (reload, closed tab), sent by the next full sync. */
  private carried = 0;
  private nextId = 1;
  private readonly outstanding = new Map<number, Outstanding>();
  private confirmedSinceSync = false;

  /** One local transaction changed the document. */
  change(): void {
    this.made++;
  }

  /** Adds changes this session did not make but now answers for (restored or adopted counts). */
  carry(count: number): void {
    if (count > 0) this.carried += count;
  }

  /**
   * Registers an acknowledgement request and returns its id. `full` says that everything the
   * document holds has just been offered to the server (sync step 2 after connecting), so the
   * request also covers the carried-over changes.
   */
  request(full: boolean): number {
    const id = this.nextId++;
    this.outstanding.set(id, { upTo: this.made, carried: full ? this.carried : 0 });
    return id;
  }

  /** The server answered request `id`. Unknown ids (an old socket's, a stranger's) are ignored. */
  ack(id: number): boolean {
    if (!this.outstanding.has(id)) return false;
    // The server answers in order, so an answer also settles every earlier request.
    for (const [key, req] of [...this.outstanding]) {
      if (key > id) continue;
      this.outstanding.delete(key);
      this.acked = Math.max(this.acked, req.upTo);
      this.carried = Math.max(0, this.carried - req.carried);
    }
    this.confirmedSinceSync = true;
    return true;
  }

  /** The socket closed: requests on it will never be answered; the next sync re-sends everything. */
  disconnected(): void {
    this.outstanding.clear();
    this.confirmedSinceSync = false;
  }

  /** Local changes (own and carried) the server has not confirmed. */
  get pending(): number {
    return this.made - this.acked + this.carried;
  }

  /** The server has answered at least once since the last (re)connection's full sync. */
  get confirmed(): boolean {
    return this.confirmedSinceSync;
  }

  /** Requests sent and not yet answered. */
  get waiting(): number {
    return this.outstanding.size;
  }
}
