/**
 * What the sync layer reports for operations (metrics): stored updates with their receive
 * times, compactions, refused messages by reason, failed writes. A plain interface so rooms
 * don't depend on a metrics library.
 */
export interface SyncObserver {
  /** Updates appended in one store transaction; `receivedAt` in epoch ms, one per update. */
  stored(receivedAt: number[]): void;
  compacted(): void;
  refused(reason: string): void;
  writeFailed(): void;
}

export const quietObserver: SyncObserver = { stored() {}, compacted() {}, refused() {}, writeFailed() {} };
