/** Small coloured name tags beside a field showing who else is working in it right now. */
import { usePeersHere } from './PeersContext.js';

/** @param field a field path or prefix: `title` matches `title.zh` and `title.en`. */
export function FieldPresence({ field }: { field: string }) {
  const peers = usePeersHere().filter(
    (p) => !p.isLocal && p.user.field && (p.user.field === field || p.user.field.startsWith(`${field}.`)),
  );
  if (!peers.length) return null;
  return (
    <span className="field-presence">
      {peers.map((p) => (
        <span key={p.clientId} className="field-presence__tag" style={{ backgroundColor: p.user.color }}>
          {p.user.name}
        </span>
      ))}
    </span>
  );
}
