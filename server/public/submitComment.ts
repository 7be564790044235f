/**
 * A comment from the public, checked before anything is stored: the honeypot, the signed
 * form age, the flood limit per address, then each field with a message that says what to
 * change. Accepted comments wait for moderation; nothing of them is shown until approved.
 */
import { randomBytes } from 'node:crypto';
import { charCount, PUBLIC_COMMENT_LIMITS as LIMITS } from '../../shared/protocol/public.js';
import type { CommitmentJSON } from '../../shared/schema/index.js';
import { AppError, badRequest } from '../errors.js';
import type { Store } from '../storage/index.js';
import type { FormSigner } from './formToken.js';

export interface Submission {
  commitment: CommitmentJSON;
  planId: string;
  cycleId: string;
  address: string;
  raw: unknown;
  now?: number;
}

const fail = (code: string, message: string) => new AppError(400, code, message);
const thousands = (n: number) => n.toLocaleString('en');

/** Removes control characters except tab and line breaks (PostgreSQL cannot even store NUL). */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\r\n?/g, '\n');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const FORM_PROBLEMS = {
  invalid: fail('form_invalid', 'This form could not be verified. Reload the page and send your comment again.'),
  too_fast: fail('form_too_fast', 'The comment was sent within two seconds of opening the page, which is how automated spam behaves. Wait a moment and send it again.'),
  expired: fail('form_expired', 'This page has been open for more than 6 hours. Reload it (copy your text first) and send your comment again.'),
};

/**
 * Comments of each address being checked and stored right now (by address hash). Counted
 * with the stored ones, so a burst sent at once meets the same limit as one sent in turn
 * (with PostgreSQL, each count is a round trip that the others' overtake).
 */
const inFlight = new Map<string, number>();

/** Returns the stored comment's id, or null when the honeypot caught a bot (answered as if accepted). */
export async function submitPublicComment(store: Store, signer: FormSigner, s: Submission): Promise<string | null> {
  const now = s.now ?? Date.now();
  if (!s.raw || typeof s.raw !== 'object' || Array.isArray(s.raw)) throw badRequest('Send a JSON object: {name, email?, text, milestoneId?, token}.');
  const body = s.raw as Record<string, unknown>;
  // A bot that filled the invisible field learns nothing from the answer.
  if (typeof body.website === 'string' && body.website.trim() !== '') return null;
  const checked = await signer.check(body.token, now);
  if (checked !== 'ok') throw FORM_PROBLEMS[checked];

  const ipHash = await signer.addressHash(s.address);
  // Reserved before the count is awaited, and held until the comment is stored or refused.
  // The comments in flight are read as the reservation was made: one that is stored and
  // released while our count is under way would otherwise be in neither (counted twice at
  // worst, which only refuses sooner).
  const ahead = (inFlight.get(ipHash) ?? 0) + 1;
  inFlight.set(ipHash, ahead);
  try {
    if ((await store.countRecentPublicComments(ipHash, now - LIMITS.windowMs)) + ahead > LIMITS.perAddress) {
      throw new AppError(429, 'rate_limited', `Too many comments from your network: at most ${LIMITS.perAddress} in ${LIMITS.windowMs / 60_000} minutes. Please try again later.`);
    }
    return await checkAndStore(store, s, body, ipHash, now);
  } finally {
    const left = inFlight.get(ipHash)! - 1;
    if (left > 0) inFlight.set(ipHash, left);
    else inFlight.delete(ipHash);
  }
}

/** The fields, each checked with a message that says what to change, then the stored comment. */
async function checkAndStore(store: Store, s: Submission, body: Record<string, unknown>, ipHash: string, now: number): Promise<string> {
  const name = clean(typeof body.name === 'string' ? body.name : '').trim();
  if (!name) throw fail('name_required', 'Enter your name (a pseudonym is fine).');
  if (charCount(name) > LIMITS.name) throw fail('name_too_long', `Your name is ${thousands(charCount(name))} characters long; at most ${LIMITS.name} are allowed.`);
  const email = clean(typeof body.email === 'string' ? body.email : '').trim();
  if (email && (email.length > LIMITS.email || !EMAIL.test(email))) throw fail('email_invalid', 'The e-mail address does not look right (like name@example.org). You may also leave it empty.');
  const text = clean(typeof body.text === 'string' ? body.text : '').trim();
  if (!text) throw fail('text_required', 'Write your comment first.');
  if (charCount(text) > LIMITS.text) {
    throw fail('comment_too_long', `Your comment is ${thousands(charCount(text))} characters long; the limit is ${thousands(LIMITS.text)}. Shorten it and send it again.`);
  }
  const milestoneId = typeof body.milestoneId === 'string' && body.milestoneId !== '' ? body.milestoneId : null;
  if (milestoneId && !s.commitment.milestones.some((m) => m.id === milestoneId)) {
    throw fail('milestone_unknown', 'That milestone is not part of the published commitment. Reload the page and choose again.');
  }

  const id = 'pc_' + randomBytes(8).toString('hex');
  await store.addPublicComment({
    id, planId: s.planId, commitmentId: s.commitment.id, milestoneId, cycleId: s.cycleId,
    name, email: email || null, text, status: 'pending', createdAt: now, ipHash,
    moderatedBy: null, moderatedAt: null, response: null,
  });
  return id;
}
