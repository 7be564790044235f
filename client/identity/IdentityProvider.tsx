/**
 * The signed-in account as React state: checked once at start (`GET /api/auth/session`, a 200 with no user for a visitor), set by
 * the sign-in form, cleared on sign-out or when the server says the session expired.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/endpoints.js';
import { ApiError } from '../api/http.js';
import { SIGNED_OUT_EVENT } from '../api/sessionEvents.js';
import { identityOf, type Identity } from './identity.js';

export type IdentityState =
  | { state: 'checking' }
  | { state: 'signed-out'; expired: boolean }
  | { state: 'signed-in'; identity: Identity }
  | { state: 'unreachable'; message: string };

interface IdentityContextValue {
  current: IdentityState;
  identity: Identity | null;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  recheck: () => void;
}

const IdentityContext = createContext<IdentityContextValue | null>(null);

export function IdentityProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<IdentityState>({ state: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api.session(controller.signal).then(
      ({ user }) => setCurrent(user ? { state: 'signed-in', identity: identityOf(user) } : { state: 'signed-out', expired: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setCurrent({ state: 'signed-out', expired: false });
        else setCurrent({ state: 'unreachable', message: (error as Error).message });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    const onUnauthorized = () => setCurrent((s) => (s.state === 'signed-in' ? { state: 'signed-out', expired: true } : s));
    window.addEventListener(SIGNED_OUT_EVENT, onUnauthorized);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onUnauthorized);
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const { user } = await api.signIn(email, password);
    setCurrent({ state: 'signed-in', identity: identityOf(user) });
  }, []);
  const signOut = useCallback(async () => {
    await api.signOut().catch(() => undefined);
    setCurrent({ state: 'signed-out', expired: false });
  }, []);
  const recheck = useCallback(() => {
    setCurrent({ state: 'checking' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<IdentityContextValue>(
    () => ({ current, identity: current.state === 'signed-in' ? current.identity : null, signIn, signOut, recheck }),
    [current, signIn, signOut, recheck],
  );
  return <IdentityContext.Provider value={value}>{children}</IdentityContext.Provider>;
}

export function useIdentity(): IdentityContextValue {
  const ctx = useContext(IdentityContext);
  if (!ctx) throw new Error('useIdentity outside <IdentityProvider>');
  return ctx;
}
