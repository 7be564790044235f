/**
 * The public's comment form. The name and text limits are shown as you type; the server
 * checks them again and its refusals are shown in words. The invisible "website" field is a
 * honeypot for bots, and the page's form token proves the form was on screen a moment.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { charCount, PUBLIC_COMMENT_LIMITS as LIMITS } from '../../shared/protocol/public.js';
import type { MilestoneJSON } from '../../shared/schema/index.js';
import { ApiError } from '../api/http.js';
import type { MessageKey } from '../i18n/zh.js';
import { useI18n } from '../i18n/I18nProvider.js';
import '../comments/publicComments.css';
import { publicApi } from './api.js';
import { pick } from './content.js';

interface Props {
  commitmentId: string;
  milestones: MilestoneJSON[];
  /** From the page data, and when it arrived. */
  formToken: string;
  loadedAt: number;
}

/** The server's refusal codes, in the reader's language. */
const ERROR_KEYS: Record<string, MessageKey> = {
  comment_too_long: 'publicErrTooLong',
  name_too_long: 'publicErrNameTooLong',
  name_required: 'publicErrName',
  text_required: 'publicErrText',
  email_invalid: 'publicErrEmail',
  rate_limited: 'publicErrRate',
  form_invalid: 'publicErrForm',
  form_expired: 'publicErrForm',
  form_too_fast: 'publicErrForm',
  milestone_unknown: 'publicErrForm',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function PublicCommentForm({ commitmentId, milestones, formToken, loadedAt }: Props) {
  const { t, lang } = useI18n();
  const id = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [text, setText] = useState('');
  const [milestoneId, setMilestoneId] = useState('');
  const website = useRef<HTMLInputElement>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const count = charCount(text);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setResult(null);
    // A person never sends within two seconds of the page appearing; the server refuses that.
    const wait = loadedAt + LIMITS.minFormMs + 250 - Date.now();
    if (wait > 0) await sleep(wait);
    try {
      await publicApi.comment(commitmentId, { name, email: email || undefined, text, milestoneId: milestoneId || undefined, token: formToken, website: website.current?.value ?? '' });
      setText('');
      setResult({ ok: true, text: t('publicThanks') });
    } catch (err) {
      const key = err instanceof ApiError ? ERROR_KEYS[err.code] : undefined;
      setResult({ ok: false, text: key ? t(key, { count, max: LIMITS.text }) : t('publicErrGeneric', { message: err instanceof ApiError ? err.message : String(err) }) });
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="public-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{t('publicFormTitle')}</h2>
      <p className="muted small">{t('publicFormIntro')}</p>
      <div className="form-row">
        <label htmlFor={`${id}-name`}>{t('publicName')}</label>
        <input id={`${id}-name`} type="text" value={name} autoComplete="name" onChange={(e) => setName(e.target.value)} aria-describedby={`${id}-name-hint`} />
        <p id={`${id}-name-hint`} className={`hint${charCount(name) > LIMITS.name ? ' field-error' : ''}`}>{t('publicCount', { count: charCount(name), max: LIMITS.name })}</p>
      </div>
      <div className="form-row">
        <label htmlFor={`${id}-email`}>{t('publicEmail')}</label>
        <input id={`${id}-email`} type="email" value={email} autoComplete="email" onChange={(e) => setEmail(e.target.value)} />
      </div>
      {milestones.length > 0 && (
        <div className="form-row">
          <label htmlFor={`${id}-target`}>{t('publicTarget')}</label>
          <select id={`${id}-target`} value={milestoneId} onChange={(e) => setMilestoneId(e.target.value)}>
            <option value="">{t('publicTargetWhole')}</option>
            {milestones.map((m, i) => (
              <option key={m.id} value={m.id}>{t('publicTargetMilestone', { n: i + 1, text: pick(m.text, lang).text.slice(0, 60) })}</option>
            ))}
          </select>
        </div>
      )}
      <div className="form-row">
        <label htmlFor={`${id}-text`}>{t('publicText')}</label>
        <textarea id={`${id}-text`} rows={5} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-count`} />
        <p id={`${id}-count`} className={`hint${count > LIMITS.text ? ' field-error' : ''}`}>{t('publicCount', { count, max: LIMITS.text })}</p>
      </div>
      {/* Honeypot: hidden from people and assistive technology; bots fill it in. */}
      <div className="hp" aria-hidden="true">
        <label htmlFor={`${id}-website`}>{t('publicHoneypot')}</label>
        <input id={`${id}-website`} ref={website} type="text" name="website" tabIndex={-1} autoComplete="off" />
      </div>
      <button type="submit" className="button primary" disabled={sending}>{sending ? t('publicSending') : t('publicSubmit')}</button>
      {result && (
        <p className={result.ok ? 'public-form-ok' : 'field-error public-form-error'} role={result.ok ? 'status' : 'alert'}>{result.text}</p>
      )}
    </form>
  );
}
