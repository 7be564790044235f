/** Sign-in, sign-out, the current user, invitations and the user list. */
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { acceptInvitationBody, changePasswordBody, invitationBody, passwordResetBody, passwordResetRequestBody, signInBody } from '../../shared/protocol/auth.js';
import type { PasswordResets } from './passwordReset.js';
import type { Audit } from '../audit/audit.js';
import { requestAddress } from '../audit/httpActions.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { type AuthEnv, forbidden, requireUser } from '../auth/middleware.js';
import { canDo } from '../auth/permissions.js';
import { SignInLimiter } from '../auth/rateLimit.js';
import { SESSION_COOKIE, type Sessions } from '../auth/sessions.js';
import { clientAddress, type TrustedProxies } from '../http/clientAddress.js';
import { readBody } from '../http/validate.js';

const INVITATION_PROBLEMS = {
  unknown: new AppError(404, 'invitation_unknown', 'This invitation link is not valid. Check that you copied all of it, or ask for a new one.'),
  used: new AppError(410, 'invitation_used', 'This invitation has already been used. Sign in with the account it created, or ask for a new one.'),
  expired: new AppError(410, 'invitation_expired', 'This invitation has expired. Ask the coordinator for a new one.'),
  exists: new AppError(409, 'account_exists', 'An account with this e-mail address already exists. Sign in instead.'),
};

/** "12 seconds" or "3 minutes": how long to wait, in words a person reads. */
function waitWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

