/** The metadata rows of the commitment table: number, title, domain, agencies, partners, dates, status, OGP values. */
import {
  COMMITMENT_STATUSES,
  COMMITMENT_STATUS_LABELS,
  OGP_VALUES,
  OGP_VALUE_LABELS,
  setMeta,
  setOgp,
  type Bilingual,
  type MetaKey,
} from '../../shared/schema/index.js';
import { useMeta, useOgp } from '../editor/bindings/commitmentHooks.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { BilingualTextField } from './BilingualTextField.js';
import { CoAgencies } from './CoAgencies.js';
import { useCommitment } from './CommitmentContext.js';
import { FieldPresence } from './FieldPresence.js';
import { fieldLabelId, inputId } from './labelIds.js';

/** A row whose value is one control labelled by the row's label. */
function Row({ field, label, children }: { field: string; label: string; children: React.ReactNode }) {
  return (
    <div className="crow">
      <div className="clabel">
        <label id={fieldLabelId(field)} htmlFor={inputId(field)}>{label}</label>
        <FieldPresence field={field} />
      </div>
      <div className="cvalue">{children}</div>
    </div>
  );
}

function MetaInput({ metaKey, type = 'text', className }: { metaKey: Extract<MetaKey, 'number' | 'startDate' | 'endDate'>; type?: string; className?: string }) {
  const { doc } = useCommitment();
  const value = useMeta(doc, metaKey);
  return (
    <input
      id={inputId(metaKey)}
      data-field={metaKey}
      type={type}
      className={className}
      value={value}
      onChange={(e) => setMeta(doc, metaKey, e.target.value)}
    />
  );
}

export function MetaFields({ domainName }: { domainName: Bilingual | null }) {
  const { doc } = useCommitment();
  const { t, field, lang } = useI18n();
  const status = useMeta(doc, 'status');
  const lead = useMeta(doc, 'leadAgency');
  const ogp = useOgp(doc);

  return (
    <>
      <Row field="number" label={field('number')}>
        <MetaInput metaKey="number" className="input-short" />
      </Row>
      <BilingualTextField fieldKey="title" />
      <Row field="domain" label={field('domain')}>
        <input id={inputId('domain')} className="readonly" readOnly value={domainName?.[lang] || domainName?.zh || ''} />
      </Row>
      <Row field="leadAgency" label={field('leadAgency')}>
        <input
          id={inputId('leadAgency')}
          className="readonly"
          readOnly
          value={lead[lang] || lead.zh}
          aria-describedby="lead-agency-note"
        />
        <p id="lead-agency-note" className="hint">{t('leadAgencyNote')}</p>
      </Row>
      <CoAgencies />
      <BilingualTextField fieldKey="partners" multiline />
      <div className="crow">
        <div className="clabel">
          <span id={fieldLabelId('period')}>{`${field('startDate')} / ${field('endDate')}`}</span>
          <FieldPresence field="startDate" />
          <FieldPresence field="endDate" />
        </div>
        <div className="cvalue dates">
          <span className="date-field">
            <label htmlFor={inputId('startDate')}>{field('startDate')}</label>
            <MetaInput metaKey="startDate" type="date" />
          </span>
          <span className="date-field">
            <label htmlFor={inputId('endDate')}>{field('endDate')}</label>
            <MetaInput metaKey="endDate" type="date" />
          </span>
        </div>
      </div>
      <Row field="status" label={field('status')}>
        <select
          id={inputId('status')}
          data-field="status"
          value={status}
          onChange={(e) => setMeta(doc, 'status', e.target.value as typeof status)}
        >
          {COMMITMENT_STATUSES.map((s) => (
            <option key={s} value={s}>{COMMITMENT_STATUS_LABELS[s][lang]}</option>
          ))}
        </select>
      </Row>
      <div className="crow">
        <div className="clabel">
          <span id={fieldLabelId('ogpValues')}>{field('ogpValues')}</span>
          <FieldPresence field="ogpValues" />
        </div>
        <fieldset className="cvalue checks" aria-labelledby={fieldLabelId('ogpValues')} data-field="ogpValues">
          {OGP_VALUES.map((v) => (
            <label key={v} className="check">
              <input type="checkbox" checked={ogp[v]} onChange={(e) => setOgp(doc, v, e.target.checked)} />
              {OGP_VALUE_LABELS[v][lang]}
            </label>
          ))}
        </fieldset>
      </div>
    </>
  );
}
