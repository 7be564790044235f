/** Cross-links of a commitment on its page ("see how 1-1 did it"), both ways; its writers add and remove them. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { LINK_NOTE_MAX, type LinksResponse, type LinkView } from '../../shared/protocol/public.js';
import { api } from '../api/endpoints.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { commitmentPath } from '../router/routes.js';
import { linksApi } from './api.js';
import { LinkList } from './LinkList.js';
import './links.css';
import { apiErrorText } from '../api/errorText.js';

interface Props {
  commitmentId: string;
  planId: string;
  /** Writers of this commitment may add and remove its links (the server checks again). */
  canEdit: boolean;
}

export function CommitmentLinks({ commitmentId, planId, canEdit }: Props) {
  const { t, lang } = useI18n();
  const id = useId();
  const [result] = useApi(`links:${commitmentId}`, (signal) => linksApi.list(commitmentId, signal));
  const [plan] = useApi(`links-plan:${canEdit ? planId : ''}`, (signal) => (canEdit ? api.commitments(planId, signal) : Promise.resolve(null)));
  const [links, setLinks] = useState<LinksResponse | null>(null);
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (result.state === 'ready') setLinks(result.data);
  }, [result]);

  const act = async (call: () => Promise<LinksResponse>, done: string) => {
    try {
      setLinks(await call());
      setMessage({ ok: true, text: done });
      return true;
    } catch (err) {
      setMessage({ ok: false, text: apiErrorText(t, err) });
      return false;
    }
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (to && (await act(() => linksApi.add(commitmentId, to, note), t('xlinkAdded')))) {
      setTo('');
      setNote('');
    }
  };
  const remove = (l: LinkView) => void act(() => linksApi.remove(commitmentId, l.id), t('xlinkRemoved'));
  const choices = plan.state === 'ready' && plan.data ? plan.data.commitments.filter((c) => c.id !== commitmentId) : [];

  return (
    <section className="xlinks" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="xlinks-heading">{t('xlinksHeading')}</h2>
      {result.state === 'error' && <p className="field-error">{apiErrorText(t, result.error)}</p>}
      {links && (
        <div className="xlinks-columns">
          <LinkList title={t('xlinksOutgoing')} links={links.outgoing} hrefOf={commitmentPath} onRemove={canEdit ? remove : undefined} />
          <LinkList title={t('xlinksIncoming')} links={links.incoming} hrefOf={commitmentPath} />
        </div>
      )}
      {canEdit && (
        <form className="xlink-form" onSubmit={(e) => void add(e)}>
          <div>
            <label htmlFor={`${id}-to`}>{t('xlinkTarget')}</label>
            <select id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">{t('xlinkChoose')}</option>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>{c.number} {c.title[lang] || c.title.zh}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-note`}>{t('xlinkNote')}</label>
            <input id={`${id}-note`} type="text" value={note} maxLength={LINK_NOTE_MAX} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="button small" disabled={!to}>{t('xlinkAdd')}</button>
        </form>
      )}
      <p role="status" className={message?.ok === false ? 'field-error' : 'hint'}>{message?.text ?? ''}</p>
    </section>
  );
}
