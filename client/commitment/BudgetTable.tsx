/**
 * The budget, year by year, as an editable table beside the milestones: the same row
 * machinery (rows keyed by id, ordered by fractional keys, so two people adding or deleting
 * at once both keep their change), the same keyboard flow, and a total under the rows.
 */
import { useEffect, useRef, useState } from 'react';
import {
  addBudgetRow,
  budgetAmount,
  budgetOrder,
  budgetText,
  budgetTotal,
  fiscalYearText,
  moveBudgetRow,
  removeBudgetRow,
  setBudgetValue,
  type BudgetTextKey,
  type BudgetValueKey,
  type Lang,
} from '../../shared/schema/index.js';
import { useBudgetAmounts, useBudgetOrder, useBudgetValue } from '../editor/bindings/commitmentHooks.js';
import { localeOf } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ArrowDownIcon, ArrowUpIcon, PlusIcon, TrashIcon } from '../ui/icons.js';
import { langsOf, useCommitment } from './CommitmentContext.js';
import { FieldPresence } from './FieldPresence.js';
import { LangTag } from './LangTag.js';
import { inputId, langTagId } from './labelIds.js';
import { TextCell } from './TextCell.js';

const COLUMNS = ['number', 'year', 'amount', 'source', 'note', 'actions'] as const;
type Column = (typeof COLUMNS)[number];
const colId = (col: Column) => `bg-col-${col}`;
const rowId = (id: string) => `bg-row-${id}`;
const cellLabel = (col: Column, id: string, lang?: Lang) => [colId(col), rowId(id), lang ? langTagId(lang) : ''].filter(Boolean).join(' ');

type RowAction = 'up' | 'down' | 'delete';

