/**
 * What an import would do, commitment by commitment: created or updated (and where), the
 * fields recognised with the file's labels, for an update the field diff the comparison
 * page shows, what no field took (it goes to "other information" under a marker), the
 * warnings, and why a commitment may not be imported.
 */
import type { ImportPreview, PreviewCommitment, RecognisedField } from '../../shared/protocol/import.js';
import type { DomainJSON } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ChangeView } from '../versions/ChangeView.js';
import { refusalText, warningText } from './importText.js';

function Warnings({ list, heading }: { list: PreviewCommitment['warnings']; heading: string }) {
  const { t } = useI18n();
  if (!list.length) return null;
  return (
    <div className="import-warnings">
      <h5>{heading}</h5>
      <ul>
        {list.map((w, i) => <li key={i} data-code={w.code}>{warningText(t, w)}</li>)}
      </ul>
    </div>
  );
}

/** One row per field and label: a section's paragraphs, recognised one by one, read as one value. */
function grouped(list: RecognisedField[]): RecognisedField[] {
  const out: RecognisedField[] = [];
  for (const r of list) {
    const last = out[out.length - 1];
    if (last && last.field === r.field && last.label === r.label) last.preview = `${last.preview}\n${r.preview}`;
    else out.push({ ...r });
  }
  return out;
}

function CommitmentPreview({ c, domains }: { c: PreviewCommitment; domains: DomainJSON[] }) {
  const { t, field, lang } = useI18n();
  const domain = domains.find((d) => d.id === c.domainId);
  const changes = c.diff?.changes ?? [];
  return (
    <li className={`import-commitment${c.allowed ? '' : ' is-refused'}`} data-action-kind={c.action}>
      <h4 className="import-commitment__title">
        <span className={`badge ${c.action === 'create' ? 'badge-new' : 'badge-update'}`}>{t(c.action === 'create' ? 'importActionCreate' : 'importActionUpdate')}</span>{' '}
        <span lang={c.lang === 'zh' ? 'zh-Hant-TW' : 'en'}>{[c.number, c.title].filter(Boolean).join(' ')}</span>
      </h4>
      <p className="muted">
        {t('importLangOfFile', { lang: t(c.lang === 'zh' ? 'importLangZh' : 'importLangEn') })}
        {c.action === 'create' && domain && <> · {t('importInDomain', { domain: domain.name[lang] || domain.name.zh })}</>}
        {c.milestoneCount > 0 && <> · {t('importMilestoneCount', { count: c.milestoneCount })}</>}
      </p>
      {!c.allowed && <p className="import-refused" role="note">{t('importRefused', { reason: refusalText(t, c.reasonCode, c.reasonParams) })}</p>}
      {c.recognised.length > 0 && (
        <table className="import-fields">
          <caption>{t('importRecognised')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('importColField')}</th>
              <th scope="col">{t('importColLabel')}</th>
              <th scope="col">{t('importColValue')}</th>
            </tr>
          </thead>
          <tbody>
            {grouped(c.recognised).map((r, i) => (
              <tr key={i} data-field={r.field}>
                <th scope="row">{r.field === 'dates' ? t('importFieldDates') : field(r.field)}</th>
                <td lang={r.lang === 'zh' ? 'zh-Hant-TW' : 'en'}>{r.label}</td>
                {/* The server's glimpse of a milestone table is an English count: said here instead. */}
                {r.field === 'milestones' ? (
                  <td>{t('importMilestoneCount', { count: c.milestoneCount })}</td>
                ) : (
                  <td lang={r.lang === 'zh' ? 'zh-Hant-TW' : 'en'} className="import-fields__value">{r.preview}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c.action === 'update' && (
        <div className="import-diff">
          <h5>{t('importChanges')}</h5>
          {changes.length === 0 ? (
            <p className="muted">{t('importNoChanges')}</p>
          ) : (
            <ol className="changes">
              {changes.map((ch) => (
                <ChangeView key={ch.path} change={ch} mode="inline" beforeLabel={t('importBefore')} afterLabel={t('importAfter')} rowOf={() => null} domains={domains} level={4} showAuthors={false} />
              ))}
            </ol>
          )}
        </div>
      )}
      {c.unrecognised.length > 0 && (
        <div className="import-unplaced">
          <h5>{t('importUnplaced')}</h5>
          <ul>
            {c.unrecognised.map((u, i) => (
              <li key={i}>
                <strong>{u.label || t('importUnplacedNoLabel')}</strong>
                {u.preview && <>：<span className="import-unplaced__text">{u.preview}</span></>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Warnings list={c.warnings} heading={t('importWarnings')} />
    </li>
  );
}

export function ImportPreviewView({ preview, domains }: { preview: ImportPreview; domains: DomainJSON[] }) {
  const { t } = useI18n();
  return (
    <>
      <p>{t('importFound', { count: preview.commitments.length })}</p>
      <Warnings list={preview.warnings} heading={t('importFileWarnings')} />
      <ol className="import-commitments">
        {preview.commitments.map((c, i) => <CommitmentPreview key={`${i}:${c.number}`} c={c} domains={domains} />)}
      </ol>
    </>
  );
}
