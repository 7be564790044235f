/**
 * The description of every `/api` route, next to the zod schema the route itself validates
 * with: the request body and query schemas are imported from where the routes import them,
 * so the published description cannot drift from what the server accepts. A test
 * (test/apidocs/openapi.test.ts) fails when a mounted route is missing here, when a route
 * described here is not mounted, or when an example no longer passes its route's schema.
 */
import { z } from 'zod';
import { createCommitmentBody, createPlanBody, renameBody } from '../../shared/protocol/api.js';
import { auditQuery } from '../../shared/protocol/audit.js';
import { acceptInvitationBody, changePasswordBody, invitationBody, passwordResetBody, passwordResetRequestBody, signInBody } from '../../shared/protocol/auth.js';
import { linkBody, moderateBody, PUBLIC_COMMENT_LIMITS, PUBLIC_COMMENT_STATUSES, responseBody } from '../../shared/protocol/public.js';
import { agencyNamesBody, coAgenciesBody, coAgencyBody, legacyMoveBody, moveLeadBody, newAgencyBody } from '../../shared/protocol/rights.js';
import { acceptBody, declineBody, newSuggestionBody, suggestionFiguresQuery, suggestionListQuery } from '../../shared/protocol/suggestions.js';
import { notificationsQuery, readBodySchema, settingsBody } from '../../shared/protocol/notifications.js';
import { searchQuery } from '../../shared/protocol/search.js';
import { IMPORT_CONTENT_TYPES, importQuery } from '../../shared/protocol/import.js';
import { seqQuery } from '../contributions/routes.js';

import { createCycleBody } from '../../shared/protocol/versions.js';
import { restoreSectionBody } from '../versions/routes.js';
import { FORMATS, REDLINE_FORMATS, exportQuery, redlineQuery } from '../export/index.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `public`: no session. `session`: a session token, sent as
 * `Authorization: Bearer <token>` (scripts) or the `gongbi_session` cookie (the browser);
 * `who` then says which roles the service lets through.
 */
export type Auth = 'public' | 'session';

export interface RouteBody {
  /** Component name in `components.schemas`. */
  name: string;
  schema: z.ZodType;
  example: unknown;
  /**
   * `zod`: the route validates the body with `schema` (the example is checked against it).
   * `service`: the service checks the fields by hand for per-field messages; `schema` only
   * describes them.
   */
  validatedBy: 'zod' | 'service';
}

export interface RouteDoc {
  method: Method;
  /** As mounted in Hono: `/api/plans/:planId/export.:format`. */
  path: string;
  /** The feature the reference page groups the route under (an OpenAPI tag). */
  feature: string;
  summary: string;
  auth: Auth;
  /** Roles and rights, in the README's words: `anyone`, `signed in`, `coordinator`, `writers of it`… */
  who: string;
  body?: RouteBody;
  /** A raw file as the body (not JSON): the content types accepted and what it is. */
  fileBody?: { contentTypes: string[]; description: string };
  /** The route's query schema (an object of string-valued parameters). */
  query?: z.ZodObject;
  /** Path parameters' descriptions and, where closed, their values. */
  params?: Record<string, { description: string; values?: readonly string[] }>;
  /** Status → what it means; 2xx ones answer `produces`. */
  responses: Record<number, string>;
  /** Content type of the success answer; JSON unless said. */
  produces?: string;
}

const S = 'session' as const;
const P = 'public' as const;
const anyone = 'anyone';
const signedIn = 'signed in';
const coordinator = 'coordinator';

/** Documentation of the public comment form's fields; `server/public/submitComment.ts` checks them one by one. */
const publicCommentBody = z.object({
  name: z.string().min(1).max(PUBLIC_COMMENT_LIMITS.name),
  email: z.string().max(254).optional(),
  text: z.string().min(1).max(PUBLIC_COMMENT_LIMITS.text),
  milestoneId: z.string().max(100).optional(),
  token: z.string().min(1).describe('the form token of GET /api/public/form-token or of the public commitment'),
  website: z.string().max(0).optional().describe('honeypot: must stay empty'),
});

const publicCommentsQuery = z.object({ status: z.enum(PUBLIC_COMMENT_STATUSES).optional() });
const noteQuery = z.object({ note: z.string().max(500).optional() });
const refsQuery = z.object({
  from: z.string().describe('"live", "cycle:<cycleId>" or "snapshot:<snapshotId>"'),
  to: z.string().describe('"live", "cycle:<cycleId>" or "snapshot:<snapshotId>"'),
});
const commitmentsQuery = z.object({ plan: z.string().max(80).optional().describe('only the commitments of this plan') });