export function BudgetTable() {
  const { doc, access } = useCommitment();
  const writable = access === 'write';
  const { t, field, lang } = useI18n();
  const order = useBudgetOrder(doc);
  const amounts = useBudgetAmounts(doc);
  const ref = useRef<HTMLElement>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const total = budgetTotal(order.length ? amounts.split('\u0000').map((amount) => ({ amount })) : []);

  useEffect(() => {
    if (!focus) return;
    ref.current?.querySelector<HTMLElement>(focus)?.focus();
    setFocus(null);
  }, [focus, order]);

  const add = () => {
    const id = addBudgetRow(doc);
    setAnnouncement(t('budgetRowAdded', { n: budgetOrder(doc).indexOf(id) + 1 }));
    setFocus(`#${CSS.escape(inputId(`budget.${id}.year`))}`);
  };

  const onAction = (id: string, action: RowAction) => {
    const current = budgetOrder(doc);
    const index = current.indexOf(id);
    if (action === 'delete') {
      removeBudgetRow(doc, id);
      setAnnouncement(t('budgetRowDeleted'));
      const next = current[index + 1] ?? current[index - 1];
      setFocus(next ? `[data-budget-row="${next}"] [data-action="delete"]` : '[data-action="add-budget"]');
      return;
    }
    const to = action === 'up' ? index - 1 : index + 1;
    if (to < 0 || to >= current.length) return;
    moveBudgetRow(doc, id, to);
    setAnnouncement(t('budgetRowMoved', { n: to + 1 }));
    const edge = (action === 'up' && to === 0) || (action === 'down' && to === current.length - 1);
    setFocus(`[data-budget-row="${id}"] [data-action="${edge ? (action === 'up' ? 'down' : 'up') : action}"]`);
  };

  const columns = COLUMNS.filter((c) => writable || c !== 'actions');
  return (
    <section className="milestones budget" aria-labelledby="budget-heading" ref={ref}>
      <h3 id="budget-heading" className="block-heading">{field('budget')}</h3>
      {/* A scrolling region is reached from the keyboard even while it holds no field (axe: scrollable-region-focusable). */}
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="budget-heading">
        <table className="ms-table bg-table" aria-labelledby="budget-heading">
          <thead>
            <tr>
              {columns.map((col) => (
                <th key={col} id={colId(col)} scope="col" className={`bg-col-${col}`}>
                  {col === 'number' ? t('colNumber') : col === 'actions' ? t('colActions') : field(col)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {order.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="empty">{t('noBudget')}</td>
              </tr>
            )}
            {order.map((id, index) => (
              <BudgetRow key={id} id={id} index={index} count={order.length} onAction={writable ? onAction : null} />
            ))}
          </tbody>
          {order.length > 0 && (
            <tfoot>
              <tr>
                <th scope="row" colSpan={2} className="bg-total-label">{field('budgetTotal')}</th>
                <td className="bg-col-amount" data-field="budget.total">
                  {t('budgetTotalValue', { amount: total.toLocaleString(localeOf(lang)) })}
                </td>
                <td colSpan={columns.length - 3} />
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      {writable && (
        <button type="button" className="button add-row" data-action="add-budget" onClick={add}>
          <PlusIcon /> {t('addBudgetRow')}
        </button>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>
    </section>
  );
}

function BudgetRow({ id, index, count, onAction }: { id: string; index: number; count: number; onAction: ((id: string, a: RowAction) => void) | null }) {
  const { t, field } = useI18n();
  const n = index + 1;
  return (
    <tr data-budget-row={id}>
      <th scope="row" className="ms-col-number" data-label={t('colNumber')}>
        <span id={rowId(id)}>{n}</span>
        <FieldPresence field={`budget.${id}`} />
      </th>
      <td className="bg-col-year" data-label={field('year')}>
        <YearInput id={id} />
      </td>
      <td className="bg-col-amount" data-label={field('amount')}>
        <ValueInput id={id} valueKey="amount" />
      </td>
      <td className="bg-col-source" data-label={field('source')}>
        <BilingualCell id={id} textKey="source" />
      </td>
      <td className="bg-col-note" data-label={field('note')}>
        <BilingualCell id={id} textKey="note" />
      </td>
      {onAction && (
        <td className="ms-col-actions" data-label={t('colActions')}>
          <div className="row-actions">
            <button type="button" className="icon-button" data-action="up" aria-label={t('budgetMoveUp', { n })} title={t('budgetMoveUp', { n })} disabled={index === 0} onClick={() => onAction(id, 'up')}>
              <ArrowUpIcon />
            </button>
            <button type="button" className="icon-button" data-action="down" aria-label={t('budgetMoveDown', { n })} title={t('budgetMoveDown', { n })} disabled={index === count - 1} onClick={() => onAction(id, 'down')}>
              <ArrowDownIcon />
            </button>
            <button type="button" className="icon-button danger" data-action="delete" aria-label={t('budgetDeleteRow', { n })} title={t('budgetDeleteRow', { n })} onClick={() => onAction(id, 'delete')}>
              <TrashIcon />
            </button>
          </div>
        </td>
      )}
    </tr>
  );
}

function ValueInput({ id, valueKey, describedBy }: { id: string; valueKey: BudgetValueKey; describedBy?: string }) {
  const { doc, access } = useCommitment();
  const value = useBudgetValue(doc, id, valueKey);
  const path = `budget.${id}.${valueKey}`;
  const invalid = valueKey === 'amount' && value.trim() !== '' && budgetAmount(value) === null;
  return (
    <input
      id={inputId(path)}
      data-field={path}
      type="text"
      inputMode={valueKey === 'amount' ? 'decimal' : 'numeric'}
      value={value}
      aria-labelledby={cellLabel(valueKey, id)}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      readOnly={access !== 'write'}
      onChange={(e) => setBudgetValue(doc, id, valueKey, e.target.value)}
    />
  );
}

/** The year as typed (AD) with the reading people know, 115年 (2026), which the field points to. */
function YearInput({ id }: { id: string }) {
  const { doc } = useCommitment();
  const { t } = useI18n();
  const year = useBudgetValue(doc, id, 'year');
  const hintId = `bg-year-${id}`;
  const shown = fiscalYearText(year);
  return (
    <>
      <ValueInput id={id} valueKey="year" describedBy={hintId} />
      <span id={hintId} className="hint-inline">{shown && shown !== year ? shown : t('budgetYearHint')}</span>
    </>
  );
}

function BilingualCell({ id, textKey }: { id: string; textKey: BudgetTextKey }) {
  const { doc, viewMode } = useCommitment();
  return (
    <div className="ms-langs">
      {langsOf(viewMode).map((lang) => (
        <div key={lang} className="lang-cell">
          {viewMode === 'both' && <LangTag lang={lang} />}
          <TextCell ytext={budgetText(doc, id, textKey, lang)} lang={lang} field={`budget.${id}.${textKey}.${lang}`} labelledBy={cellLabel(textKey, id, lang)} multiline />
        </div>
      ))}
    </div>
  );
}
