/**
 * The suggestions of one commitment on its page: anyone who reads it proposes a field's
 * wording (a form prefilled with the current text); everyone sees each proposal as a redline
 * with who made it; the commitment's writers accept or decline (a reason is required to decline).
 * Written offline, a suggestion waits on this device and is sent when the connection is back.
 */
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { diffRich, diffText } from '../../shared/diff/index.js';
import { canEdit, type DocAccess } from '../../shared/protocol/access.js';
import { SUGGESTION_STATUSES, type NewSuggestionBody, type SuggestionStatus, type SuggestionValue, type SuggestionView } from '../../shared/protocol/suggestions.js';
import { MILESTONE_TEXT_KEYS, SECTION_KEYS, fragmentToRich, milestoneText, richToPlain, sectionFragment, shortText, type Lang, type RichDoc } from '../../shared/schema/index.js';
import { ApiError } from '../api/http.js';
import { useApi } from '../api/useApi.js';
import { useMilestoneOrder } from '../editor/bindings/commitmentHooks.js';
import { useI18n, type I18n } from '../i18n/I18nProvider.js';
import { formatDateTime } from '../i18n/format.js';
import { OldNew, Segments } from '../versions/DiffText.js';
import { RichDiff } from '../versions/RichDiff.js';
import { suggestionApi } from './api.js';
import { suggestionFieldName } from './fieldName.js';
import { keepPending, pendingSuggestions } from './pendingSuggestions.js';
import './suggestions.css';

interface Props {
  commitmentId: string;
  doc: Y.Doc;
  access: DocAccess;
}

/** What an API failure means to the person, in their language (codes stay in logs). */
function failure(err: unknown, t: I18n['t']): string {
  if (!(err instanceof ApiError)) return t('suggestErrGeneric');
  if (err.status === 0) return t('suggestErrOffline');
  const known: Record<string, Parameters<I18n['t']>[0]> = {
    suggestion_conflict: 'suggestErrConflict',
    already_decided: 'suggestErrDecided',
    suggestion_target_gone: 'suggestErrGone',
    too_many_suggestions: 'suggestErrTooMany',
    forbidden: 'suggestErrForbidden',
    too_large: 'suggestErrTooLarge',
  };
  const key = known[err.code];
  if (key) return t(key);
  if (err.status === 400 && /same as the current/.test(err.message)) return t('suggestErrUnchanged');
  return t('suggestErrGeneric');
}

const currentPlain = (doc: Y.Doc, field: string, lang: Lang): string => {
  const [kind, a, b] = field.split(':');
  if (kind === 'section') return richToPlain(fragmentToRich(sectionFragment(doc, a as (typeof SECTION_KEYS)[number], lang))).trim();
  if (kind === 'milestone') return milestoneText(doc, a!, b as (typeof MILESTONE_TEXT_KEYS)[number], lang)?.toString() ?? '';
  return shortText(doc, field as 'title' | 'partners', lang).toString();
};

function ProposalDiff({ s }: { s: SuggestionView }) {
  const lang = (s.lang || 'zh') as Lang;
  if (typeof s.base === 'string' || typeof s.proposed === 'string') {
    const before = s.base as string;
    const after = s.proposed as string;
    return before && after ? <Segments segments={diffText(before, after, lang)} /> : <OldNew old={before} neu={after} />;
  }
  const blocks = diffRich(s.base as RichDoc, s.proposed as RichDoc, lang);
  return blocks ? <RichDiff blocks={blocks} /> : <p>{richToPlain(s.proposed as RichDoc)}</p>;
}

