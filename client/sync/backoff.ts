/** How long to wait before the next reconnection attempt: exponential, capped, with jitter. */

export const FIRST_RETRY_MS = 500;
export const MAX_RETRY_MS = 30_000;

/**
 * Delay before attempt number `attempt` (1 = the first retry after a drop). Half of it is
 * random so that a whole ministry's browsers do not return in step after a server restart.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Whole seconds left until `at`, at least 1 while it is in the future (what the person reads). */
export function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}
