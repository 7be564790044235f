/** Automatic checkpoints: daily for documents changed since their last snapshot, and before bulk changes. */
import type { Logger } from '../log.js';
import type { SnapshotInfo, UpdateAuthor } from '../storage/index.js';
import { SYSTEM_AUTHOR } from '../sync/origins.js';
import { parseDocName } from '../../shared/protocol/docNames.js';
import { captureDoc, type VersionDeps } from './capture.js';
import { freeze } from './snapshots.js';

/** Default interval of the daily checkpoint run. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 24 * 3600_000;

/**
 * Takes a checkpoint of one document unless its newest snapshot (checkpoint or review cycle)
 * already holds the same seq: an unchanged document needs no second copy. Returns the new
 * checkpoint, or null when none was needed.
 */
export async function takeCheckpoint(deps: VersionDeps, docName: string, reason: string, author: UpdateAuthor = SYSTEM_AUTHOR): Promise<SnapshotInfo | null> {
  const kind = parseDocName(docName)?.kind;
  // Comment threads are not versions of the plan (and have no commitment rendering).
  if (kind === 'comments') return null;
  const record = kind ? await deps.store.getDocument(docName) : null;
  if (!kind || !record) return null;
  const [latest] = await deps.store.listSnapshots({ docName });
  // Cheap test first: nothing received since the newest snapshot means nothing to capture.
  if (latest && Date.parse(record.updatedAt) < latest.takenAt) return null;
  const captured = await captureDoc(deps, docName, kind);
  if (latest && latest.seq >= captured.seq) return null;
  const snapshot = freeze(captured, { cycleId: null, reason, takenAt: Date.now(), takenBy: author });
  await deps.store.addSnapshot(snapshot);
  const { state: _state, json: _json, ...info } = snapshot;
  return info;
}

/**
 * Call before a change that rewrites much of a document at once (lead-agency move, import,
 * section restore), so the state before it stays one click away in the version list.
 * @example await checkpointBeforeBulkChange('c-04-access-to-information', 'lead agency move', { store, rooms });
 */
export function checkpointBeforeBulkChange(docName: string, reason: string, deps: VersionDeps, author?: UpdateAuthor): Promise<SnapshotInfo | null> {
  return takeCheckpoint(deps, docName, `before ${reason}`, author);
}

export interface CheckpointsOptions {
  /** Milliseconds between runs; default 24 h (config key `checkpointIntervalMs`). */
  intervalMs?: number;
  logger: Logger;
}

/** The daily timer. `runOnce` is public so tests and operators can trigger a run. */
export class Checkpoints {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  readonly intervalMs: number;

  constructor(
    private readonly deps: VersionDeps,
    private readonly options: CheckpointsOptions,
  ) {
    this.intervalMs = options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    // A pending checkpoint must not keep a finished process alive.
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Checkpoints every document changed since its last snapshot; returns how many were taken. */
  runOnce(): Promise<number> {
    // Overlapping runs would only race to write the same checkpoints.
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<number> {
    let taken = 0;
    for (const doc of await this.deps.store.listDocuments()) {
      try {
        if (await takeCheckpoint(this.deps, doc.name, 'daily')) taken++;
      } catch (err) {
        this.options.logger.error('checkpoint failed', { doc: doc.name, error: String(err) });
      }
    }
    if (taken) this.options.logger.info('checkpoints taken', { count: taken });
    return taken;
  }
}
