/**
 * Cross-links between commitments ("see how #3 ran its workshops"): kept in the database,
 * not in a commitment's Y.Doc, because they belong to two commitments at once. Writers of
 * the source commitment add and remove them; everyone sees them in both directions.
 */
import type { User } from '../../shared/protocol/auth.js';
import type { LinksResponse, LinkView } from '../../shared/protocol/public.js';
import { getMeta, shortText, type Bilingual, type CommitmentJSON } from '../../shared/schema/index.js';
import { forbidden } from '../auth/middleware.js';
import { badRequest, notFound } from '../errors.js';
import type { CommitmentLink, Store } from '../storage/index.js';
import { authorOf } from '../sync/connection.js';
import type { Rooms } from '../sync/rooms.js';
import { writesCommitment } from '../rights/writers.js';

export interface LinkDeps {
  store: Store;
  rooms: Rooms;
}

type Heading = { number: string; title: Bilingual };

const view = (l: CommitmentLink, other: string, heading: Heading): LinkView => ({
  id: other,
  number: heading.number,
  title: heading.title,
  note: l.note,
  createdBy: { name: l.createdBy.name },
  createdAt: new Date(l.createdAt).toISOString(),
});

async function requireCommitment(store: Store, id: string): Promise<void> {
  const record = await store.getDocument(id);
  if (!record || record.kind !== 'commitment') throw notFound(`Commitment "${id}"`);
}

/** Number and title of a live commitment, or null when it does not exist. */
const liveHeading = (rooms: Rooms, id: string) =>
  rooms.read(id, (doc): Heading => ({ number: getMeta(doc, 'number'), title: { zh: shortText(doc, 'title', 'zh').toString(), en: shortText(doc, 'title', 'en').toString() } }));

/** Both directions, with the other commitment's live number and title. */
export async function listLinks({ store, rooms }: LinkDeps, id: string): Promise<LinksResponse> {
  await requireCommitment(store, id);
  const { outgoing, incoming } = await store.listLinks(id);
  const side = async (links: CommitmentLink[], other: (l: CommitmentLink) => string) => {
    const out: LinkView[] = [];
    for (const l of links) {
      const heading = await liveHeading(rooms, other(l));
      if (heading) out.push(view(l, other(l), heading));
    }
    return out;
  };
  return { outgoing: await side(outgoing, (l) => l.to), incoming: await side(incoming, (l) => l.from) };
}

/** Only links between commitments of one published version, with their published titles. */
export async function publishedLinks(store: Store, id: string, published: Map<string, CommitmentJSON>): Promise<LinksResponse> {
  const { outgoing, incoming } = await store.listLinks(id);
  const side = (links: CommitmentLink[], other: (l: CommitmentLink) => string) =>
    links.flatMap((l) => {
      const c = published.get(other(l));
      return c ? [view(l, other(l), c)] : [];
    });
  return { outgoing: side(outgoing, (l) => l.to), incoming: side(incoming, (l) => l.from) };
}

/** Adds a link (or replaces its note); true when it is new. */
export async function addLink(deps: LinkDeps, from: string, to: string, note: string, user: User): Promise<boolean> {
  await requireCommitment(deps.store, from);
  if (!(await writesCommitment(deps, user, from))) throw forbidden('link this commitment to others (only its writers can)');
  if (to === from) throw badRequest('A commitment cannot link to itself: choose another commitment in "to".');
  await requireCommitment(deps.store, to);
  return deps.store.addLink({ from, to, note, createdAt: Date.now(), createdBy: authorOf(user) });
}

export async function removeLink(deps: LinkDeps, from: string, to: string, user: User): Promise<void> {
  await requireCommitment(deps.store, from);
  if (!(await writesCommitment(deps, user, from))) throw forbidden('remove this commitment\'s links (only its writers can)');
  if (!(await deps.store.removeLink(from, to))) throw notFound(`A link from "${from}" to "${to}"`);
}

/** The cross-links service the routes and the public site call (they never reach the store themselves). */
export class Links {
  constructor(private readonly deps: LinkDeps) {}

  list(id: string): Promise<LinksResponse> {
    return listLinks(this.deps, id);
  }

  add(from: string, to: string, note: string, user: User): Promise<boolean> {
    return addLink(this.deps, from, to, note, user);
  }

  remove(from: string, to: string, user: User): Promise<void> {
    return removeLink(this.deps, from, to, user);
  }

  /** Among one published version's commitments only. */
  published(id: string, commitments: Map<string, CommitmentJSON>): Promise<LinksResponse> {
    return publishedLinks(this.deps.store, id, commitments);
  }
}