function isSecure(c: Context, setting: Config['cookieSecure']): boolean {
  if (setting !== 'auto') return setting === 'always';
  const url = new URL(c.req.url);
  if (url.protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https') return true;
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export interface AuthRouteDeps {
  sessions: Sessions;
  /** Closes the open sockets of sessions deleted in the store (here and in every process). */
  endSession(tokenHash: string): Promise<void>;
  config: Config;
  audit: Audit;
  resets: PasswordResets;
  /** Peers whose X-Forwarded-For is believed (GONGBI_TRUSTED_PROXIES). */
  trustedProxies: TrustedProxies;
}

export function authRoutes(deps: AuthRouteDeps): Hono<AuthEnv> {
  const { sessions, config, audit, resets, endSession, trustedProxies } = deps;
  const api = new Hono<AuthEnv>();
  const limiter = new SignInLimiter({
    freeFailures: config.signInAttempts,
    baseDelayMs: 1000,
    maxDelayMs: 15 * 60_000,
    // One office can share an address, and one account can be guessed from many.
    perAddress: config.signInAttempts * 20,
    perAccount: config.signInAttempts * 20,
    windowMs: 15 * 60_000,
    knownForMs: config.sessionHours * 3600_000,
  });

  const setSessionCookie = (c: Context, token: string, expiresAt: number) =>
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      secure: isSecure(c, config.cookieSecure),
      sameSite: 'Lax',
      path: '/',
      expires: new Date(expiresAt),
    });

  api.post('/auth/sign-in', async (c) => {
    const { email, password } = await readBody(c, signInBody);
    // Reserved before the hash is computed: parallel guesses are counted as they arrive.
    const reserved = limiter.reserve(email.toLowerCase(), clientAddress(c, trustedProxies));
    if ('retryAfterSeconds' in reserved) {
      const wait = reserved.retryAfterSeconds;
      c.header('Retry-After', String(wait));
      throw new AppError(429, 'rate_limited', `Too many failed sign-in attempts. Wait ${waitWords(wait)} and try again.`);
    }
    let result: Awaited<ReturnType<Sessions['signIn']>>;
    try {
      result = await sessions.signIn(email, password);
    } catch (err) {
      // The store failed, not the password: the attempt is given back.
      reserved.attempt.abandoned();
      throw err;
    }
    const address = requestAddress(c);
    if ('problem' in result) {
      reserved.attempt.failed();
      const failed = { userId: '', name: 'not signed in', affiliation: '' };
      await audit.record({ actor: failed, action: 'sign_in_failed', target: email, details: { reason: result.problem }, address });
      if (result.problem === 'disabled') throw new AppError(403, 'account_disabled', 'This account has been disabled. Ask a coordinator or the administrator if you need it again.');
      throw new AppError(401, 'bad_credentials', 'The e-mail address or the password is wrong.');
    }
    reserved.attempt.succeeded();
    await audit.record({ actor: result.user, action: 'sign_in', target: result.user.email, address });
    setSessionCookie(c, result.token, result.expiresAt);
    return c.json(result);
  });

  api.post('/auth/sign-out', async (c) => {
    const token = c.get('token');
    const user = c.get('user');
    if (token) await sessions.signOut(token);
    if (user) await audit.record({ actor: user, action: 'sign_out', target: user.email, address: requestAddress(c) });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  api.get('/auth/me', (c) => c.json({ user: requireUser(c) }));
  // The app's question at start, "who is this, if anyone?": an anonymous visitor is an answer,
  // not an error, so it is a 200 (a 401 here was logged in every visitor's console).
  api.get('/auth/session', (c) => c.json({ user: c.get('user') }));

  // One's own new password (after a one-time password from an administrator, say).
  api.post('/auth/password', async (c) => {
    const user = requireUser(c);
    const { current, password } = await readBody(c, changePasswordBody);
    // Limited like sign-in: a stolen session must not become a way to guess the password.
    const reserved = limiter.reserve(user.email.toLowerCase(), clientAddress(c, trustedProxies));
    if ('retryAfterSeconds' in reserved) {
      c.header('Retry-After', String(reserved.retryAfterSeconds));
      throw new AppError(429, 'rate_limited', `Too many wrong passwords. Wait ${waitWords(reserved.retryAfterSeconds)} and try again.`);
    }
    let changed: Awaited<ReturnType<Sessions['changePassword']>>;
    try {
      changed = await sessions.changePassword(user, c.get('session')!.tokenHash, current, password);
    } catch (err) {
      reserved.attempt.abandoned();
      throw err;
    }
    const { ok, ended } = changed;
    if (!ok) {
      reserved.attempt.failed();
      throw new AppError(403, 'bad_credentials', 'The current password is wrong.');
    }
    reserved.attempt.succeeded();
    for (const tokenHash of ended) await endSession(tokenHash);
    await audit.record({ actor: user, action: 'password_reset', target: user.email, details: { by: 'the person', sessionsEnded: ended.length }, address: requestAddress(c) });
    return c.json({ ok: true, sessionsEnded: ended.length });
  });

  api.get('/users', async (c) => {
    if (!canDo(requireUser(c), 'manage_users')) throw forbidden('list accounts');
    return c.json({ users: await sessions.listUsers() });
  });

  api.post('/invitations', async (c) => {
    const user = requireUser(c);
    if (!canDo(user, 'invite')) throw forbidden('invite people');
    const body = await readBody(c, invitationBody);
    const { token, expiresAt } = await sessions.invite({ ...body, createdBy: user.id });
    await audit.record({ actor: user, action: 'invitation_created', target: body.email, details: { role: body.role, affiliation: body.affiliation.id, commitments: body.commitments }, address: requestAddress(c) });
    return c.json({ token, url: `/invite/${token}`, expiresAt }, 201);
  });

  api.get('/invitations/:token', async (c) => {
    const checked = await sessions.checkInvitation(c.req.param('token'));
    if ('problem' in checked) throw INVITATION_PROBLEMS[checked.problem];
    const { email, role, affiliation, expiresAt } = checked.invitation;
    return c.json({ email, role, affiliation, expiresAt });
  });

  api.post('/invitations/:token/accept', async (c) => {
    const { name, password } = await readBody(c, acceptInvitationBody);
    const result = await sessions.acceptInvitation(c.req.param('token'), name, password);
    if ('problem' in result) throw INVITATION_PROBLEMS[result.problem];
    await audit.record({ actor: result.user, action: 'invitation_accepted', target: result.user.email, details: { role: result.user.role }, address: requestAddress(c) });
    setSessionCookie(c, result.token, result.expiresAt);
    return c.json(result, 201);
  });

  // "Forgot password". The answer is the same whether or not the address has an account.
  api.post('/auth/password-reset', async (c) => {
    const { email } = await readBody(c, passwordResetRequestBody);
    if (!resets.available) {
      throw new AppError(503, 'mail_unavailable', 'This server sends no e-mail, so it cannot send a reset link. Ask a coordinator or the administrator to reset your password.');
    }
    // Each request may send a mail: counted as a failure, so one address and one account get a bounded number.
    const reserved = limiter.reserve(`reset:${email.toLowerCase()}`, clientAddress(c, trustedProxies));
    if ('retryAfterSeconds' in reserved) {
      c.header('Retry-After', String(reserved.retryAfterSeconds));
      throw new AppError(429, 'rate_limited', `Too many reset requests. Wait ${waitWords(reserved.retryAfterSeconds)} and try again.`);
    }
    reserved.attempt.failed();
    await resets.request(email, config.publicOrigin || new URL(c.req.url).origin, requestAddress(c));
    return c.json({ ok: true, message: 'If this address has an account, a link to choose a new password is on its way.' }, 202);
  });

  api.post('/auth/password-reset/:token', async (c) => {
    const { password } = await readBody(c, passwordResetBody);
    if (!(await resets.complete(c.req.param('token'), password, requestAddress(c)))) {
      throw new AppError(410, 'reset_link_invalid', 'This link has expired or was already used. Ask for a new one from the sign-in page.');
    }
    return c.json({ ok: true });
  });

  return api;
}
