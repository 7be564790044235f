/** One field change with who made it: inline redline or side by side, for every kind of FieldChange. */
import type { ReactNode } from 'react';
import type { FieldChange } from '../../shared/diff/index.js';
import { COMMITMENT_STATUS_LABELS, MILESTONE_STATUS_LABELS, OGP_VALUE_LABELS, type Agency, type Bilingual, type BudgetRowJSON, type DomainJSON, type MilestoneJSON, fiscalYearText } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Authors } from './Authors.js';
import { changeLabel } from './changeInfo.js';
import { Del, Ins, OldNew, Segments } from './DiffText.js';
import { RichDiff, RichDiffSideBySide } from './RichDiff.js';

export type DiffMode = 'inline' | 'side';

interface Props {
  change: FieldChange;
  mode: DiffMode;
  /** Column headings of side-by-side mode (the two versions' names). */
  beforeLabel: string;
  afterLabel: string;
  rowOf: (milestoneId: string) => number | null;
  domains: DomainJSON[];
  /** The restore button of a section change, when the person may restore it. */
  action?: ReactNode;
  /** Heading level of the change's label (4 inside a plan comparison's commitment sections). */
  level?: 3 | 4;
  /** False where no one has made the change yet (an import's preview). */
  showAuthors?: boolean;
}

function useValueText(domains: DomainJSON[]) {
  const { lang } = useI18n();
  const pick = (b: Bilingual | undefined, fallback: string) => (b ? b[lang] || b.zh : fallback);
  return (c: Extract<FieldChange, { kind: 'value' }>, v: string) => {
    if (c.field === 'status') return pick((c.milestoneId ? MILESTONE_STATUS_LABELS : COMMITMENT_STATUS_LABELS)[v as never], v);
    if (c.field === 'domainId') return pick(domains.find((d) => d.id === v)?.name, v);
    if (c.field === 'year') return fiscalYearText(v);
    return v;
  };
}

function MilestoneCells({ m, mark }: { m: MilestoneJSON; mark: 'ins' | 'del' }) {
  const { field, lang } = useI18n();
  const Mark = mark === 'ins' ? Ins : Del;
  const status = MILESTONE_STATUS_LABELS[m.status];
  const cells: Array<[string, string]> = [
    ['period', m.period],
    ['start', m.start ?? ''],
    ['text', m.text[lang] || m.text.zh],
    ['indicator', m.indicator[lang] || m.indicator.zh],
    ['due', m.due],
    ['status', status ? status[lang] : m.status],
    ['evidence', m.evidence],
  ];
  return (
    <dl className="diff-cells">
      {cells.filter(([, v]) => v).map(([k, v]) => (
        <div key={k}>
          <dt>{field(k)}</dt>
          <dd><Mark>{v}</Mark></dd>
        </div>
      ))}
    </dl>
  );
}

function BudgetCells({ b, mark }: { b: BudgetRowJSON; mark: 'ins' | 'del' }) {
  const { field, lang } = useI18n();
  const Mark = mark === 'ins' ? Ins : Del;
  const cells: Array<[string, string]> = [
    ['year', fiscalYearText(b.year)],
    ['amount', b.amount],
    ['source', b.source[lang] || b.source.zh],
    ['note', b.note[lang] || b.note.zh],
  ];
  return (
    <dl className="diff-cells">
      {cells.filter(([, v]) => v).map(([k, v]) => (
        <div key={k}>
          <dt>{field(k)}</dt>
          <dd><Mark>{v}</Mark></dd>
        </div>
      ))}
    </dl>
  );
}

const agencyName = (a: Agency, lang: 'zh' | 'en') => a[lang] || a.zh;

/** The body of a change in one layout; `side` limits it to the old or the new version. */
function Body({ c, side, domains }: { c: FieldChange; side?: 'before' | 'after'; domains: DomainJSON[] }) {
  const { t, lang } = useI18n();
  const valueText = useValueText(domains);
  switch (c.kind) {
    case 'value':
      return <OldNew old={valueText(c, c.old)} neu={valueText(c, c.new)} side={side} />;
    case 'text':
      return <Segments segments={c.segments} side={side} />;
    case 'rich':
      return <RichDiff blocks={c.blocks} side={side} />;
    case 'leadAgency':
      return <OldNew old={agencyName(c.old, lang)} neu={agencyName(c.new, lang)} side={side} />;
    case 'coAgencies': {
      const list = side === 'after' ? c.new : c.old;
      const marked = side === 'after' ? c.added : c.removed;
      if (!side) return <OldNew old={c.old.map((a) => agencyName(a, lang)).join(t('listSeparator'))} neu={c.new.map((a) => agencyName(a, lang)).join(t('listSeparator'))} />;
      const Mark = side === 'after' ? Ins : Del;
      return <span>{list.length ? list.map((a, i) => <span key={a.id}>{i > 0 && t('listSeparator')}{marked.some((m) => m.id === a.id) ? <Mark>{agencyName(a, lang)}</Mark> : agencyName(a, lang)}</span>) : t('diffEmpty')}</span>;
    }
    case 'ogp': {
      const name = OGP_VALUE_LABELS[c.value][lang];
      const box = (on: boolean) => t('diffOgpState', { box: on ? '☑' : '☐', name, state: t(on ? 'diffChecked' : 'diffUnchecked') });
      return <OldNew old={box(c.old)} neu={box(c.new)} side={side} />;
    }
    case 'milestoneAdded':
      return side === 'before' ? <span className="muted">—</span> : <MilestoneCells m={c.new} mark="ins" />;
    case 'milestoneRemoved':
      return side === 'after' ? <span className="muted">—</span> : <MilestoneCells m={c.old} mark="del" />;
    case 'budgetAdded':
      return side === 'before' ? <span className="muted">—</span> : <BudgetCells b={c.new} mark="ins" />;
    case 'budgetRemoved':
      return side === 'after' ? <span className="muted">—</span> : <BudgetCells b={c.old} mark="del" />;
    default:
      return side ? <span>{t('diffRow', { n: (side === 'before' ? c.old : c.new) + 1 })}</span> : <OldNew old={t('diffRow', { n: c.old + 1 })} neu={t('diffRow', { n: c.new + 1 })} />;
  }
}

export function ChangeView({ change, mode, beforeLabel, afterLabel, rowOf, domains, action, level = 3, showAuthors = true }: Props) {
  const i18n = useI18n();
  const Heading = level === 4 ? 'h4' : 'h3';
  const label = changeLabel(change, i18n, rowOf);
  return (
    <li className={`change change-${change.kind}`} data-path={change.path}>
      <div className="change-head">
        <Heading className="change-label">{label}</Heading>
        {action}
      </div>
      {showAuthors && <Authors authors={change.authors} />}
      {mode === 'inline' ? (
        <div className="change-body"><Body c={change} domains={domains} /></div>
      ) : change.kind === 'rich' ? (
        <RichDiffSideBySide blocks={change.blocks} beforeLabel={beforeLabel} afterLabel={afterLabel} />
      ) : (
        <table className="side-table">
          <thead>
            <tr>
              <th scope="col">{beforeLabel}</th>
              <th scope="col">{afterLabel}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td><Body c={change} side="before" domains={domains} /></td>
              <td><Body c={change} side="after" domains={domains} /></td>
            </tr>
          </tbody>
        </table>
      )}
    </li>
  );
}
