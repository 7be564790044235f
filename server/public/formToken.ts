/**
 * The public comment form's proof of age: a token naming when the page was served, signed
 * with a key kept in the database (so every process of a cluster accepts every other's). A
 * form sent back within a moment of being shown was not written by a person; a very old one
 * is refused so that a token cannot be harvested once and reused forever.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PUBLIC_COMMENT_LIMITS } from '../../shared/protocol/public.js';
import type { PublicStore } from '../storage/index.js';

export type TokenCheck = 'ok' | 'invalid' | 'too_fast' | 'expired';

/** Signs form tokens and addresses with one lazily loaded server key. */
export class FormSigner {
  private key: Promise<string> | null = null;

  constructor(
    private readonly store: PublicStore,
    private readonly limits: { minFormMs: number; maxFormMs: number } = PUBLIC_COMMENT_LIMITS,
  ) {}

  private secret(): Promise<string> {
    this.key ??= this.store.serverSecret('public-form-key', randomBytes(32).toString('hex'));
    // A failed read is retried on the next request instead of being cached.
    this.key.catch(() => (this.key = null));
    return this.key;
  }

  private async mac(data: string): Promise<string> {
    return createHmac('sha256', await this.secret()).update(data).digest('base64url');
  }

  /** `<issued ms in base 36>.<mac>` */
  async issue(now = Date.now()): Promise<string> {
    const issued = now.toString(36);
    return `${issued}.${await this.mac(`form:${issued}`)}`;
  }

  async check(token: unknown, now = Date.now()): Promise<TokenCheck> {
    if (typeof token !== 'string' || token.length > 100) return 'invalid';
    const [issued, mac] = token.split('.');
    if (!issued || !mac || !/^[0-9a-z]{1,12}$/.test(issued)) return 'invalid';
    const expected = Buffer.from(await this.mac(`form:${issued}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    const age = now - parseInt(issued, 36);
    if (age < this.limits.minFormMs) return 'too_fast';
    if (age > this.limits.maxFormMs) return 'expired';
    return 'ok';
  }

  /** A keyed hash of an address: counts one sender's comments without storing where they are. */
  async addressHash(address: string): Promise<string> {
    return (await this.mac(`ip:${address}`)).slice(0, 32);
  }
}
