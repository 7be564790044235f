/**
 * The one signed-in request helper of the API tests: `caller(server, tokens)` gives
 * `call(who, method, path, body?, { type, ip })` answering status, headers, the raw bytes, the
 * text (a byte-order mark kept, so CSV tests can see it) and the parsed JSON (null when not JSON).
 * Over the real port by default (with the server's own Origin, as the app sends it); `via: 'app'`
 * goes through `app.request` instead, where a test sets the caller's address (`ip`).
 */
import { DEMO, bearer, over, signIn } from './auth.js';
import type { TestServer } from './server.js';

export type Who = keyof typeof DEMO;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  bytes: Uint8Array;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** `type` overrides the content type (JSON for any body but bytes); `ip` is the caller's address (`via: 'app'` only). */
export interface CallOptions {
  type?: string;
  ip?: string;
}

export type Call = (who: Who | null, method: string, path: string, body?: unknown, opts?: CallOptions) => Promise<Reply>;

/** Every demo account's session token on `server`. */
export async function signInAll(server: Pick<TestServer, 'url'>): Promise<Record<Who, string>> {
  const tokens = {} as Record<Who, string>;
  for (const who of Object.keys(DEMO) as Who[]) tokens[who] = await signIn(over(server.url), DEMO[who]);
  return tokens;
}

/** Requests as a demo account (`who`, its token from `tokens`) or, with `who` null, as the public. */
export function caller(server: Pick<TestServer, 'url' | 'gongbi'>, tokens: Partial<Record<Who, string>>, how: { via?: 'http' | 'app' } = {}): Call {
  return async (who, method, path, body, opts = {}) => {
    const payload = body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    const viaApp = how.via === 'app';
    const type = opts.type ?? (viaApp || (body !== undefined && !(body instanceof Uint8Array)) ? 'application/json' : undefined);
    const headers: Record<string, string> = { ...(type ? { 'content-type': type } : {}), ...(who ? bearer(tokens[who] ?? '') : {}), ...(viaApp ? {} : { origin: server.url }) };
    const init = { method, headers, body: payload as BodyInit | undefined };
    const res = viaApp
      ? await server.gongbi.app.request(path, init, { incoming: { socket: { remoteAddress: opts.ip ?? '203.0.113.1' } } })
      : await fetch(server.url + path, init);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* CSV, Markdown or a file: read `text` or `bytes` */
    }
    return { status: res.status, headers: res.headers, text, bytes, body: json };
  };
}
