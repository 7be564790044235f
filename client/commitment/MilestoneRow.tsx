/** One milestone row: collaborative text cells, single-value cells and row actions. */
import {
  MILESTONE_STATUSES,
  MILESTONE_STATUS_LABELS,
  markTranslated,
  milestoneText,
  milestoneTiming,
  setMilestoneValue,
  type Lang,
  type MilestoneStatus,
  type MilestoneTextKey,
  type MilestoneValueKey,
} from '../../shared/schema/index.js';
import { useMilestoneValue } from '../editor/bindings/commitmentHooks.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { MilestoneFlag, isFlagged } from '../timeline/MilestoneFlag.js';
import { useToday } from '../timeline/useToday.js';
import { ArrowDownIcon, ArrowUpIcon, TrashIcon } from '../ui/icons.js';
import { langsOf, useCommitment } from './CommitmentContext.js';
import { FieldPresence } from './FieldPresence.js';
import { LangTag } from './LangTag.js';
import { inputId, langTagId } from './labelIds.js';
import { columnHeaderId, rowHeaderId, type MilestoneColumn } from './milestoneColumns.js';
import { OutdatedNote } from './OutdatedNote.js';
import { TextCell } from './TextCell.js';

export type RowAction = 'up' | 'down' | 'delete';

interface Props {
  id: string;
  index: number;
  count: number;
  /** Null when this person may not add, move or delete rows. */
  onAction: ((id: string, action: RowAction) => void) | null;
}

/** "里程碑 2 （中文）": column header, row number, language. */
const cellLabel = (col: MilestoneColumn, id: string, lang?: Lang) =>
  [columnHeaderId(col), rowHeaderId(id), lang ? langTagId(lang) : ''].filter(Boolean).join(' ');

export function MilestoneRow({ id, index, count, onAction }: Props) {
  const { t, field } = useI18n();
  const n = index + 1;
  return (
    <tr data-row={id}>
      <th scope="row" className="ms-col-number" data-label={t('colNumber')}>
        <span id={rowHeaderId(id)}>{n}</span>
        <FieldPresence field={`milestone.${id}`} />
      </th>
      <td className="ms-col-period" data-label={field('period')}>
        <ValueInput id={id} valueKey="period" />
      </td>
      <td className="ms-col-text" data-label={field('text')}>
        <BilingualCell id={id} textKey="text" />
      </td>
      <td className="ms-col-indicator" data-label={field('indicator')}>
        <BilingualCell id={id} textKey="indicator" />
      </td>
      <td className="ms-col-start" data-label={field('start')}>
        <ValueInput id={id} valueKey="start" type="date" />
      </td>
      <td className="ms-col-due" data-label={field('due')}>
        <DueCell id={id} />
      </td>
      <td className="ms-col-status" data-label={field('status')}>
        <StatusSelect id={id} />
      </td>
      <td className="ms-col-evidence" data-label={field('evidence')}>
        <ValueInput id={id} valueKey="evidence" type="url" />
      </td>
      {onAction && <td className="ms-col-actions" data-label={t('colActions')}>
        <div className="row-actions">
          <button type="button" className="icon-button" data-action="up" aria-label={t('moveUp', { n })} title={t('moveUp', { n })} disabled={index === 0} onClick={() => onAction(id, 'up')}>
            <ArrowUpIcon />
          </button>
          <button type="button" className="icon-button" data-action="down" aria-label={t('moveDown', { n })} title={t('moveDown', { n })} disabled={index === count - 1} onClick={() => onAction(id, 'down')}>
            <ArrowDownIcon />
          </button>
          <button type="button" className="icon-button danger" data-action="delete" aria-label={t('deleteRow', { n })} title={t('deleteRow', { n })} onClick={() => onAction(id, 'delete')}>
            <TrashIcon />
          </button>
        </div>
      </td>}
    </tr>
  );
}

function BilingualCell({ id, textKey }: { id: string; textKey: MilestoneTextKey }) {
  const { doc, viewMode } = useCommitment();
  const { field } = useI18n();
  const langs = langsOf(viewMode);
  return (
    <div className="ms-langs">
      {langs.map((lang) => (
        <div key={lang} className="lang-cell">
          {viewMode === 'both' && <LangTag lang={lang} />}
          <TextCell
            ytext={milestoneText(doc, id, textKey, lang)}
            lang={lang}
            field={`milestone.${id}.${textKey}.${lang}`}
            labelledBy={cellLabel(textKey, id, lang)}
            multiline
            onLocalChange={lang === 'en' ? () => markTranslated(doc, `milestone.${id}.${textKey}`) : undefined}
          />
          {lang === 'en' && <OutdatedNote path={`milestone.${id}.${textKey}`} name={field(textKey)} />}
        </div>
      ))}
    </div>
  );
}

/** The due date with its overdue / due-soon badge, which the date field points to for screen readers. */
function DueCell({ id }: { id: string }) {
  const { doc } = useCommitment();
  const due = useMilestoneValue(doc, id, 'due');
  const status = useMilestoneValue(doc, id, 'status') as MilestoneStatus;
  const today = useToday();
  const flagId = `ms-timing-${id}`;
  const flagged = isFlagged(milestoneTiming({ due, status }, today));
  return (
    <>
      <ValueInput id={id} valueKey="due" type="date" describedBy={flagged ? flagId : undefined} />
      <MilestoneFlag milestone={{ due, status }} today={today} withDate id={flagId} />
    </>
  );
}

function ValueInput({ id, valueKey, type = 'text', describedBy }: { id: string; valueKey: Exclude<MilestoneValueKey, 'status'>; type?: string; describedBy?: string }) {
  const { doc, access } = useCommitment();
  const value = useMilestoneValue(doc, id, valueKey);
  const path = `milestone.${id}.${valueKey}`;
  return (
    <input
      id={inputId(path)}
      data-field={path}
      type={type}
      value={value}
      aria-labelledby={cellLabel(valueKey, id)}
      aria-describedby={describedBy}
      readOnly={access !== 'write'}
      onChange={(e) => setMilestoneValue(doc, id, valueKey, e.target.value)}
    />
  );
}

function StatusSelect({ id }: { id: string }) {
  const { doc, access } = useCommitment();
  const { lang } = useI18n();
  const value = useMilestoneValue(doc, id, 'status');
  const path = `milestone.${id}.status`;
  return (
    <select disabled={access !== 'write'} id={inputId(path)} data-field={path} value={value} aria-labelledby={cellLabel('status', id)} onChange={(e) => setMilestoneValue(doc, id, 'status', e.target.value)}>
      {MILESTONE_STATUSES.map((s) => (
        <option key={s} value={s}>{MILESTONE_STATUS_LABELS[s][lang]}</option>
      ))}
    </select>
  );
}
