/**
 * The audit trail's service: every part of the server records what a person did through
 * `audit.record(...)`, and coordinators read it back through `list`. Entries are only ever
 * appended (the database refuses anything else).
 */
import type { AuditAction, AuditActor, AuditEntryView, AuditQuery } from '../../shared/protocol/audit.js';
import type { User } from '../auth/types.js';
import { badRequest } from '../errors.js';
import type { AuditEntry, AuditStore } from '../storage/index.js';

/** What one call of `record` says. */
export interface AuditRecord {
  /** The signed-in person, or an actor built with `cliActor` / by hand. */
  actor: User | AuditActor;
  action: AuditAction;
  /** What it was done to: an e-mail address for accounts, a commitment / cycle / plan id… */
  target: string;
  /** Small JSON facts (the new role, the export format, the decision…). Never a secret. */
  details?: Record<string, unknown>;
  /** The request's address; '' for the command line. */
  address?: string;
}

/** Longest detail text stored: an entry is a line of evidence, not a copy of a document. */
const MAX_DETAILS_CHARS = 4000;

/** The actor of an account: its id, name and affiliation (as people read it in the trail). */
export function actorOf(user: User | AuditActor): AuditActor {
  if ('userId' in user) return user;
  return { userId: user.id, name: user.name, affiliation: user.affiliation.name };
}

/** The actor of an administrator at the server's command line. */
export function cliActor(osUser: string): AuditActor {
  return { userId: `cli:${osUser}`, name: `${osUser} (command line)`, affiliation: 'server administrator' };
}

export function entryView(e: AuditEntry): AuditEntryView {
  return { id: e.id, at: new Date(e.at).toISOString(), actor: e.actor, action: e.action as AuditAction, target: e.target, details: e.details, address: e.address };
}

export class Audit {
  constructor(
    private readonly store: AuditStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Appends one entry. It is awaited by the caller: an action whose record cannot be written
   * fails loudly (the database is away) rather than going unrecorded in silence.
   * @example await audit.record({ actor: user, action: 'role_changed', target: 'lin@example.tw', details: { from: 'viewer', to: 'civil_editor' } });
   */
  async record(r: AuditRecord): Promise<void> {
    let details = r.details ?? {};
    const text = JSON.stringify(details);
    if (text.length > MAX_DETAILS_CHARS) details = { truncated: text.slice(0, MAX_DETAILS_CHARS) };
    await this.store.appendAudit({ at: this.now(), actor: actorOf(r.actor), action: r.action, target: r.target.slice(0, 300), details, address: r.address ?? '' });
  }

  /** A page of entries, newest first, and the `before` of the next page. */
  async list(q: AuditQuery): Promise<{ entries: AuditEntry[]; next: number | null }> {
    const from = q.from === undefined ? undefined : Date.parse(q.from);
    const to = q.to === undefined ? undefined : Date.parse(q.to);
    if (from !== undefined && to !== undefined && from >= to) throw badRequest('Bad query parameters "from" and "to": "from" must be earlier than "to".');
    const entries = await this.store.listAudit({ actor: q.actor, action: q.action, target: q.target, from, to, before: q.before, limit: q.limit });
    return { entries, next: entries.length === q.limit ? entries[entries.length - 1]!.id : null };
  }
}
