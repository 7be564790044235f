/** The app's URLs: stable and shareable, so a commitment link can be pasted into a meeting chat. */
import { PUBLIC_COMMITMENT_PAGE, PUBLIC_PLAN_PAGE, pagePath } from '../../shared/protocol/publicPages.js';

export type Route =
  | { name: 'plan'; planId: string | null }
  | { name: 'commitment'; commitmentId: string }
  // versions, contributions: history pages of a commitment and of a plan
  | { name: 'commitmentHistory'; commitmentId: string; page: 'versions' | 'compare' | 'contributions' }
  | { name: 'planHistory'; planId: string; page: 'cycles' | 'compare' | 'contributions' }
  // comments, public page, timeline; the public ones need no sign-in
  | { name: 'planTimeline'; planId: string }
  | { name: 'moderation'; planId: string }
  | { name: 'publicPlan'; planId: string | null }
  | { name: 'publicCommitment'; commitmentId: string }
  // the audit trail (coordinators) and the page of a password-reset link (no sign-in)
  | { name: 'audit' }
  | { name: 'agencies' }
  | { name: 'account' }
  | { name: 'resetPassword'; token: string }
  | { name: 'notFound' };

/** A path segment as text; a malformed escape (`%E0%A4%A`, pasted half from a chat) throws URIError. */
class MalformedPath extends Error {}
function decodeURIComponent(segment: string): string {
  try {
    return globalThis.decodeURIComponent(segment);
  } catch {
    throw new MalformedPath(segment);
  }
}

/** The route of a URL path; a path that cannot be decoded is simply not found, never a blank page. */
export function matchRoute(pathname: string): Route {
  try {
    return matchDecoded(pathname);
  } catch (err) {
    if (err instanceof MalformedPath) return { name: 'notFound' };
    throw err;
  }
}

function matchDecoded(pathname: string): Route {
  const path = pagePath(pathname);
  if (path === '/') return { name: 'plan', planId: null };
  let m = /^\/plans\/([^/]+)$/.exec(path);
  if (m) return { name: 'plan', planId: decodeURIComponent(m[1]!) };
  m = /^\/c\/([^/]+)$/.exec(path);
  if (m) return { name: 'commitment', commitmentId: decodeURIComponent(m[1]!) };
  m = /^\/c\/([^/]+)\/(versions|compare|contributions)$/.exec(path);
  if (m) return { name: 'commitmentHistory', commitmentId: decodeURIComponent(m[1]!), page: m[2] as 'versions' | 'compare' | 'contributions' };
  m = /^\/plans\/([^/]+)\/(cycles|compare|contributions)$/.exec(path);
  if (m) return { name: 'planHistory', planId: decodeURIComponent(m[1]!), page: m[2] as 'cycles' | 'compare' | 'contributions' };
  m = /^\/plans\/([^/]+)\/(timeline|moderation)$/.exec(path);
  if (m) return m[2] === 'timeline' ? { name: 'planTimeline', planId: decodeURIComponent(m[1]!) } : { name: 'moderation', planId: decodeURIComponent(m[1]!) };
  if (path === '/audit') return { name: 'audit' };
  if (path === AGENCIES_PATH) return { name: 'agencies' };
  if (path === '/account') return { name: 'account' };
  m = /^\/reset-password\/([\w-]{1,200})$/.exec(path);
  if (m) return { name: 'resetPassword', token: m[1]! };
  if (path === '/public') return { name: 'publicPlan', planId: null };
  m = PUBLIC_PLAN_PAGE.exec(path);
  if (m) return { name: 'publicPlan', planId: decodeURIComponent(m[1]!) };
  m = PUBLIC_COMMITMENT_PAGE.exec(path);
  if (m) return { name: 'publicCommitment', commitmentId: decodeURIComponent(m[1]!) };
  return { name: 'notFound' };
}

export const planPath = (planId: string) => `/plans/${encodeURIComponent(planId)}`;
export const commitmentPath = (id: string) => `/c/${encodeURIComponent(id)}`;
/** `/c/:id/versions`, `/c/:id/compare?from=&to=`, `/c/:id/contributions`. */
export const commitmentHistoryPath = (id: string, page: 'versions' | 'compare' | 'contributions', query = '') => `${commitmentPath(id)}/${page}${query}`;
/** `/plans/:id/cycles`, `/plans/:id/compare?from=&to=`, `/plans/:id/contributions`. */
export const planHistoryPath = (planId: string, page: 'cycles' | 'compare' | 'contributions', query = '') => `${planPath(planId)}/${page}${query}`;
/** The timeline and moderation, `/plans/:id/timeline`, `/plans/:id/moderation`, and the public site (no sign-in). */
export const planTimelinePath = (planId: string) => `${planPath(planId)}/timeline`;
export const moderationPath = (planId: string) => `${planPath(planId)}/moderation`;
export const publicPlanPath = (planId: string) => `/public/plans/${encodeURIComponent(planId)}`;
export const publicCommitmentPath = (id: string) => `/public/c/${encodeURIComponent(id)}`;
/** True for the pages anyone may open without an account. */
export const isPublicRoute = (route: Route) => route.name === 'publicPlan' || route.name === 'publicCommitment' || route.name === 'resetPassword';
export const AUDIT_PATH = '/audit';
export const AGENCIES_PATH = '/agencies';
export const ACCOUNT_PATH = '/account';
