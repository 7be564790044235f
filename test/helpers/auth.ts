/**
 * The demo accounts as the seed makes them (never re-declared here), and signing one in over
 * HTTP as a script would (README: "Signing in from a script").
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/seed/demoAccounts.js';

export { DEMO_PASSWORD };

/** A seeded demo account by its role: its e-mail and display name. */
export function demoAccount(role: (typeof DEMO_ACCOUNTS)[number]['role']): { email: string; name: string } {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`the seed has no demo ${role}`);
  return { email: account.email, name: account.name };
}

/** The demo accounts' e-mails by the short names tests use. */
export const DEMO = {
  coordinator: demoAccount('coordinator').email,
  agency: demoAccount('agency_editor').email,
  civil: demoAccount('civil_editor').email,
  translator: demoAccount('translator').email,
  viewer: demoAccount('viewer').email,
} as const;

type Fetcher = (path: string, init: RequestInit) => Response | Promise<Response>;

/** Returns the session token of a demo account; `fetcher` is `fetch` on a base URL or `app.request`. */
export async function signIn(fetcher: Fetcher, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetcher('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export const over = (baseUrl: string): Fetcher => (path, init) => fetch(baseUrl + path, init);
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
