/** Route `/public/c/:id`: the published commitment table, its links, timeline and public comments (no sign-in). */
import { suggestionFieldName } from '../suggestions/fieldName.js';
import { useMemo } from 'react';
import { COMMITMENT_STATUS_LABELS, OGP_VALUES, OGP_VALUE_LABELS, SECTION_KEYS, FIELD_LABELS } from '../../shared/schema/index.js';
import { useApi } from '../api/useApi.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { LinkList } from '../links/LinkList.js';
import { Link } from '../router/Link.js';
import { publicCommitmentPath, publicPlanPath } from '../router/routes.js';
import { TimelineList } from '../timeline/TimelineList.js';
import { ErrorState, Loading } from '../ui/States.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { publicApi } from './api.js';
import { LANG_TAG, pick, pickRich } from './content.js';
import { PublicCommentForm } from './PublicCommentForm.js';
import { PublicComments } from './PublicComments.js';
import { PublicMilestones } from './PublicMilestones.js';
import { VersionBadge } from './VersionBadge.js';
import { RichText } from './RichText.js';
import './public.css';
import '../links/links.css';
import { apiErrorText } from '../api/errorText.js';

export function PublicCommitmentPage({ commitmentId }: { commitmentId: string }) {
  const { t, lang } = useI18n();
  const [result, reload] = useApi(`public-commitment:${commitmentId}`, (signal) => publicApi.commitment(commitmentId, signal));
  // When the page data (and its form token) arrived: the comment form waits from here.
  const loadedAt = useMemo(() => Date.now(), [result]); // eslint-disable-line react-hooks/exhaustive-deps
  const label = (k: string) => FIELD_LABELS[k]?.[lang] ?? k;
  const title = result.state === 'ready' ? pick(result.data.commitment.title, lang).text : null;
  useDocumentTitle(title ? `${title} · ${t('publicSiteName')}` : t('publicSiteName'));

  if (result.state === 'loading') return <div className="page"><Loading /></div>;
  if (result.state === 'error') {
    return (
      <div className="page">
        <ErrorState title={result.error.isNotFound ? t('publicNotPublishedTitle') : t('errorTitle')} onRetry={result.error.isNotFound ? undefined : reload}>
          <p>{result.error.isNotFound ? t('publicCommitmentNotPublished') : apiErrorText(t, result.error)}</p>
          <p><Link href="/public">{t('publicBackToPlan')}</Link></p>
        </ErrorState>
      </div>
    );
  }
  const { commitment: c, plan, domain, version, englishOutdated, comments, links, timeline, formToken, acceptedSuggestions } = result.data;
  const outdated = (path: string) => lang === 'en' && englishOutdated.includes(path);
  const shownTitle = pick(c.title, lang);
  const partners = pick(c.partners, lang);

  return (
    <div className="page public-page">
      <nav aria-label={t('breadcrumbLabel')} className="breadcrumb">
        <ol>
          <li><Link href={publicPlanPath(plan.id)}>{pick(plan.title, lang).text}</Link></li>
          {domain && <li>{pick(domain.name, lang).text}</li>}
          <li aria-current="page">{c.number}</li>
        </ol>
      </nav>
      <h1 className="page-title">
        <span className="commitment-number">{c.number}</span> <span lang={LANG_TAG[shownTitle.lang]}>{shownTitle.text}</span>
      </h1>
      <VersionBadge version={version} />

      <section className="public-section" aria-labelledby="pub-meta">
        <h2 id="pub-meta" className="visually-hidden">{t('metaHeading')}</h2>
        <dl className="public-meta">
          <dt>{label('leadAgency')}</dt>
          <dd>{pick(c.leadAgency, lang).text}</dd>
          <dt>{label('coAgencies')}</dt>
          <dd>{c.coAgencies.length ? c.coAgencies.map((a) => pick(a, lang).text).join(lang === 'zh' ? '、' : ', ') : t('none')}</dd>
          <dt>{label('partners')}</dt>
          <dd lang={LANG_TAG[partners.lang]}>{partners.text || t('none')}</dd>
          <dt>{t('publicPeriod')}</dt>
          <dd>{formatDate(c.startDate, lang)} – {formatDate(c.endDate, lang)}</dd>
          <dt>{label('status')}</dt>
          <dd><span className={`badge status-${c.status}`}>{COMMITMENT_STATUS_LABELS[c.status]?.[lang] ?? c.status}</span></dd>
          <dt>{label('ogpValues')}</dt>
          <dd>{OGP_VALUES.filter((v) => c.ogpValues?.[v]).map((v) => OGP_VALUE_LABELS[v][lang]).join(lang === 'zh' ? '、' : ', ') || t('none')}</dd>
        </dl>
      </section>

      {SECTION_KEYS.map((key) => {
        const shown = pickRich(c.sections?.[key], lang);
        return (
          <section key={key} className="public-section" aria-labelledby={`pub-${key}`}>
            <h2 id={`pub-${key}`}>
              {label(key)}
              {outdated(`section.${key}`) && <span className="badge badge-warn">{t('publicEnOutdated')}</span>}
            </h2>
            <RichText doc={shown.doc} lang={LANG_TAG[shown.lang]} />
          </section>
        );
      })}

      <section className="public-section" aria-labelledby="pub-milestones">
        <h2 id="pub-milestones">{label('milestones')}</h2>
        <PublicMilestones milestones={c.milestones} outdated={lang === 'en' ? englishOutdated : []} />
      </section>

      <section className="public-section xlinks" aria-labelledby="pub-links">
        <h2 id="pub-links" className="xlinks-heading">{t('xlinksHeading')}</h2>
        <div className="xlinks-columns">
          <LinkList title={t('xlinksOutgoing')} links={links.outgoing} hrefOf={publicCommitmentPath} />
          <LinkList title={t('xlinksIncoming')} links={links.incoming} hrefOf={publicCommitmentPath} />
        </div>
      </section>

      <section className="public-section" aria-labelledby="pub-timeline">
        <h2 id="pub-timeline">{t('timelineTitle')}</h2>
        <TimelineList items={timeline} commitmentHref={publicCommitmentPath} />
      </section>

      {acceptedSuggestions.length > 0 && (
        <section className="public-section" aria-labelledby="pub-suggestions">
          <h2 id="pub-suggestions">{t('publicAcceptedSuggestions')}</h2>
          <ul className="public-suggestions">
            {acceptedSuggestions.map((s, i) => (
              <li key={i}>
                <strong>{suggestionFieldName(s.field, s.lang, { field: label, t }, (row) => c.milestones.findIndex((m) => m.id === row) + 1)}</strong>
                {'：'}
                {t('publicSuggestedBy', { name: s.by.name, affiliation: s.by.affiliation })}
                <blockquote lang={s.lang === 'en' ? 'en' : 'zh-Hant-TW'}>{s.text}</blockquote>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="public-section" aria-labelledby="pub-comments">
        <h2 id="pub-comments">{t('publicCommentsHeading')}</h2>
        <PublicComments comments={comments} milestones={c.milestones} />
        <PublicCommentForm key={formToken} commitmentId={c.id} milestones={c.milestones} formToken={formToken} loadedAt={loadedAt} />
      </section>
    </div>
  );
}
