/**
 * Searching commitments: signed-in readers search the live documents (the index the indexer
 * keeps), the public searches only the published snapshots (indexed from them, never from
 * the live text). Results carry plain-text snippets; the client marks the match.
 */
import { DEFAULT_SEARCH_LIMIT, type SearchQuery, type SearchResponse } from '../../shared/protocol/search.js';
import type { User } from '../auth/types.js';
import { notFound } from '../errors.js';
import { PublishedVersions } from '../public/published.js';
import type { Store } from '../storage/index.js';
import { commitmentEntries } from './entries.js';
import { snippetOf } from './snippet.js';
import type { SearchHit, SearchStore } from './store.js';

export interface SearchDeps {
  store: Store;
  index: SearchStore;
  /** The app's one PublishedVersions (its cache is shared); absent, one of its own. */
  published?: PublishedVersions;
}

export class Search {
  private readonly published: PublishedVersions;
  /** One catch-up of the public scope at a time; concurrent public searches wait for it. */
  private syncing: Promise<string[]> | null = null;

  constructor(private readonly deps: SearchDeps) {
    this.published = deps.published ?? new PublishedVersions(deps.store);
  }

  /**
   * Every commitment the person may read, which for every signed-in role is every
   * commitment (see server/auth/docAccess.ts); `plan` narrows to one plan, which must exist.
   */
  async search(_user: User, query: SearchQuery): Promise<SearchResponse> {
    let planIds: string[] | undefined;
    if (query.plan) {
      const plan = await this.deps.store.getDocument(query.plan);
      if (!plan || plan.kind !== 'plan') throw notFound(`Plan "${query.plan}"`);
      planIds = [query.plan];
    }
    return this.answer('live', query, planIds);
  }

  /** The published text only: what the public site shows. */
  async searchPublic(query: Omit<SearchQuery, 'plan'>): Promise<SearchResponse> {
    this.syncing ??= this.syncPublic().finally(() => (this.syncing = null));
    const planIds = await this.syncing;
    return this.answer('public', query, planIds);
  }

  private async answer(scope: 'live' | 'public', query: Omit<SearchQuery, 'plan'>, planIds: string[] | undefined): Promise<SearchResponse> {
    const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
    const hits = planIds?.length === 0 ? [] : await this.deps.index.search(scope, query.q, { planIds, limit: limit + 1 });
    return { q: query.q, results: hits.slice(0, limit).map((h) => toResult(h, query.q)), more: hits.length > limit };
  }

  /**
   * Brings the public scope to the plans' current publications (a publication made by any
   * process, since the last search) and returns the plans that have one. Snapshots never
   * change, so a commitment indexed from the current cycle is never indexed again.
   */
  private async syncPublic(): Promise<string[]> {
    const { store, index } = this.deps;
    const [plans, sources] = await Promise.all([store.listDocuments({ kind: 'plan' }), index.sources('public')]);
    const publishedPlans: string[] = [];
    for (const plan of plans) {
      const current = await this.published.current(plan.name);
      const indexed = [...sources].filter(([, s]) => s.planId === plan.name);
      if (!current) {
        for (const [id] of indexed) await index.remove('public', id);
        continue;
      }
      publishedPlans.push(plan.name);
      const cycleId = current.cycle.id;
      // Parsed once per cycle and kept (PublishedVersions' cache): the comparison below is in memory.
      const version = await this.published.of(current.cycle, current.publication);
      for (const [id, json] of version.commitments) {
        if (sources.get(id)?.source !== cycleId) await index.replace('public', commitmentEntries({ ...json, id }, plan.name), cycleId);
      }
      for (const [id] of indexed) if (!version.commitments.has(id)) await index.remove('public', id);
    }
    return publishedPlans;
  }
}

function toResult(h: SearchHit, q: string) {
  return { commitmentId: h.commitmentId, planId: h.planId, number: h.number, title: h.title, field: h.field, fieldName: h.fieldName, lang: h.lang, snippet: snippetOf(h.text, q) };
}
