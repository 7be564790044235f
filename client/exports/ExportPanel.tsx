/**
 * Export controls of the plan overview (whole plan or one domain) and of a commitment: format,
 * language and version (live or a review cycle) → download; and the redline of the changes
 * since a review meeting. The versions to choose from come from the caller (the history tabs),
 * already named, so that exports/ does not depend on versions/.
 */
import { useId, useState, type ReactNode } from 'react';
import { api } from '../api/endpoints.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { exportUrl, redlineUrl } from './urls.js';
import { DownloadStatus } from './DownloadStatus.js';
import { useDownload } from './useDownload.js';

const FORMATS = ['docx', 'odt', 'pdf', 'pdfa', 'html', 'md', 'json', 'csv', 'ods'] as const;
const REDLINE_FORMATS = ['html', 'docx', 'odt', 'pdf'] as const;
const LAYOUTS = ['list', 'table'] as const;
const LANGS = ['zh', 'en', 'both'] as const;

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="export-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** A version the export may be taken from: live, a review cycle or a checkpoint, with its label as shown. */
export interface VersionChoice {
  ref: string;
  kind: 'live' | 'cycle' | 'checkpoint';
  label: string;
}

export function ExportPanel({ planId, commitmentId, versions }: { planId: string; commitmentId?: string; versions: { options: VersionChoice[]; loading: boolean } }) {
  const { t, lang: uiLang } = useI18n();
  const [plan] = useApi(`plan:${planId}`, (s) => (commitmentId ? Promise.resolve(null) : api.plan(planId, s)));
  const { options, loading } = versions;
  const cycles = options.filter((o) => o.kind === 'cycle');
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('docx');
  const [lang, setLang] = useState<(typeof LANGS)[number]>('zh');
  const [version, setVersion] = useState('live');
  const [domain, setDomain] = useState('');
  const [since, setSince] = useState('');
  const [redlineFormat, setRedlineFormat] = useState<(typeof REDLINE_FORMATS)[number]>('html');
  const [layout, setLayout] = useState<(typeof LAYOUTS)[number]>('list');
  const download = useDownload();
  const busy = download.status.state === 'busy';
  const domains = plan.state === 'ready' && plan.data ? plan.data.plan.domains : [];
  const from = since || cycles[0]?.ref || '';

  const exportFile = () => {
    const url = exportUrl(planId, format, { version, lang, domain: commitmentId ? undefined : domain || undefined, commitment: commitmentId });
    void download.start(url, t(`exportFormat_${format}`));
  };
  const exportRedline = () => void download.start(redlineUrl(planId, redlineFormat, { from, to: 'live', lang, commitment: commitmentId, layout }), t('exportRedline'));

  return (
    <div className="export-panel">
      <form className="export-form" onSubmit={(e) => (e.preventDefault(), exportFile())} aria-labelledby={`${planId}-export-heading`}>
        <h2 className="export-heading" id={`${planId}-export-heading`}>{commitmentId ? t('exportCommitmentHeading') : t('exportPlanHeading')}</h2>
        <div className="export-fields">
          {!commitmentId && (
            <Field label={t('exportScope')}>
              {(id) => (
                <select id={id} value={domain} onChange={(e) => setDomain(e.target.value)}>
                  <option value="">{t('exportWholePlan')}</option>
                  {domains.map((d) => <option key={d.id} value={d.id}>{d.name[uiLang] || d.name.zh}</option>)}
                </select>
              )}
            </Field>
          )}
          <Field label={t('exportFormat')}>
            {(id) => (
              <select id={id} value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
                {FORMATS.map((f) => <option key={f} value={f}>{t(`exportFormat_${f}`)}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('exportLanguage')}>
            {(id) => (
              <select id={id} value={lang} onChange={(e) => setLang(e.target.value as typeof lang)}>
                {LANGS.map((l) => <option key={l} value={l}>{t(`exportLang_${l}`)}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('exportVersion')}>
            {(id) => (
              <select id={id} value={version} onChange={(e) => setVersion(e.target.value)}>
                {options.map((o) => <option key={o.ref} value={o.ref}>{o.label}</option>)}
              </select>
            )}
          </Field>
          <button type="submit" className="button primary" disabled={busy} data-action="export">{t('exportDownload')}</button>
        </div>
      </form>
      <form className="export-form" onSubmit={(e) => (e.preventDefault(), exportRedline())} aria-labelledby={`${planId}-redline-heading`}>
        <h2 className="export-heading" id={`${planId}-redline-heading`}>{t('exportRedline')}</h2>
        <p className="hint">{t('exportRedlineHint')}</p>
        <div className="export-fields">
          <Field label={t('exportRedlineSince')}>
            {(id) => (
              <select id={id} value={from} onChange={(e) => setSince(e.target.value)} disabled={cycles.length === 0}>
                {cycles.length === 0 && <option value="">{loading ? t('loading') : t('exportNoCycle')}</option>}
                {cycles.map((o) => <option key={o.ref} value={o.ref}>{o.label}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('exportFormat')}>
            {(id) => (
              <select id={id} value={redlineFormat} onChange={(e) => setRedlineFormat(e.target.value as typeof redlineFormat)}>
                {REDLINE_FORMATS.map((f) => <option key={f} value={f}>{t(`exportFormat_${f}`)}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('exportRedlineLayout')}>
            {(id) => (
              <select id={id} value={layout} onChange={(e) => setLayout(e.target.value as typeof layout)}>
                {LAYOUTS.map((l) => <option key={l} value={l}>{t(`exportLayout_${l}`)}</option>)}
              </select>
            )}
          </Field>
          <button type="submit" className="button" disabled={busy || !from} data-action="redline">{t('exportRedlineDownload')}</button>
        </div>
      </form>
      <DownloadStatus status={download.status} onCancel={download.cancel} />
    </div>
  );
}
