/**
 * The metadata rows of the commitment table: title, number and status, domain and lead
 * agency, dates, co-implementing agencies, the lead agency's contact, partners and OGP values. Short single values sit
 * two to a row, as in the printed table, so the rich-text sections start on the first screen.
 */
import { useIdentity } from '../identity/IdentityProvider.js';
import { MoveLeadDialog } from '../rights/MoveLeadDialog.js';
import type { ReactNode } from 'react';
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
import { ContactFields } from './ContactFields.js';
import { useCommitment } from './CommitmentContext.js';
import { FieldPresence } from './FieldPresence.js';
import { fieldLabelId, inputId } from './labelIds.js';

interface CellProps {
  field: string;
  label: string;
  /** False for read-only text, which has no control to point a <label> at. */
  control?: boolean;
  children: ReactNode;
}

/** A label cell and a value cell; two of them make a pair row. */
function Cell({ field, label, control = true, children }: CellProps) {
  return (
    <>
      <div className="clabel">
        {control ? (
          <label id={fieldLabelId(field)} htmlFor={inputId(field)}>{label}</label>
        ) : (
          <span id={fieldLabelId(field)}>{label}</span>
        )}
        <FieldPresence field={field} />
      </div>
      <div className="cvalue">{children}</div>
    </>
  );
}

function MetaInput({ metaKey, type = 'text', className }: { metaKey: Extract<MetaKey, 'number' | 'startDate' | 'endDate'>; type?: string; className?: string }) {
  const { doc, access } = useCommitment();
  const value = useMeta(doc, metaKey);
  return (
    <input readOnly={access !== 'write'} id={inputId(metaKey)} data-field={metaKey} type={type} className={className} value={value} onChange={(e) => setMeta(doc, metaKey, e.target.value)} />
  );
}

function StatusSelect() {
  const { doc, access } = useCommitment();
  const { lang } = useI18n();
  const status = useMeta(doc, 'status');
  return (
    <select disabled={access !== 'write'} id={inputId('status')} data-field="status" className="input-medium" value={status} onChange={(e) => setMeta(doc, 'status', e.target.value as typeof status)}>
      {COMMITMENT_STATUSES.map((s) => (
        <option key={s} value={s}>{COMMITMENT_STATUS_LABELS[s][lang]}</option>
      ))}
    </select>
  );
}

function OgpValues() {
  const { doc, access } = useCommitment();
  const { field, lang } = useI18n();
  const ogp = useOgp(doc);
  return (
    <div className="crow">
      <div className="clabel">
        <span id={fieldLabelId('ogpValues')}>{field('ogpValues')}</span>
        <FieldPresence field="ogpValues" />
      </div>
      <fieldset className="cvalue checks" aria-labelledby={fieldLabelId('ogpValues')} data-field="ogpValues">
        {OGP_VALUES.map((v) => (
          <label key={v} className="check">
            <input type="checkbox" disabled={access !== 'write'} checked={ogp[v]} onChange={(e) => setOgp(doc, v, e.target.checked)} />
            {OGP_VALUE_LABELS[v][lang]}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

export function MetaFields({ domainName }: { domainName: Bilingual | null }) {
  const { doc, commitmentId } = useCommitment();
  const coordinator = useIdentity().identity?.user.role === 'coordinator';
  const { t, field, lang } = useI18n();
  const lead = useMeta(doc, 'leadAgency');
  return (
    <>
      <BilingualTextField fieldKey="title" />
      <div className="crow crow-pair">
        <Cell field="number" label={field('number')}>
          <MetaInput metaKey="number" className="input-short" />
        </Cell>
        <Cell field="status" label={field('status')}>
          <StatusSelect />
        </Cell>
      </div>
      <div className="crow crow-pair">
        <Cell field="domain" label={field('domain')} control={false}>
          <p className="readonly-value">{domainName?.[lang] || domainName?.zh || '—'}</p>
        </Cell>
        <Cell field="leadAgency" label={field('leadAgency')} control={false}>
          <p className="readonly-value" data-field="leadAgency">
            {lead[lang] || lead.zh || '—'}
            {!coordinator && <span className="hint-inline">{t('leadAgencyNote')}</span>}
          </p>
          {coordinator && <MoveLeadDialog commitmentId={commitmentId} lead={lead} />}
        </Cell>
      </div>
      <div className="crow crow-pair">
        <Cell field="startDate" label={field('startDate')}>
          <MetaInput metaKey="startDate" type="date" className="input-medium" />
        </Cell>
        <Cell field="endDate" label={field('endDate')}>
          <MetaInput metaKey="endDate" type="date" className="input-medium" />
        </Cell>
      </div>
      <CoAgencies />
      <ContactFields />
      <BilingualTextField fieldKey="partners" multiline />
      <OgpValues />
    </>
  );
}
