/** Beside a lead-agency change on the compare page: the note of the move that made it, from the history. */
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { rightsApi } from './api.js';

export function MoveNotes({ commitmentId, to }: { commitmentId: string; to: string }) {
  const { t } = useI18n();
  const [history] = useApi(`rights-history:${commitmentId}`, (s) => rightsApi.history(commitmentId, s));
  if (history.state !== 'ready') return null;
  const id = (v: unknown) => (typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : undefined);
  const notes = history.data.events
    .filter((e) => e.type === 'lead_agency_moved' && id(e.data.to) === to)
    .map((e) => e.data.note)
    .filter((n): n is string => typeof n === 'string' && n.length > 0);
  if (notes.length === 0) return null;
  return (
    <>
      {notes.map((note, i) => (
        <p key={i} className="rights-note">{t('historyNote', { note })}</p>
      ))}
    </>
  );
}
