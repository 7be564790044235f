/**
 * Review meetings, snapshots and milestone due dates on one dated list, grouped by month,
 * with today marked. Used by the signed-in timeline and the public site.
 */
import type { ReactNode } from 'react';
import type { TimelineItem } from '../../shared/protocol/public.js';
import { MILESTONE_STATUS_LABELS } from '../../shared/schema/index.js';
import { formatDate, formatMonth } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';
import { MilestoneFlag } from './MilestoneFlag.js';
import { useToday } from './useToday.js';
import './timeline.css';

interface Props {
  items: TimelineItem[];
  /** Where a milestone's commitment opens. */
  commitmentHref: (id: string) => string;
  /** Something to show after an item (a "publish" button for coordinators). */
  extra?: (item: TimelineItem) => ReactNode;
  /** `YYYY-MM-DD` of today in Taiwan (a parameter so tests can fix it). */
  today?: string;
}

const KIND_KEY = { meeting: 'timelineMeeting', snapshot: 'timelineSnapshot', milestone: 'timelineMilestone' } as const;
const keyOf = (i: TimelineItem) => `${i.kind}:${i.kind === 'milestone' ? `${i.commitmentId}:${i.milestoneId}` : i.cycleId}`;

export function TimelineList({ items, commitmentHref, extra, today: fixedToday }: Props) {
  const { t, lang } = useI18n();
  const liveToday = useToday();
  const today = fixedToday ?? liveToday;
  const groups = new Map<string, TimelineItem[]>();
  for (const item of items) {
    const key = item.date.slice(0, 7);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  if (items.length === 0) return <p className="empty-note">{t('timelineEmpty')}</p>;
  return (
    <div className="tl">
      {[...groups].map(([ym, list]) => (
        <section key={ym} className={`tl-month${ym === today.slice(0, 7) ? ' is-current' : ''}`} aria-label={formatMonth(ym, lang)}>
          <h2 className="tl-month-title">
            {formatMonth(ym, lang)}
            {ym === today.slice(0, 7) && <span className="badge tl-today">{t('timelineToday')}</span>}
          </h2>
          <ol className="tl-items">
            {list.map((item) => (
              <li key={keyOf(item)} className={`tl-item tl-${item.kind}${item.date < today ? ' is-past' : ''}`}>
                <time dateTime={item.date} className="tl-date">{formatDate(item.date, lang)}</time>
                <span className={`badge tl-kind tl-kind-${item.kind}`}>{t(KIND_KEY[item.kind])}</span>
                <span className="tl-text">
                  {item.kind === 'milestone' ? (
                    <>
                      <Link href={commitmentHref(item.commitmentId)}>
                        <span className="commitment-number">{item.commitmentNumber}</span> {item.commitmentTitle[lang] || item.commitmentTitle.zh}
                      </Link>
                      {' · '}
                      {item.text[lang] || item.text.zh}
                      <span className={`badge ms-status-${item.status}`}>{MILESTONE_STATUS_LABELS[item.status]?.[lang] ?? item.status}</span>
                      <MilestoneFlag milestone={{ due: item.date, status: item.status }} today={today} />
                    </>
                  ) : (
                    <>
                      {item.label}
                      {item.published && <span className="badge tl-published">{t('timelinePublished')}</span>}
                    </>
                  )}
                </span>
                {extra?.(item)}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
