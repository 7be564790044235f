/**
 * Keeps the live scope of the search index current: every stored update of a commitment
 * re-indexes it shortly after (at most once per `delayMs` while someone types), and a
 * rebuild at start indexes what changed while no indexer was listening (a new store, an
 * older server, a crash between a write and its indexing).
 */
import { parseDocName } from '../../shared/protocol/docNames.js';
import { renderCommitment } from '../../shared/schema/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../storage/index.js';
import type { Rooms } from '../sync/rooms.js';
import { commitmentEntries } from './entries.js';
import type { SearchStore } from './store.js';

/** Default wait between a stored update and its indexing: edits are found well within a second. */
export const DEFAULT_INDEX_DELAY_MS = 150;

export interface IndexerDeps {
  store: Store;
  rooms: Rooms;
  index: SearchStore;
  logger: Logger;
}

export class SearchIndexer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** One indexing at a time per document, in order: a later run always reads a later state. */
  private readonly running = new Map<string, Promise<void>>();
  private unsubscribe: (() => void) | null = null;
  private rebuilding: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly deps: IndexerDeps,
    private readonly delayMs = DEFAULT_INDEX_DELAY_MS,
  ) {}

  /** Listens for stored updates and starts the rebuild (resolved by `whenRebuilt`). */
  start(): void {
    this.unsubscribe = this.deps.rooms.onStored((room) => this.schedule(room.name));
    this.rebuilding = this.deps.index
      .prepare()
      .then(() => this.rebuild())
      .catch((err) => {
        this.deps.logger.error('search index rebuild failed; it is tried again at the next start', { error: String(err) });
        return 0;
      });
  }

  /** The start-up rebuild; resolves to how many commitments it indexed. */
  whenRebuilt(): Promise<number> {
    return this.rebuilding ?? Promise.resolve(0);
  }

  /** Indexes the commitment a little later; repeated calls before then are one run. */
  schedule(name: string): void {
    if (this.stopped || parseDocName(name)?.kind !== 'commitment' || this.timers.has(name)) return;
    const timer = setTimeout(() => {
      this.timers.delete(name);
      void this.indexNow(name);
    }, this.delayMs);
    timer.unref();
    this.timers.set(name, timer);
  }

  /** Indexes one commitment now (after any run for it in progress). */
  indexNow(name: string): Promise<void> {
    const previous = this.running.get(name) ?? Promise.resolve();
    const run = previous
      .then(() => this.index(name))
      .catch((err) => this.deps.logger.error('indexing a commitment for search failed', { doc: name, error: String(err) }))
      .finally(() => {
        if (this.running.get(name) === run) this.running.delete(name);
      });
    this.running.set(name, run);
    return run;
  }

  private async index(name: string): Promise<void> {
    const record = await this.deps.store.getDocument(name);
    if (!record || record.kind !== 'commitment') {
      await this.deps.index.remove('live', name);
      return;
    }
    // Read before rendering: a write in between is newer than the source, and is indexed again.
    const source = record.updatedAt;
    const json = await this.deps.rooms.read(name, renderCommitment);
    if (!json) return;
    await this.deps.index.replace('live', commitmentEntries({ ...json, id: name }, record.planId), source);
  }

  /** Indexes every commitment whose rows are missing or older than the document; drops rows of documents gone. */
  async rebuild(): Promise<number> {
    const [docs, sources] = await Promise.all([this.deps.store.listDocuments({ kind: 'commitment' }), this.deps.index.sources('live')]);
    let indexed = 0;
    for (const doc of docs) {
      if (this.stopped) break;
      if (sources.get(doc.name)?.source === doc.updatedAt) continue;
      await this.indexNow(doc.name);
      indexed++;
    }
    const names = new Set(docs.map((d) => d.name));
    for (const name of sources.keys()) if (!names.has(name)) await this.deps.index.remove('live', name);
    return indexed;
  }

  /** Waits until nothing is scheduled or running (tests; shutdown). */
  async whenIdle(): Promise<void> {
    while (this.timers.size > 0 || this.running.size > 0) {
      await Promise.all([...this.running.values()]);
      if (this.timers.size > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    }
  }

  /** Stops listening and waits for the work in progress; what is scheduled is left to the next start's rebuild. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.rebuilding;
    await Promise.all([...this.running.values()]);
  }
}
