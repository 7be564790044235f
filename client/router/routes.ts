/** The app's URLs: stable and shareable, so a commitment link can be pasted into a meeting chat. */

export type Route =
  | { name: 'plan'; planId: string | null }
  | { name: 'commitment'; commitmentId: string }
  | { name: 'notFound' };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'plan', planId: null };
  let m = /^\/plans\/([^/]+)$/.exec(path);
  if (m) return { name: 'plan', planId: decodeURIComponent(m[1]!) };
  m = /^\/c\/([^/]+)$/.exec(path);
  if (m) return { name: 'commitment', commitmentId: decodeURIComponent(m[1]!) };
  return { name: 'notFound' };
}

export const planPath = (planId: string) => `/plans/${encodeURIComponent(planId)}`;
export const commitmentPath = (id: string) => `/c/${encodeURIComponent(id)}`;
