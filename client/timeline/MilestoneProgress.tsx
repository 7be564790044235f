/**
 * A commitment's milestone progress in a line: "3 done · 1 late of 5" and a small bar (done,
 * late, the rest) whose label says the same. On the plan overview (live milestones) and the
 * public plan page (the published version's).
 */
import { milestoneProgress, type MilestoneDue } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useToday } from './useToday.js';
import './timeline.css';

const percent = (n: number, total: number) => `${(100 * n) / total}%`;

export function MilestoneProgress({ milestones }: { milestones: readonly MilestoneDue[] | undefined }) {
  const { t } = useI18n();
  const today = useToday();
  // A summary cached by an older server has no milestones: say nothing rather than "none".
  if (!milestones) return null;
  const p = milestoneProgress(milestones, today);
  if (p.state === 'none') return <span className="ms-progress muted" data-state="none">{t('progressNone')}</span>;
  const vars = { done: p.done, late: p.late, total: p.total, soon: p.dueSoon };
  const text = t('progressSummary', vars) + (p.dueSoon > 0 ? t('progressDueSoon', vars) : '');
  return (
    <span className="ms-progress" data-state={p.state}>
      <span className="ms-progress-bar" role="img" aria-label={t('progressLabel', vars)}>
        <span className="ms-progress-done" style={{ width: percent(p.done, p.total) }} />
        <span className="ms-progress-late" style={{ width: percent(p.late, p.total) }} />
      </span>
      <span className="ms-progress-text">{text}</span>
    </span>
  );
}
