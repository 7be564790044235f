/** Signs in a demo account over HTTP, as a script would (README: "Signing in from a script"). */
import { DEMO_PASSWORD } from '../../server/seed/demoAccounts.js';

export const DEMO = {
  coordinator: 'coordinator@demo.gongbi.tw',
  agency: 'agency@demo.gongbi.tw',
  civil: 'civil@demo.gongbi.tw',
  translator: 'translator@demo.gongbi.tw',
  viewer: 'viewer@demo.gongbi.tw',
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
