/**
 * Keeps this person's awareness up to date: who they are, and which field has their focus
 * (any element inside `root` with a `data-field` attribute names its field).
 */
import { useEffect, type RefObject } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { Identity } from '../identity/identity.js';
import { setLocalField, setLocalIdentity } from '../sync/presence.js';

const fieldOf = (target: EventTarget | null): string | null =>
  target instanceof Element ? (target.closest('[data-field]')?.getAttribute('data-field') ?? null) : null;

export function usePresenceTracking(awareness: Awareness | null, identity: Identity, root: RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (awareness) setLocalIdentity(awareness, identity);
  }, [awareness, identity]);

  useEffect(() => {
    const el = root.current;
    if (!awareness || !el) return;
    const onFocusIn = (event: FocusEvent) => setLocalField(awareness, fieldOf(event.target));
    const onFocusOut = (event: FocusEvent) => {
      if (!el.contains(event.relatedTarget as Node | null)) setLocalField(awareness, null);
    };
    el.addEventListener('focusin', onFocusIn);
    el.addEventListener('focusout', onFocusOut);
    return () => {
      el.removeEventListener('focusin', onFocusIn);
      el.removeEventListener('focusout', onFocusOut);
    };
  }, [awareness, root]);
}
