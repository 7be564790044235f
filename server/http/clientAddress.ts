/**
 * The address a request came from, for the per-address limits (sign-in, public comments).
 * `X-Forwarded-For` is read only when the socket's peer is a proxy the operator named in
 * `GONGBI_TRUSTED_PROXIES`: from anyone else the header is ignored, since a visitor can write
 * anything in it, and trusting it would let one visitor pose as many (or as everyone).
 */
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is the IPv4 address it wraps. */
function plain(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/** Checks one `GONGBI_TRUSTED_PROXIES` entry: an IP address or a CIDR range. Returns a problem or null. */
export function proxyEntryProblem(entry: string): string | null {
  const [ip, bits, extra] = entry.split('/');
  const family = isIP(plain(ip ?? ''));
  if (!family || extra !== undefined) return `"${entry}" is not an IP address or a CIDR range such as 10.0.0.0/8`;
  if (bits !== undefined && (!/^\d{1,3}$/.test(bits) || Number(bits) > (family === 4 ? 32 : 128))) return `"${entry}" has a bad prefix length`;
  return null;
}

export class TrustedProxies {
  private readonly list = new BlockList();
  readonly empty: boolean;

  /** `entries` were checked by the configuration (proxyEntryProblem). */
  constructor(entries: readonly string[]) {
    this.empty = entries.length === 0;
    for (const entry of entries) {
      const [ip, bits] = entry.split('/') as [string, string | undefined];
      const address = plain(ip);
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(bits), type);
    }
  }

  has(address: string): boolean {
    if (this.empty) return false;
    const a = plain(address);
    const family = isIP(a);
    return family !== 0 && this.list.check(a, family === 6 ? 'ipv6' : 'ipv4');
  }

  /**
   * The client behind a chain of trusted proxies: walking `X-Forwarded-For` from its end (the
   * entry our proxy added), each hop is believed only while the one that reported it is
   * trusted. A malformed entry stops the walk at the proxy that passed it on.
   */
  resolve(peer: string, forwardedFor: string | undefined): string {
    let address = plain(peer);
    if (!forwardedFor || !this.has(address)) return address;
    const hops = forwardedFor.split(',').map((h) => h.trim()).slice(-32);
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      if (!this.has(address)) break;
      const hop = plain(hops[i]!);
      if (!isIP(hop)) break;
      address = hop;
    }
    return address;
  }
}

/** The socket's peer, or the client a trusted proxy names. */
export function clientAddress(c: Context, proxies: TrustedProxies): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress ?? 'local';
  return proxies.resolve(peer, c.req.header('x-forwarded-for'));
}
