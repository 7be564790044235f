/** React access to the local identity, and the "who are you" form when it is missing or edited. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { loadIdentity, saveIdentity, type Identity } from './identity.js';
import { WhoAreYouDialog } from './WhoAreYouDialog.js';

interface IdentityContextValue {
  identity: Identity | null;
  /** Opens the "who are you" form to change one's name or affiliation. */
  edit: () => void;
  save: (identity: Identity) => void;
}

const IdentityContext = createContext<IdentityContextValue | null>(null);

export function IdentityProvider({ children }: { children: ReactNode }) {
  const [identity, setIdentity] = useState<Identity | null>(loadIdentity);
  const [editing, setEditing] = useState(false);
  const save = useCallback((next: Identity) => {
    saveIdentity(next);
    setIdentity(next);
    setEditing(false);
  }, []);
  const value = useMemo(() => ({ identity, save, edit: () => setEditing(true) }), [identity, save]);
  return (
    <IdentityContext.Provider value={value}>
      {children}
      {editing && <WhoAreYouDialog initial={identity} onSave={save} onCancel={() => setEditing(false)} />}
    </IdentityContext.Provider>
  );
}

export function useIdentity(): IdentityContextValue {
  const ctx = useContext(IdentityContext);
  if (!ctx) throw new Error('useIdentity outside <IdentityProvider>');
  return ctx;
}

/** Renders `children` with the identity once the person has said who they are. */
export function RequireIdentity({ children }: { children: (identity: Identity) => ReactNode }) {
  const { identity, save } = useIdentity();
  if (!identity) return <WhoAreYouDialog initial={null} onSave={save} />;
  return <>{children(identity)}</>;
}
