/**
 * The badge a milestone gets when it is overdue or due soon: a word, not only a colour, and
 * optionally its due date. Everything else (done, on time, undated) shows no badge.
 */
import { milestoneTiming, type MilestoneDue, type MilestoneTiming } from '../../shared/schema/index.js';
import { formatDate } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useToday } from './useToday.js';

/** The timings that get a badge. */
export const isFlagged = (timing: MilestoneTiming) => timing === 'overdue' || timing === 'due_soon';

interface Props {
  milestone: MilestoneDue;
  /** Also say the due date (where it is not printed next to the badge already). */
  withDate?: boolean;
  /** For `aria-describedby` from the milestone's due-date field. */
  id?: string;
  /** `YYYY-MM-DD` in Taiwan; the real day when absent. */
  today?: string;
}

export function MilestoneFlag({ milestone, withDate = false, id, today }: Props) {
  const { t, lang } = useI18n();
  const liveToday = useToday();
  const timing = milestoneTiming(milestone, today ?? liveToday);
  if (!isFlagged(timing)) return null;
  const date = formatDate(milestone.due.trim(), lang);
  const text = timing === 'overdue'
    ? withDate ? t('milestoneOverdueOn', { date }) : t('milestoneOverdue')
    : withDate ? t('milestoneDueSoonOn', { date }) : t('milestoneDueSoon');
  return <span id={id} className={`badge ms-timing ms-timing-${timing}`} data-timing={timing}>{text}</span>;
}
