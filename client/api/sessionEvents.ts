/** A window event that any layer (HTTP, sync) fires when the server says the session is gone. */

export const SIGNED_OUT_EVENT = 'gongbi:signed-out';

export function announceSignedOut(): void {
  window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
}