const immutableSnapshot = (method: Method, path: string): RouteDoc => ({
  method,
  path,
  feature: 'Review cycles and versions',
  summary: 'Refused: snapshots are immutable (no route changes or deletes one).',
  auth: S,
  who: signedIn,
  responses: { 405: 'always: `immutable`' },
});

const agency = { id: 'moj', zh: '法務部', en: 'Ministry of Justice' };

export const ROUTES: RouteDoc[] = [
  // ---- operations ---------------------------------------------------------------------------
  {
    method: 'GET', path: '/api/health', feature: 'Operations', auth: P, who: anyone,
    summary: 'Health of the store, Redis, recent writes and the integrity check.',
    responses: { 200: 'ok', 503: 'degraded: see which part' },
  },
  {
    method: 'GET', path: '/api/openapi.json', feature: 'Operations', auth: P, who: anyone,
    summary: 'This API description (OpenAPI 3.1).',
    responses: { 200: 'the description' },
  },
  {
    method: 'GET', path: '/api/docs', feature: 'Operations', auth: P, who: anyone,
    summary: 'The API reference page (HTML), built from the same description.',
    responses: { 200: 'the page' }, produces: 'text/html',
  },

  // ---- accounts -----------------------------------------------------------------------------
  {
    method: 'POST', path: '/api/auth/sign-in', feature: 'Accounts and sign-in', auth: P, who: anyone,
    summary: 'Signs in: answers the session token and sets the session cookie.',
    body: { name: 'SignIn', schema: signInBody, validatedBy: 'zod', example: { email: 'coordinator@demo.gongbi.tw', password: 'gongbi-demo-2021' } },
    responses: { 200: '{user, token, expiresAt}', 401: 'wrong e-mail or password', 429: 'too many failed attempts: wait (Retry-After)' },
  },
  {
    method: 'POST', path: '/api/auth/sign-out', feature: 'Accounts and sign-in', auth: S, who: signedIn,
    summary: 'Ends the session and closes its open sync sockets (4401), in every process.',
    responses: { 200: 'signed out' },
  },
  {
    method: 'GET', path: '/api/auth/me', feature: 'Accounts and sign-in', auth: S, who: signedIn,
    summary: 'The signed-in user.',
    responses: { 200: '{user}', 401: 'not signed in' },
  },
  {
    method: 'GET', path: '/api/auth/session', feature: 'Accounts and sign-in', auth: P, who: anyone,
    summary: 'The signed-in user, or null for an anonymous visitor (never a 401): what the app asks at start.',
    responses: { 200: '{user} (null when not signed in)' },
  },
  {
    method: 'POST', path: '/api/auth/password', feature: 'Accounts and sign-in', auth: S, who: signedIn,
    summary: "Sets one's own new password; the person's other sessions end.",
    body: { name: 'ChangePassword', schema: changePasswordBody, validatedBy: 'zod', example: { current: 'gongbi-demo-2021', password: 'a-longer-new-passphrase' } },
    responses: { 200: 'changed', 403: 'the current password is wrong' },
  },
  {
    method: 'GET', path: '/api/users', feature: 'Accounts and sign-in', auth: S, who: coordinator,
    summary: 'Every account, with e-mail and role.',
    responses: { 200: '{users}', 403: 'not a coordinator' },
  },
  {
    method: 'POST', path: '/api/invitations', feature: 'Accounts and sign-in', auth: S, who: coordinator,
    summary: 'Invites a person: answers a one-time link.',
    body: {
      name: 'Invitation', schema: invitationBody, validatedBy: 'zod',
      example: { email: 'lin@moj.gov.tw', role: 'agency_editor', affiliation: { kind: 'agency', id: 'moj', name: '法務部' }, commitments: [] },
    },
    responses: { 201: '{token, url, expiresAt}', 403: 'not a coordinator' },
  },
  {
    method: 'GET', path: '/api/invitations/:token', feature: 'Accounts and sign-in', auth: P, who: anyone,
    summary: 'What an invitation is for.',
    responses: { 200: '{invitation}', 404: 'unknown', 410: 'used or expired' },
  },
  {
    method: 'POST', path: '/api/invitations/:token/accept', feature: 'Accounts and sign-in', auth: P, who: anyone,
    summary: 'Accepts an invitation: creates the account and signs it in.',
    body: { name: 'AcceptInvitation', schema: acceptInvitationBody, validatedBy: 'zod', example: { name: '林怡君', password: 'a-long-passphrase-2026' } },
    responses: { 201: '{user, token, expiresAt}', 404: 'unknown', 410: 'used or expired' },
  },
  {
    method: 'POST', path: '/api/auth/password-reset', feature: 'Accounts and sign-in', auth: P, who: anyone,
    summary: 'Forgot password: mails a reset link when the address has an account (the answer is the same either way).',
    body: { name: 'PasswordResetRequest', schema: passwordResetRequestBody, validatedBy: 'zod', example: { email: 'lin@moj.gov.tw' } },
    responses: { 202: 'accepted', 503: '`mail_unavailable`: no SMTP server is configured' },
  },
  {
    method: 'POST', path: '/api/auth/password-reset/:token', feature: 'Accounts and sign-in', auth: P, who: anyone,
    summary: "Sets a new password with a reset link's token and ends the account's sessions.",
    body: { name: 'PasswordReset', schema: passwordResetBody, validatedBy: 'zod', example: { password: 'a-long-passphrase-2026' } },
    responses: { 200: 'changed', 410: 'the link is unknown, used or expired' },
  },
  {
    method: 'GET', path: '/api/people', feature: 'Accounts and sign-in', auth: S, who: signedIn,
    summary: 'Names and affiliations of the people, for mentions.',
    responses: { 200: '{people}' },
  },

  // ---- audit --------------------------------------------------------------------------------
  {
    method: 'GET', path: '/api/audit', feature: 'Audit trail', auth: S, who: coordinator, query: auditQuery,
    summary: 'The audit trail, newest first, filtered; `next` is the `before` of the next page.',
    responses: { 200: '{entries, next}', 400: 'a bad filter', 403: 'not a coordinator' },
  },
  {
    method: 'GET', path: '/api/audit.csv', feature: 'Audit trail', auth: S, who: coordinator, query: auditQuery,
    summary: 'The same entries as CSV (UTF-8 with BOM, at most 100,000 rows).',
    responses: { 200: 'CSV', 403: 'not a coordinator' }, produces: 'text/csv',
  },

  // ---- plans and commitments ------------------------------------------------------------------
  {
    method: 'GET', path: '/api/plans', feature: 'Plans and commitments', auth: S, who: signedIn,
    summary: 'Plans with their commitment counts.',
    responses: { 200: '{plans}' },
  },
  {
    method: 'POST', path: '/api/plans', feature: 'Plans and commitments', auth: S, who: coordinator,
    summary: 'Creates a plan.',
    body: {
      name: 'CreatePlan', schema: createPlanBody, validatedBy: 'zod',
      example: { slug: 'nap-2025', title: { zh: '第三期國家行動方案', en: 'Third National Action Plan' }, periodStart: '2025-01-01', periodEnd: '2028-12-31', domains: [{ id: 'open-data', name: { zh: '開放資料', en: 'Open data' } }] },
    },
    responses: { 201: '{plan}', 403: 'not a coordinator', 409: 'the slug is taken' },
  },
  {
    method: 'GET', path: '/api/plans/:planId', feature: 'Plans and commitments', auth: S, who: signedIn,
    summary: 'A plan (its ordered domains) and its commitment summaries.',
    responses: { 200: '{plan, commitments}', 404: 'unknown plan' },
  },
  {
    method: 'POST', path: '/api/plans/:planId/commitments', feature: 'Plans and commitments', auth: S, who: coordinator,
    summary: "Adds a commitment to a plan; the lead agency's id must be in the directory.",
    body: {
      name: 'CreateCommitment', schema: createCommitmentBody, validatedBy: 'zod',
      example: { slug: 'open-budget', domainId: 'open-data', number: '1', title: { zh: '預算透明', en: 'Budget transparency' }, leadAgency: { id: 'ndc', zh: '國家發展委員會', en: 'National Development Council' } },
    },
    responses: { 201: '{commitment}', 400: '`unknown_agency` and other invalid fields', 404: 'unknown plan' },
  },
  {
    method: 'GET', path: '/api/commitments', feature: 'Plans and commitments', auth: S, who: signedIn, query: commitmentsQuery,
    summary: 'Commitment summaries: id (the /sync/<id> document), number, title, lead agency, status, last edit, online count, milestone due dates and statuses.',
    responses: { 200: '{commitments}' },
  },
  {
    method: 'GET', path: '/api/commitments/:id', feature: 'Plans and commitments', auth: S, who: signedIn,
    summary: 'The structured rendering of a commitment and its summary.',
    responses: { 200: '{commitment, summary}', 404: 'unknown commitment' },
  },
  {
    method: 'PATCH', path: '/api/commitments/:id', feature: 'Plans and commitments', auth: S, who: 'writers of it',
    summary: 'Renames a commitment (a live edit every open editor sees).',
    body: { name: 'Rename', schema: renameBody, validatedBy: 'zod', example: { title: { zh: '預算透明化', en: 'Open budgets' } } },
    responses: { 200: '{commitment}', 403: 'not a writer of it' },
  },
  {
    method: 'GET', path: '/api/commitments/:id/history', feature: 'Plans and commitments', auth: S, who: signedIn,
    summary: 'Recorded events: lead-agency moves, co-agency changes, agency renames, with author and time.',
    responses: { 200: '{events}' },
  },

  // ---- agencies and rights --------------------------------------------------------------------
  {
    method: 'GET', path: '/api/agencies', feature: 'Agencies and rights', auth: S, who: signedIn,
    summary: 'The agency directory, by id.',
    responses: { 200: '{agencies}' },
  },
  {
    method: 'POST', path: '/api/agencies', feature: 'Agencies and rights', auth: S, who: coordinator,
    summary: 'Adds an agency to the directory.',
    body: { name: 'NewAgency', schema: newAgencyBody, validatedBy: 'zod', example: agency },
    responses: { 201: '{agency}', 409: 'the id exists' },
  },
  {
    method: 'PUT', path: '/api/agencies/:agencyId', feature: 'Agencies and rights', auth: S, who: coordinator,
    summary: 'Renames an agency; its id, and so every right, stays.',
    body: { name: 'AgencyNames', schema: agencyNamesBody, validatedBy: 'zod', example: { zh: '法務部', en: 'Ministry of Justice (MOJ)' } },
    responses: { 200: '{agency}', 404: 'unknown agency' },
  },
  {
    method: 'GET', path: '/api/commitments/:id/rights', feature: 'Agencies and rights', auth: S, who: signedIn,
    summary: 'The lead and co-implementing agencies as the server holds them.',
    responses: { 200: '{rights}' },
  },
  {
    method: 'PUT', path: '/api/commitments/:id/lead-agency', feature: 'Agencies and rights', auth: S, who: coordinator,
    summary: 'Moves a commitment to another lead agency of the directory (the note is required).',
    body: { name: 'MoveLead', schema: moveLeadBody, validatedBy: 'zod', example: { agencyId: 'moj', note: 'Agreed at the 3rd steering group meeting' } },
    responses: { 200: '{rights, commitment}', 403: 'not a coordinator' },
  },
  {
    method: 'POST', path: '/api/commitments/:id/lead-agency', feature: 'Agencies and rights', auth: S, who: coordinator,
    summary: 'The older form of the move: the agency given whole (its id must be in the directory).',
    body: { name: 'LegacyMoveLead', schema: legacyMoveBody, validatedBy: 'zod', example: { leadAgency: agency, note: '' } },
    responses: { 200: '{rights, commitment}', 403: 'not a coordinator' },
  },
  {
    method: 'PUT', path: '/api/commitments/:id/co-agencies', feature: 'Agencies and rights', auth: S, who: coordinator,
    summary: 'Replaces the co-implementing agencies (at most 50, none the lead).',
    body: { name: 'CoAgencies', schema: coAgenciesBody, validatedBy: 'zod', example: { agencyIds: ['moj'], note: '' } },
    responses: { 200: '{rights, commitment}' },
  },
  {
    method: 'POST', path: '/api/commitments/:id/co-agencies', feature: 'Agencies and rights', auth: S, who: coordinator,
    summary: 'Adds one co-implementing agency.',
    body: { name: 'CoAgency', schema: coAgencyBody, validatedBy: 'zod', example: { agencyId: 'moj' } },
    responses: { 200: '{rights, commitment}' },
  },
  {
    method: 'DELETE', path: '/api/commitments/:id/co-agencies/:agencyId', feature: 'Agencies and rights', auth: S, who: coordinator, query: noteQuery,
    summary: 'Removes one co-implementing agency.',
    responses: { 200: '{rights, commitment}', 404: 'it is not one' },
  },

  // ---- public site and comments ---------------------------------------------------------------
  {
    method: 'POST', path: '/api/cycles/:cycleId/publish', feature: 'Public site and comments', auth: S, who: coordinator,
    summary: "Makes a review cycle's snapshot the public version.",
    responses: { 200: 'published', 409: 'the cycle has no snapshot' },
  },
  {
    method: 'GET', path: '/api/public/plans', feature: 'Public site and comments', auth: P, who: anyone,
    summary: 'The published plans.',
    responses: { 200: '{plans}' },
  },
  {
    method: 'GET', path: '/api/public/plans/:planId', feature: 'Public site and comments', auth: P, who: anyone,
    summary: "A published plan, from its snapshot, with the timeline and each commitment's published milestone due dates and statuses.",
    responses: { 200: 'the plan', 404: 'not published' },
  },
  {
    method: 'GET', path: '/api/public/commitments/:id', feature: 'Public site and comments', auth: P, who: anyone,
    summary: 'A published commitment, its approved comments with answers, links both ways and a form token.',
    responses: { 200: 'the commitment', 404: 'not published' },
  },
  {
    method: 'GET', path: '/api/public/form-token', feature: 'Public site and comments', auth: P, who: anyone,
    summary: 'A fresh signed form token for the comment form.',
    responses: { 200: '{token}' },
  },
  {
    method: 'POST', path: '/api/public/commitments/:id/comments', feature: 'Public site and comments', auth: P, who: anyone,
    summary: 'Sends a public comment; it is shown once moderated.',
    body: {
      name: 'PublicComment', schema: publicCommentBody, validatedBy: 'service',
      example: { name: '王小明', text: '建議公開預算執行的季報。', token: '<form token>', website: '' },
    },
    responses: { 202: '{comment: {id, status: pending}, message}', 400: 'a field to fix', 413: 'far too long', 429: 'too many comments from this address (Retry-After)' },
  },
  {
    method: 'GET', path: '/api/plans/:planId/public-comments', feature: 'Public site and comments', auth: S, who: 'coordinator, editors', query: publicCommentsQuery,
    summary: 'The moderation queue of a plan.',
    responses: { 200: '{comments}' },
  },
  {
    method: 'GET', path: '/api/plans/:planId/public-comments.csv', feature: 'Public site and comments', auth: S, who: 'coordinator, editors',
    summary: 'Public comments and their answers as CSV (UTF-8 with BOM).',
    responses: { 200: 'CSV' }, produces: 'text/csv',
  },
  {
    method: 'POST', path: '/api/public-comments/:id/moderate', feature: 'Public site and comments', auth: S, who: 'coordinator, writers of it',
    summary: 'Approves or rejects a public comment.',
    body: { name: 'Moderate', schema: moderateBody, validatedBy: 'zod', example: { decision: 'approve' } },
    responses: { 200: '{comment}', 403: 'not allowed' },
  },
  {
    method: 'POST', path: '/api/public-comments/:id/response', feature: 'Public site and comments', auth: S, who: 'coordinator, writers of it',
    summary: "Answers a public comment on the record.",
    body: { name: 'CommentResponse', schema: responseBody, validatedBy: 'zod', example: { text: '感謝建議，將於下次會議討論。' } },
    responses: { 200: '{comment}', 403: 'not allowed' },
  },
  {
    method: 'GET', path: '/api/plans/:planId/timeline', feature: 'Public site and comments', auth: S, who: signedIn,
    summary: 'Review meetings, snapshots and milestone due dates, by date.',
    responses: { 200: '{events}' },
  },
  {
    method: 'GET', path: '/api/commitments/:id/links', feature: 'Public site and comments', auth: S, who: signedIn,
    summary: 'Cross-links of a commitment, outgoing and incoming.',
    responses: { 200: '{outgoing, incoming}' },
  },
  {
    method: 'POST', path: '/api/commitments/:id/links', feature: 'Public site and comments', auth: S, who: 'writers of the source',
    summary: 'Links to another commitment, shown on both.',
    body: { name: 'Link', schema: linkBody, validatedBy: 'zod', example: { to: 'c-03-privacy', note: 'see how #3 did it' } },
    responses: { 201: 'the links (created)', 200: 'the links (it existed)' },
  },
  {
    method: 'DELETE', path: '/api/commitments/:id/links/:to', feature: 'Public site and comments', auth: S, who: 'writers of the source',
    summary: 'Removes a cross-link.',
    responses: { 200: 'the links' },
  },

  // ---- review cycles and versions -------------------------------------------------------------
  {
    method: 'GET', path: '/api/plans/:planId/cycles', feature: 'Review cycles and versions', auth: S, who: signedIn,
    summary: "A plan's review cycles.",
    responses: { 200: '{cycles}' },
  },
  {
    method: 'POST', path: '/api/plans/:planId/cycles', feature: 'Review cycles and versions', auth: S, who: coordinator,
    summary: 'Creates a review cycle (a meeting).',
    body: { name: 'CreateCycle', schema: createCycleBody, validatedBy: 'zod', example: { label: '第3次推動小組會議', meetingDate: '2026-04-30', notes: '', labelEn: '3rd steering group meeting', notesEn: '' } },
    responses: { 201: '{cycle}' },
  },
  {
    method: 'GET', path: '/api/cycles/:cycleId', feature: 'Review cycles and versions', auth: S, who: signedIn,
    summary: 'One review cycle.',
    responses: { 200: '{cycle}', 404: 'unknown cycle' },
  },
  {
    method: 'POST', path: '/api/cycles/:cycleId/snapshot', feature: 'Review cycles and versions', auth: S, who: coordinator,
    summary: 'Freezes the plan and every commitment for the cycle.',
    responses: { 201: '{cycle, snapshots}', 409: 'already taken' },
  },
  {
    method: 'GET', path: '/api/cycles/:cycleId/snapshots', feature: 'Review cycles and versions', auth: S, who: signedIn,
    summary: "A cycle's snapshots with seq and hash.",
    responses: { 200: '{snapshots}' },
  },
  {
    method: 'GET', path: '/api/commitments/:id/versions', feature: 'Review cycles and versions', auth: S, who: signedIn,
    summary: "A commitment's snapshots and checkpoints, newest first.",
    responses: { 200: '{versions}' },
  },
  {
    method: 'GET', path: '/api/snapshots/:id', feature: 'Review cycles and versions', auth: S, who: signedIn,
    summary: 'A snapshot, its hash and its frozen rendering.',
    responses: { 200: '{snapshot, hash, rendering}', 404: 'unknown snapshot' },
  },
  {
    method: 'GET', path: '/api/snapshots/:id/state', feature: 'Review cycles and versions', auth: S, who: signedIn,
    summary: 'The frozen Yjs state, for opening the version read-only in an editor.',
    responses: { 200: 'the Yjs update' }, produces: 'application/octet-stream',
  },
  {
    method: 'GET', path: '/api/snapshots/:id/verify', feature: 'Review cycles and versions', auth: S, who: signedIn,
    summary: 'Recomputes the hash from the stored JSON and from the re-rendered Yjs state.',
    responses: { 200: 'the verdict' },
  },
  ...(['PUT', 'PATCH', 'DELETE'] as const).flatMap((m) => [immutableSnapshot(m, '/api/snapshots/:id'), immutableSnapshot(m, '/api/snapshots/:id/*')]),
  {
    method: 'GET', path: '/api/commitments/:id/diff', feature: 'Review cycles and versions', auth: S, who: signedIn, query: refsQuery,
    summary: 'The field-by-field diff between two versions, with the author of each change.',
    responses: { 200: 'the diff', 404: 'unknown version' },
  },
  {
    method: 'GET', path: '/api/plans/:planId/diff', feature: 'Review cycles and versions', auth: S, who: signedIn, query: refsQuery,
    summary: 'Per-commitment diffs of a plan, added and removed commitments, totals.',
    responses: { 200: 'the diff', 404: 'unknown version' },
  },
  {
    method: 'POST', path: '/api/commitments/:id/restore-section', feature: 'Review cycles and versions', auth: S, who: 'writers of it',
    summary: 'Restores one section from an older version, as a forward edit on the live text.',
    body: { name: 'RestoreSection', schema: restoreSectionBody, validatedBy: 'zod', example: { from: 'cycle:cy_3', section: 'content', lang: 'zh' } },
    responses: { 200: '{restored, checkpoint}', 404: 'unknown version' },
  },

  // ---- contributions and suggestions ----------------------------------------------------------
  {
    method: 'GET', path: '/api/commitments/:id/contributions', feature: 'Contributions and suggestions', auth: S, who: signedIn, query: seqQuery,
    summary: 'Characters added and removed and milestones written, per person and per affiliation kind.',
    responses: { 200: 'the figures' },
  },
  {
    method: 'GET', path: '/api/plans/:planId/contributions', feature: 'Contributions and suggestions', auth: S, who: signedIn,
    summary: 'The same figures for every commitment of a plan, with totals.',
    responses: { 200: 'the figures' },
  },
  {
    method: 'GET', path: '/api/commitments/:id/suggestions', feature: 'Contributions and suggestions', auth: S, who: signedIn, query: suggestionListQuery,
    summary: 'Suggestions on a commitment with their status and decision; counts per status.',
    responses: { 200: '{commitmentId, suggestions, counts}' },
  },
  {
    method: 'POST', path: '/api/commitments/:id/suggestions', feature: 'Contributions and suggestions', auth: S, who: signedIn,
    summary: 'Suggests a new value for a field: plain `text`, or `rich` (the editor JSON) for a section.',
    body: { name: 'NewSuggestion', schema: newSuggestionBody, validatedBy: 'zod', example: { field: 'partners', lang: 'zh', text: '台灣公民參與協會' } },
    responses: { 201: 'the suggestion', 413: 'the text is over the limit' },
  },
  {
    method: 'GET', path: '/api/suggestions/:sid', feature: 'Contributions and suggestions', auth: S, who: signedIn,
    summary: 'One suggestion.',
    responses: { 200: 'the suggestion', 404: 'unknown suggestion' },
  },
  {
    method: 'POST', path: '/api/suggestions/:sid/accept', feature: 'Contributions and suggestions', auth: S, who: 'writers of the field',
    summary: 'Accepts a suggestion: applies it to the live text (the body may be empty).',
    body: { name: 'AcceptSuggestion', schema: acceptBody, validatedBy: 'zod', example: { reason: 'Agreed at the meeting' } },
    responses: { 200: 'the suggestion', 409: '`suggestion_conflict`: the field changed since; `already_decided`' },
  },
  {
    method: 'POST', path: '/api/suggestions/:sid/decline', feature: 'Contributions and suggestions', auth: S, who: 'writers of the field',
    summary: 'Declines a suggestion, with the reason on the record.',
    body: { name: 'DeclineSuggestion', schema: declineBody, validatedBy: 'zod', example: { reason: 'Out of the scope of this commitment' } },
    responses: { 200: 'the suggestion', 409: '`already_decided`' },
  },
  {
    method: 'GET', path: '/api/plans/:planId/suggestion-counts', feature: 'Contributions and suggestions', auth: S, who: signedIn,
    summary: 'Open, accepted and declined suggestions per commitment of a plan.',
    responses: { 200: '{planId, counts}' },
  },
  {
    method: 'GET', path: '/api/suggestion-figures', feature: 'Contributions and suggestions', auth: S, who: signedIn, query: suggestionFiguresQuery as unknown as z.ZodObject,
    summary: 'Suggestions made, accepted and declined by affiliation kind and by person, in a period.',
    responses: { 200: '{byAffiliation, byPerson}', 400: 'give either plan or commitment' },
  },
  {
    method: 'GET', path: '/api/plans/:planId/suggestions.csv', feature: 'Contributions and suggestions', auth: S, who: signedIn,
    summary: 'Every suggestion of a plan with status, decider and reason, as CSV.',
    responses: { 200: 'CSV' }, produces: 'text/csv',
  },

  // ---- exports ------------------------------------------------------------------------------
  {
    method: 'GET', path: '/api/plans/:planId/export.:format', feature: 'Exports', auth: S, who: signedIn, query: exportQuery,
    summary: 'Exports a plan (or one domain or commitment) in a version and language.',
    params: { format: { description: 'the file format', values: Object.keys(FORMATS) } },
    responses: { 200: 'the file', 400: 'a bad parameter', 501: 'LibreOffice or Chromium is missing for this format', 503: '`pdf_busy`' },
    produces: 'application/octet-stream',
  },
  {
    method: 'GET', path: '/api/plans/:planId/redline.:format', feature: 'Exports', auth: S, who: signedIn, query: redlineQuery,
    summary: 'The changes between two versions as a redline (修正對照表 with layout=table).',
    params: { format: { description: 'the file format', values: Object.keys(REDLINE_FORMATS) } },
    responses: { 200: 'the file', 400: 'a bad parameter', 501: 'LibreOffice or Chromium is missing for this format' },
    produces: 'application/octet-stream',
  },

  // ---- import -------------------------------------------------------------------------------
  {
    method: 'POST', path: '/api/plans/:planId/import/preview', feature: 'Import', auth: S, who: signedIn, query: importQuery,
    summary: 'Reads a DOCX or Markdown commitment table and answers what an import would do, writing nothing: each commitment found with its recognised fields, what matched no field, warnings, whether it would be created or update the commitment with its number (or `?commitment=`), whether you may, and for an update the field diff.',
    fileBody: { contentTypes: Object.values(IMPORT_CONTENT_TYPES), description: 'the file itself, at most GONGBI_MAX_BODY_BYTES (1 MiB by default)' },
    responses: { 200: '{planId, format, commitments, warnings}', 400: 'not a DOCX, damaged, entities declared, nested too deep, not UTF-8, more than one commitment with `?commitment=`', 404: 'unknown plan or commitment', 413: 'the file is over the body limit, or unpacks to more than 50 MiB', 415: '`unsupported_import_format`: neither DOCX nor Markdown (the message is in both languages)', 422: '`nothing_recognised`: no commitment table in the file' },
  },
  {
    method: 'POST', path: '/api/plans/:planId/import', feature: 'Import', auth: S, who: 'coordinator (new commitments); writers of it (an update of an existing one)', query: importQuery,
    summary: 'Imports the file: new commitments are created; an existing one (matched by number, or `?commitment=`) gets a forward edit in the file\'s language, attributed to you, after an automatic checkpoint. Agencies of an existing commitment are not changed. All or nothing: one commitment you may not import refuses the file.',
    fileBody: { contentTypes: Object.values(IMPORT_CONTENT_TYPES), description: 'the file itself, at most GONGBI_MAX_BODY_BYTES (1 MiB by default)' },
    responses: { 200: '{planId, results: [{number, action, commitmentId, checkpointId}], warnings}', 400: 'as the preview', 403: '`import_forbidden`: a commitment you may not create or edit (nothing was imported)', 404: 'unknown plan or commitment', 413: 'too large', 415: '`unsupported_import_format`', 422: '`nothing_recognised`' },
  },

  // ---- search -------------------------------------------------------------------------------
  {
    method: 'GET', path: '/api/search', feature: 'Search', auth: S, who: 'signed in (results only from commitments they may read)', query: searchQuery as unknown as z.ZodObject,
    summary: 'Full-text search over the live text of commitments, in both content languages; `plan` narrows it to one plan.',
    responses: { 200: '{query, results}: each result names the commitment, the field and a snippet around the match', 400: 'the query is empty, too long, or limit is not 1–50' },
  },
  {
    method: 'GET', path: '/api/public/search', feature: 'Search', auth: P, who: anyone, query: searchQuery as unknown as z.ZodObject,
    summary: 'The same search over the published text of published plans only (what the public site shows).',
    responses: { 200: '{query, results}', 400: 'the query is empty, too long, or limit is not 1–50' },
  },

  // ---- notifications ------------------------------------------------------------------------
  {
    method: 'GET', path: '/api/notifications', feature: 'Notifications', auth: S, who: signedIn, query: notificationsQuery,
    summary: 'My notifications, newest first, with the count of unread ones. Reminders (`milestone_due`, `milestone_overdue`, `review_meeting`) carry their date in `due`.',
    responses: { 200: '{notifications, unread}', 400: 'limit is not 1–200' },
  },
  {
    method: 'POST', path: '/api/notifications/read', feature: 'Notifications', auth: S, who: signedIn,
    summary: 'Marks some of my notifications (`ids`) or all of them (`all: true`) as read.',
    body: { name: 'ReadNotifications', schema: readBodySchema, validatedBy: 'zod', example: { ids: ['nt_1', 'nt_2'] } },
    responses: { 200: '{marked, unread}' },
  },
  {
    method: 'GET', path: '/api/notifications/settings', feature: 'Notifications', auth: S, who: signedIn,
    summary: 'Whether I get each notification by e-mail too, and in which language.',
    responses: { 200: '{email, lang}' },
  },
  {
    method: 'PUT', path: '/api/notifications/settings', feature: 'Notifications', auth: S, who: signedIn,
    summary: 'Turns e-mail on or off for me and sets its language.',
    body: { name: 'NotificationSettings', schema: settingsBody, validatedBy: 'zod', example: { email: true, lang: 'zh' } },
    responses: { 200: '{email, lang}' },
  },
];