export function SuggestionsPanel({ commitmentId, doc, access }: Props) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const id = useId();
  const [result, reload] = useApi(`suggestions:${commitmentId}`, (signal) => suggestionApi.list(commitmentId, signal), 15_000);
  const order = useMilestoneOrder(doc);
  const rowNumber = useCallback((rowId: string) => order.indexOf(rowId) + 1, [order]);
  const [status, setStatus] = useState<SuggestionStatus | 'all'>('open');
  const [person, setPerson] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(() => pendingSuggestions(commitmentId));

  // Send what waited on this device once the server answers again.
  const flush = useCallback(async () => {
    let queue = pendingSuggestions(commitmentId);
    while (queue.length > 0) {
      try {
        await suggestionApi.create(commitmentId, queue[0]!);
      } catch (err) {
        if (err instanceof ApiError && err.status === 0) break;
        // Refused for good (e.g. the text meanwhile equals the proposal): dropped with a word.
        setMessage({ ok: false, text: failure(err, t) });
      }
      queue = queue.slice(1);
      keepPending(commitmentId, queue);
    }
    setPending(queue);
    reload();
  }, [commitmentId, reload, t]);
  useEffect(() => {
    if (pending.length > 0 && navigator.onLine) void flush();
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flush]);

  const all = result.state === 'ready' ? result.data.suggestions : [];
  const people = useMemo(() => [...new Map(all.map((s) => [s.author.userId, s.author])).values()], [all]);
  const shown = all.filter((s) => (status === 'all' || s.status === status) && (!person || s.author.userId === person));
  const counts = result.state === 'ready' ? result.data.counts : { open: 0, accepted: 0, declined: 0 };

  const submit = async (body: NewSuggestionBody) => {
    try {
      await suggestionApi.create(commitmentId, body);
      setMessage({ ok: true, text: t('suggestSent') });
      reload();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 0) {
        const queue = [...pendingSuggestions(commitmentId), body];
        keepPending(commitmentId, queue);
        setPending(queue);
        setMessage({ ok: true, text: t('suggestKeptOffline') });
        return true;
      }
      setMessage({ ok: false, text: failure(err, t) });
      return false;
    }
  };

  const decide = async (s: SuggestionView, decision: 'accept' | 'decline', reason = '') => {
    try {
      if (decision === 'accept') await suggestionApi.accept(s.id);
      else await suggestionApi.decline(s.id, reason);
      setMessage({ ok: true, text: decision === 'accept' ? t('suggestAcceptedNote') : t('suggestDeclinedNote') });
      reload();
      return true;
    } catch (err) {
      setMessage({ ok: false, text: failure(err, t) });
      reload();
      return false;
    }
  };

  return (
    <section className="suggestions" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('suggestionsTitle')}</h2>
      <p className="muted">{canEdit(access) ? t('suggestionsIntroWriter') : t('suggestionsIntroReader')}</p>
      <SuggestForm doc={doc} rowNumber={rowNumber} order={order} onSubmit={submit} />
      {pending.length > 0 && <p className="badge badge-warn" role="status">{t('suggestPending', { count: pending.length })}</p>}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'note-ok' : 'note-error'}>
          {message.text}
        </p>
      )}
      <div className="suggestion-filters">
        <label>
          {t('suggestFilterStatus')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as SuggestionStatus | 'all')}>
            <option value="all">{t('suggestStatusAll')}</option>
            {SUGGESTION_STATUSES.map((st) => (
              <option key={st} value={st}>
                {t(`suggestStatus_${st}`)} ({counts[st]})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('suggestFilterPerson')}{' '}
          <select value={person} onChange={(e) => setPerson(e.target.value)}>
            <option value="">{t('suggestEveryone')}</option>
            {people.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.name}（{p.affiliation}）
              </option>
            ))}
          </select>
        </label>
      </div>
      {result.state === 'loading' && <p>{t('loading')}</p>}
      {result.state === 'error' && <p role="alert">{failure(result.error, t)}</p>}
      {result.state === 'ready' && shown.length === 0 && <p className="muted">{t('suggestNone')}</p>}
      <ol className="suggestion-list">
        {shown.map((s) => (
          <li key={s.id} className={`suggestion suggestion-${s.status}`} data-suggestion={s.id}>
            <div className="suggestion-head">
              <strong>{suggestionFieldName(s.field, s.lang, i18n, rowNumber)}</strong>
              <span>
                {t('suggestBy', { name: s.author.name, affiliation: s.author.affiliation, kind: t(s.author.affiliationKind === 'agency' ? 'affiliationAgency' : 'affiliationCivil') })}
                {' · '}
                <time dateTime={s.createdAt}>{formatDateTime(s.createdAt, lang)}</time>
              </span>
              <span className={`badge badge-${s.status}`}>{t(`suggestStatus_${s.status}`)}</span>
              {s.conflicting && <span className="badge badge-warn">{t('suggestConflicting')}</span>}
            </div>
            <div className="suggestion-diff">
              <ProposalDiff s={s} />
            </div>
            {s.decision && (
              <p className="suggestion-decision">
                {t(s.status === 'accepted' ? 'suggestAcceptedBy' : 'suggestDeclinedBy', { name: s.decision.by.name, date: formatDateTime(s.decision.at, lang) })}
                {s.decision.reason && <>：{s.decision.reason}</>}
              </p>
            )}
            {s.status === 'open' && canEdit(access, s.lang || undefined) && <DecideControls s={s} onDecide={decide} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function DecideControls({ s, onDecide }: { s: SuggestionView; onDecide: (s: SuggestionView, d: 'accept' | 'decline', reason?: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  const run = async (d: 'accept' | 'decline') => {
    setBusy(true);
    await onDecide(s, d, reason.trim());
    setBusy(false);
  };
  if (declining) {
    return (
      <form
        className="suggestion-decline"
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) void run('decline');
        }}
      >
        <label htmlFor={`${id}-r`}>{t('suggestReasonLabel')}</label>
        <textarea id={`${id}-r`} required value={reason} onChange={(e) => setReason(e.target.value)} autoFocus rows={2} />
        <button type="submit" className="button small primary" disabled={busy || !reason.trim()}>{t('suggestDeclineConfirm')}</button>
        <button type="button" className="button small" onClick={() => setDeclining(false)}>{t('cancel')}</button>
      </form>
    );
  }
  return (
    <div className="suggestion-actions">
      <button type="button" className="button primary" disabled={busy || s.conflicting} onClick={() => void run('accept')} aria-describedby={s.conflicting ? `${id}-c` : undefined}>
        {t('suggestAccept')}
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => setDeclining(true)}>{t('suggestDecline')}</button>
      {s.conflicting && <span id={`${id}-c`} className="muted">{t('suggestConflictHelp')}</span>}
    </div>
  );
}

/** Every field a suggestion can name, as the table orders them. */
function fieldOptions(order: string[]): string[] {
  return ['title', ...SECTION_KEYS.map((k) => `section:${k}`), 'partners', ...order.flatMap((row) => MILESTONE_TEXT_KEYS.map((c) => `milestone:${row}:${c}`))];
}

function SuggestForm({ doc, order, rowNumber, onSubmit }: { doc: Y.Doc; order: string[]; rowNumber: (id: string) => number; onSubmit: (b: NewSuggestionBody) => Promise<boolean> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [field, setField] = useState('title');
  const [lang, setLang] = useState<Lang>(i18n.lang === 'en' ? 'en' : 'zh');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  // Each choice of field starts from its current text, so a proposal is an edit, not a retyping.
  // Filled in the same event that shows the box: never an empty box a quick person types into.
  const choose = (f: string, l: Lang) => {
    setField(f);
    setLang(l);
    setText(currentPlain(doc, f, l));
  };
  if (!open) {
    return (
      <button
        type="button"
        className="button primary"
        onClick={() => {
          choose(field, lang);
          setOpen(true);
        }}
      >
        {t('suggestOpen')}
      </button>
    );
  }
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const ok = await onSubmit({ field, lang, text });
    setBusy(false);
    if (ok) setOpen(false);
  };
  return (
    <form className="suggest-form" onSubmit={send} aria-labelledby={`${id}-legend`}>
      <p id={`${id}-legend`} className="suggest-legend">{t('suggestFormTitle')}</p>
      <label>
        {t('suggestField')}{' '}
        <select value={field} onChange={(e) => choose(e.target.value, lang)}>
          {fieldOptions(order).map((f) => (
            <option key={f} value={f}>
              {suggestionFieldName(f, '', i18n, rowNumber)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('suggestLang')}{' '}
        <select value={lang} onChange={(e) => choose(field, e.target.value as Lang)}>
          <option value="zh">{t('viewZh')}</option>
          <option value="en">{t('viewEn')}</option>
        </select>
      </label>
      <label htmlFor={`${id}-text`}>{t('suggestText')}</label>
      <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={field.startsWith('section:') ? 8 : 2} autoFocus />
      <div className="suggestion-actions">
        <button type="submit" className="button primary" disabled={busy}>{t('suggestSubmit')}</button>
        <button type="button" className="button small" onClick={() => setOpen(false)}>{t('cancel')}</button>
      </div>
    </form>
  );
}

export type { SuggestionValue };
