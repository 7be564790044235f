/** The address a request came from, for the public comment flood limit. */
import type { Context } from 'hono';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The socket's peer address. Behind a reverse proxy on the same host (the peer is loopback),
 * the proxy's `X-Forwarded-For` names the visitor: its last entry is the one the proxy added.
 * From anywhere else the header is ignored, since a visitor could write anything in it.
 */
export function remoteAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress ?? 'local';
  const forwarded = c.req.header('x-forwarded-for');
  if (forwarded && LOOPBACK.test(peer)) return forwarded.split(',').pop()!.trim() || peer;
  return peer;
}
