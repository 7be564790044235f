/**
 * HTTP hygiene for every answer (Hono's secure-headers): no sniffing, no framing, referrers
 * only to this origin, HSTS on https; and the app page's Content-Security-Policy, which
 * allows scripts from this origin plus the inline start-up script of index.html by its hash.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** Two years, the HSTS preload list's minimum. */
const HSTS = 'max-age=63072000; includeSubDomains';

export function securityHeaders(): MiddlewareHandler {
  const common = secureHeaders({
    // Set per page (the app's HTML) by `appPolicy`; the API answers JSON that runs nothing.
    contentSecurityPolicy: undefined,
    strictTransportSecurity: false,
    xFrameOptions: 'DENY',
    // Not "no-referrer": that makes browsers send `Origin: null` on same-origin POSTs, which
    // the same-origin check of writes would (rightly) refuse. Other origins get nothing.
    referrerPolicy: 'same-origin',
  });
  return async (c, next) => {
    await common(c, next);
    const https = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
    if (https) c.header('Strict-Transport-Security', HSTS);
  };
}

/** `'sha256-…'` of every inline `<script>` (one without `src`) in the page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1] ?? '')) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2] ?? '', 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * The app page's policy. Styles allow 'unsafe-inline': the editor (TipTap) inserts its own
 * <style> element; scripts, the part that matters against injection, do not.
 */
export function appPolicy(html: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(html).join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' covers ws: and wss: of this host in CSP level 3.
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
