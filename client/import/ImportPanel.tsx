/**
 * Upload with preview: a file (dropped or chosen) is previewed by the server, which writes
 * nothing; the person reads what was recognised and what would change, then applies or
 * cancels (Escape too). The preview's heading takes the focus so a screen reader starts
 * there; after an import, links lead to the commitments created or updated.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ImportFormat, ImportPreview, ImportResult } from '../../shared/protocol/import.js';
import type { DomainJSON } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { commitmentHistoryPath, commitmentPath } from '../router/routes.js';
import { formatOf, importApi, type ImportTarget } from './api.js';
import { DropZone } from './DropZone.js';
import { importErrorText } from './importText.js';
import { ImportPreviewView } from './ImportPreviewView.js';

type State =
  | { s: 'idle'; error?: string; notice?: string }
  | { s: 'reading'; file: File }
  | { s: 'preview'; file: File; format: ImportFormat; preview: ImportPreview; error?: string }
  | { s: 'applying'; file: File; format: ImportFormat; preview: ImportPreview }
  | { s: 'done'; result: ImportResult };

interface Props {
  target: ImportTarget;
  heading: string;
  intro: string;
  domains: DomainJSON[];
  /** The plan page's domain choice for new commitments. */
  chooseDomain?: boolean;
}

export function ImportPanel({ target, heading, intro, domains, chooseDomain }: Props) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<State>({ s: 'idle' });
  const [domainId, setDomainId] = useState('');
  const request = useRef<AbortController | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const drop = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const domainSelect = useId();
  const full: ImportTarget = { ...target, domainId: chooseDomain ? domainId || undefined : target.domainId };

  useEffect(() => () => request.current?.abort(), []);
  useEffect(() => {
    if (state.s === 'preview' && !state.error) previewHeading.current?.focus();
    if (state.s === 'done') doneHeading.current?.focus();
  }, [state]);

  const start = async (file: File) => {
    const format = formatOf(file);
    if (!format) return setState({ s: 'idle', error: t('importError_unsupported_import_format') });
    if (file.size === 0) return setState({ s: 'idle', error: t('importError_empty_import') });
    request.current?.abort();
    const mine = new AbortController();
    request.current = mine;
    setState({ s: 'reading', file });
    try {
      const preview = await importApi.preview(full, file, format, mine.signal);
      if (!mine.signal.aborted) setState({ s: 'preview', file, format, preview });
    } catch (err) {
      if (!mine.signal.aborted) setState({ s: 'idle', error: importErrorText(t, err) });
    }
  };

  const apply = async () => {
    if (state.s !== 'preview') return;
    const mine = new AbortController();
    request.current = mine;
    setState({ ...state, s: 'applying' });
    try {
      const result = await importApi.apply(full, state.file, state.format, mine.signal);
      if (!mine.signal.aborted) setState({ s: 'done', result });
    } catch (err) {
      if (!mine.signal.aborted) setState({ ...state, s: 'preview', error: importErrorText(t, err) });
    }
  };

  const cancel = () => {
    // An import already sent is carried out by the server whatever the page does.
    if (state.s === 'applying') return;
    request.current?.abort();
    setState({ s: 'idle', notice: t('importCancelled') });
    requestAnimationFrame(() => drop.current?.focus());
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && (state.s === 'reading' || state.s === 'preview')) {
      e.preventDefault();
      cancel();
    }
  };

  const busy = state.s === 'reading' || state.s === 'applying';
  const previewing = state.s === 'preview' || state.s === 'applying';
  const refused = previewing && state.preview.commitments.some((c) => !c.allowed);

  return (
    <section className="import-panel" aria-labelledby={headingId} aria-busy={busy || undefined} onKeyDown={onKeyDown} data-state={state.s}>
      <h2 id={headingId} className="import-heading">{heading}</h2>
      <p className="muted">{intro}</p>
      {(state.s === 'idle' || state.s === 'reading') && (
        <>
          {chooseDomain && (
            <div className="import-domain">
              <label htmlFor={domainSelect}>{t('importDomain')}</label>
              <select id={domainSelect} value={domainId} onChange={(e) => setDomainId(e.target.value)} disabled={busy}>
                <option value="">{t('importDomainFromFile')}</option>
                {domains.map((d) => <option key={d.id} value={d.id}>{d.name[lang] || d.name.zh}</option>)}
              </select>
            </div>
          )}
          <DropZone ref={drop} onFile={(f) => void start(f)} disabled={busy} />
        </>
      )}
      <div role="status" className="import-status">
        {state.s === 'reading' && <p className="import-progress"><span className="spinner" aria-hidden="true" /> {t('importReading', { name: state.file.name })}</p>}
        {state.s === 'applying' && <p className="import-progress"><span className="spinner" aria-hidden="true" /> {t('importApplying')}</p>}
        {state.s === 'idle' && state.notice && <p>{state.notice}</p>}
      </div>
      {state.s === 'reading' && <button type="button" className="button" onClick={cancel}>{t('importCancel')}</button>}
      {(state.s === 'idle' && state.error) || (state.s === 'preview' && state.error) ? (
        <p className="import-error" role="alert">{state.error}</p>
      ) : null}
      {previewing && (
        <div className="import-preview">
          <h3 className="import-preview__heading" tabIndex={-1} ref={previewHeading}>{t('importPreviewHeading', { name: state.file.name })}</h3>
          <p>{t('importPreviewIntro')}</p>
          <ImportPreviewView preview={state.preview} domains={domains} />
          {refused && <p className="import-refused" role="note">{t('importRefusedNote')}</p>}
          <div className="import-actions">
            <button type="button" className="button primary" onClick={() => void apply()} disabled={refused || busy} data-action="import-apply">{t('importApply')}</button>
            <button type="button" className="button" onClick={cancel} disabled={busy} data-action="import-cancel">{t('importCancel')}</button>
          </div>
        </div>
      )}
      {state.s === 'done' && (
        <div className="import-done">
          <h3 tabIndex={-1} ref={doneHeading}>{t('importDoneHeading')}</h3>
          <ul>
            {state.result.results.map((r) => (
              <li key={r.commitmentId}>
                {t(r.action === 'create' ? 'importDoneCreate' : 'importDoneUpdate', { number: r.number })}{' '}
                {r.commitmentId === target.commitmentId ? (
                  <Link href={commitmentHistoryPath(r.commitmentId, 'compare')}>{t('importSeeChanges')}</Link>
                ) : (
                  <Link href={commitmentPath(r.commitmentId)}>{t('importOpenLink', { number: r.number })}</Link>
                )}
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => setState({ s: 'idle' })}>{t('importAnother')}</button>
        </div>
      )}
    </section>
  );
}
