/**
 * Full-text search box and its results: Enter searches, arrow keys move through the results,
 * Enter opens one. The snippet's match is marked here (a <mark> element), never from HTML.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { MAX_QUERY_CHARS, type SearchResponse } from '../../shared/protocol/search.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import './search.css';

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error' } | { kind: 'done'; data: SearchResponse };

interface Props {
  run: (q: string, signal: AbortSignal) => Promise<SearchResponse>;
  hrefOf: (commitmentId: string) => string;
}

export function SearchPanel({ run, hrefOf }: Props) {
  const { t, lang } = useI18n();
  const id = useId();
  const [q, setQ] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const list = useRef<HTMLUListElement>(null);

  const submit = () => {
    const query = q.trim();
    if (!query) return;
    abort.current?.abort();
    const ctrl = new AbortController();
    abort.current = ctrl;
    setState({ kind: 'loading' });
    run(query, ctrl.signal).then(
      (data) => !ctrl.signal.aborted && setState({ kind: 'done', data }),
      () => !ctrl.signal.aborted && setState({ kind: 'error' }),
    );
  };
  const links = () => [...(list.current?.querySelectorAll('a') ?? [])];
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const all = links();
    if (all.length === 0) return;
    e.preventDefault();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    const next = e.key === 'ArrowDown' ? Math.min(all.length - 1, at + 1) : at - 1;
    if (next < 0) document.getElementById(`${id}-q`)?.focus();
    else all[next]!.focus();
  };

  return (
    <section className="fulltext-search" aria-labelledby={`${id}-h`} onKeyDown={onKey}>
      <form role="search" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <label id={`${id}-h`} htmlFor={`${id}-q`}>{t('fulltextLabel')}</label>
        <input id={`${id}-q`} type="search" maxLength={MAX_QUERY_CHARS} value={q} placeholder={t('fulltextPlaceholder')} onChange={(e) => setQ(e.target.value)} />
        <button type="submit" className="button small">{t('fulltextSubmit')}</button>
      </form>
      <div role="status" aria-live="polite">
        {state.kind === 'loading' && <p className="muted">{t('loading')}</p>}
        {state.kind === 'error' && <p className="empty-note">{t('fulltextError')}</p>}
        {state.kind === 'done' && state.data.results.length === 0 && <p className="empty-note">{t('fulltextEmpty', { q: state.data.q })}</p>}
        {state.kind === 'done' && state.data.results.length > 0 && <p className="muted">{t(state.data.more ? 'fulltextCountMore' : 'fulltextCount', { count: state.data.results.length })}</p>}
      </div>
      {state.kind === 'done' && state.data.results.length > 0 && (
        <ul ref={list} className="fulltext-results">
          {state.data.results.map((r) => (
            <li key={`${r.commitmentId}/${r.field}/${r.lang}`}>
              <Link href={hrefOf(r.commitmentId)}>
                <span className="fulltext-title">{r.number} {r.title[lang] || r.title.zh}</span>
                <span className="fulltext-field muted"> · {r.fieldName[lang]} ({r.lang === 'zh' ? t('fulltextLangZh') : t('fulltextLangEn')})</span>
                <span className="fulltext-snippet" lang={r.lang === 'zh' ? 'zh-TW' : 'en'}>
                  {r.snippet.cutStart && '…'}{r.snippet.before}<mark>{r.snippet.match}</mark>{r.snippet.after}{r.snippet.cutEnd && '…'}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
