/** The pub/sub of a single process: there is nobody else to tell, so it does nothing. */
import type { PubSub } from './types.js';

export class LocalPubSub implements PubSub {
  readonly kind = 'local' as const;

  async publish(): Promise<void> {}

  async subscribe(): Promise<() => Promise<void>> {
    return async () => {};
  }

  onDown(): () => void {
    return () => {};
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}
