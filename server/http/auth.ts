/** Sign-in, sign-out, the current user, invitations and the user list. */
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { acceptInvitationBody, invitationBody, signInBody } from '../../shared/protocol/auth.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { type AuthEnv, forbidden, requireUser } from '../auth/middleware.js';
import { canDo } from '../auth/permissions.js';
import { SignInLimiter } from '../auth/rateLimit.js';
import { SESSION_COOKIE, type Sessions } from '../auth/sessions.js';
import type { AccountStore } from '../storage/types.js';
import { clientAddress, type TrustedProxies } from './clientAddress.js';
import { readBody } from './validate.js';

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

export function authRoutes(deps: { sessions: Sessions; accounts: AccountStore; config: Config; trustedProxies: TrustedProxies }): Hono<AuthEnv> {
  const { sessions, accounts, config, trustedProxies } = deps;
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
    if (!result) {
      reserved.attempt.failed();
      throw new AppError(401, 'bad_credentials', 'The e-mail address or the password is wrong.');
    }
    reserved.attempt.succeeded();
    setSessionCookie(c, result.token, result.expiresAt);
    return c.json(result);
  });

  api.post('/auth/sign-out', async (c) => {
    const token = c.get('token');
    if (token) await sessions.signOut(token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  api.get('/auth/me', (c) => c.json({ user: requireUser(c) }));

  api.get('/users', async (c) => {
    if (!canDo(requireUser(c), 'manage_users')) throw forbidden('list accounts');
    return c.json({ users: await accounts.listUsers() });
  });

  api.post('/invitations', async (c) => {
    const user = requireUser(c);
    if (!canDo(user, 'invite')) throw forbidden('invite people');
    const body = await readBody(c, invitationBody);
    const { token, expiresAt } = await sessions.invite({ ...body, createdBy: user.id });
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
    setSessionCookie(c, result.token, result.expiresAt);
    return c.json(result, 201);
  });

  return api;
}
