/** Route `/audit`: the audit trail for coordinators, filtered by person, action, target and time, with its CSV. */
import { useId, useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, type AuditEntryView, type AuditListResponse } from '../../shared/protocol/audit.js';
import { ApiError, getJson } from '../api/http.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/zh.js';
import { Link } from '../router/Link.js';
import { ErrorState, Loading } from '../ui/States.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { useApi } from '../api/useApi.js';
import './audit.css';
import { apiErrorText } from '../api/errorText.js';

interface Filters { actor: string; action: string; target: string; from: string; to: string }
const EMPTY: Filters = { actor: '', action: '', target: '', from: '', to: '' };

function queryOf(f: Filters, before?: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  if (before) q.set('before', String(before));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function AuditPage() {
  const { t, lang } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [more, setMore] = useState<{ entries: AuditEntryView[]; next: number | null } | null>(null);
  const [moreError, setMoreError] = useState('');
  const [result, reload] = useApi(`audit:${queryOf(filters)}`, (signal) => getJson<AuditListResponse>(`/api/audit${queryOf(filters)}`, signal));
  useDocumentTitle(`${t('auditTitle')} · ${t('appName')}`);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setMore(null);
    setFilters(draft);
  };
  const entries = result.state === 'ready' ? [...result.data.entries, ...(more?.entries ?? [])] : [];
  const next = more ? more.next : result.state === 'ready' ? result.data.next : null;
  const loadMore = async () => {
    if (!next) return;
    try {
      const page = await getJson<AuditListResponse>(`/api/audit${queryOf(filters, next)}`);
      setMore({ entries: [...(more?.entries ?? []), ...page.entries], next: page.next });
    } catch (err) {
      setMoreError((err as ApiError).message);
    }
  };
  const actionLabel = (a: string) => t(`audit_${a}` as MessageKey);
  const time = (iso: string) => new Intl.DateTimeFormat(lang === 'zh' ? 'zh-TW' : 'en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
  const field = (name: keyof Filters, label: string, type = 'text') => (
    <div className="form-row">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input id={`${id}-${name}`} type={type} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
    </div>
  );

  return (
    <div className="page audit-page">
      <div className="page-head">
        <p className="eyebrow"><Link href="/">{t('backToPlan')}</Link></p>
        <h1 className="page-title">{t('auditTitle')}</h1>
        <p className="muted">{t('auditIntro')}</p>
        <p><a className="button small" href={`/api/audit.csv${queryOf(filters)}`} download>{t('auditCsv')}</a></p>
      </div>
      <form className="audit-filters" onSubmit={apply} aria-label={t('auditFilters')}>
        {field('actor', t('auditActor'))}
        <div className="form-row">
          <label htmlFor={`${id}-action`}>{t('auditAction')}</label>
          <select id={`${id}-action`} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
            <option value="">{t('auditAnyAction')}</option>
            {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{actionLabel(a)}</option>)}
          </select>
        </div>
        {field('target', t('auditTarget'))}
        {field('from', t('auditFrom'), 'date')}
        {field('to', t('auditTo'), 'date')}
        <button type="submit" className="button primary">{t('auditApply')}</button>
      </form>
      {result.state === 'loading' && <Loading />}
      {result.state === 'error' && (
        <ErrorState title={t('errorTitle')} onRetry={result.error.status === 403 ? undefined : reload}>
          <p>{result.error.status === 403 ? t('auditForbidden') : apiErrorText(t, result.error)}</p>
        </ErrorState>
      )}
      {result.state === 'ready' && (entries.length === 0 ? <p className="empty-note">{t('auditEmpty')}</p> : (
        <table className="audit-table">
          <thead>
            <tr><th scope="col">{t('auditTime')}</th><th scope="col">{t('auditActor')}</th><th scope="col">{t('auditAction')}</th><th scope="col">{t('auditTarget')}</th><th scope="col">{t('auditDetails')}</th></tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td><time dateTime={e.at}>{time(e.at)}</time></td>
                <td>{e.actor.userId ? e.actor.name : t('auditNobody')}{e.actor.affiliation && <span className="muted"> · {e.actor.affiliation}</span>}</td>
                <td>{actionLabel(e.action)}</td>
                <td className="audit-target">{e.target}</td>
                <td className="audit-details">{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {next && <p><button type="button" className="button" onClick={() => void loadMore()}>{t('auditMore')}</button></p>}
      {moreError && <p className="field-error" role="alert">{t('errorGeneric', { message: moreError })}</p>}
    </div>
  );
}
