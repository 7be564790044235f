/**
 * The milestone / KPI rows as an editable table: add, delete, move up and down with buttons
 * that work from the keyboard (focus follows the row), every text cell collaborative.
 */
import { useEffect, useRef, useState } from 'react';
import { addMilestone, milestoneOrder, moveMilestone, plainText, removeMilestone } from '../../shared/schema/index.js';
import { useMilestoneOrder } from '../editor/bindings/commitmentHooks.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PlusIcon } from '../ui/icons.js';
import { langsOf, useCommitment } from './CommitmentContext.js';
import { inputId } from './labelIds.js';
import { MilestoneRow, type RowAction } from './MilestoneRow.js';
import { MILESTONE_COLUMNS, columnHeaderId } from './milestoneColumns.js';

/** Where focus goes after the table changed under the keyboard. */
type FocusTarget = { selector: string } | null;

export function MilestoneTable() {
  const { doc, viewMode, access } = useCommitment();
  const writable = access === 'write';
  const { t, field } = useI18n();
  const order = useMilestoneOrder(doc);
  const tableRef = useRef<HTMLDivElement>(null);
  const [focusTarget, setFocusTarget] = useState<FocusTarget>(null);
  const [announcement, setAnnouncement] = useState('');
  const firstLang = langsOf(viewMode)[0]!;

  useEffect(() => {
    if (!focusTarget) return;
    const el = tableRef.current?.querySelector<HTMLElement>(focusTarget.selector);
    if (el) el.focus();
    setFocusTarget(null);
  }, [focusTarget, order]);

  const add = () => {
    const id = addMilestone(doc);
    const n = milestoneOrder(doc).indexOf(id) + 1;
    setAnnouncement(t('milestoneAdded', { n }));
    // Straight into the new row's milestone text, so the keyboard user can type at once.
    setFocusTarget({ selector: `#${CSS.escape(inputId(`milestone.${id}.text.${firstLang}`))}` });
  };

  const onAction = (id: string, action: RowAction) => {
    const current = milestoneOrder(doc);
    const index = current.indexOf(id);
    if (action === 'delete') {
      const hasContent = (['text', 'indicator'] as const).some((k) =>
        plainText(doc, `milestone.${id}.${k}`, 'zh').trim() || plainText(doc, `milestone.${id}.${k}`, 'en').trim(),
      );
      if (hasContent && !window.confirm(t('confirmDeleteRow', { n: index + 1 }))) return;
      removeMilestone(doc, id);
      setAnnouncement(t('milestoneDeleted'));
      const next = current[index + 1] ?? current[index - 1];
      setFocusTarget({ selector: next ? `[data-row="${next}"] [data-action="delete"]` : '[data-action="add-milestone"]' });
      return;
    }
    const to = action === 'up' ? index - 1 : index + 1;
    if (to < 0 || to >= current.length) return;
    moveMilestone(doc, id, to);
    setAnnouncement(t('milestoneMoved', { n: to + 1 }));
    // Keep focus on the same button unless it just became disabled at the edge.
    const edge = (action === 'up' && to === 0) || (action === 'down' && to === current.length - 1);
    const keep = edge ? (action === 'up' ? 'down' : 'up') : action;
    setFocusTarget({ selector: `[data-row="${id}"] [data-action="${keep}"]` });
  };

  return (
    <section className="milestones" aria-labelledby="milestones-heading" ref={tableRef}>
      <h3 id="milestones-heading" className="block-heading">{field('milestones')}</h3>
      <div className="table-scroll">
        <table className="ms-table" aria-labelledby="milestones-heading">
          <thead>
            <tr>
              {MILESTONE_COLUMNS.filter((col) => writable || col !== 'actions').map((col) => (
                <th key={col} id={columnHeaderId(col)} scope="col" className={`ms-col-${col}`}>
                  {col === 'number' ? t('colNumber') : col === 'actions' ? t('colActions') : field(col)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {order.length === 0 && (
              <tr>
                <td colSpan={MILESTONE_COLUMNS.length} className="empty">{t('noMilestones')}</td>
              </tr>
            )}
            {order.map((id, index) => (
              <MilestoneRow key={id} id={id} index={index} count={order.length} onAction={writable ? onAction : null} />
            ))}
          </tbody>
        </table>
      </div>
      {writable && (
        <button type="button" className="button add-row" data-action="add-milestone" onClick={add}>
          <PlusIcon /> {t('addMilestone')}
        </button>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>
    </section>
  );
}
