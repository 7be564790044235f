/**
 * Inline redline marks: deletions struck through, insertions underlined (colour is only a
 * second cue), each announced by hidden text, since screen readers ignore <del>/<ins>.
 */
import type { ReactNode } from 'react';
import type { TextSegment } from '../../shared/diff/index.js';
import { useI18n } from '../i18n/I18nProvider.js';

export function Del({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <del className="diff-del">
      <span className="visually-hidden">{t('diffDelStart')}</span>
      {children}
      <span className="visually-hidden">{t('diffMarkEnd')}</span>
    </del>
  );
}

export function Ins({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <ins className="diff-ins">
      <span className="visually-hidden">{t('diffInsStart')}</span>
      {children}
      <span className="visually-hidden">{t('diffMarkEnd')}</span>
    </ins>
  );
}

/**
 * An inline text diff. `side` shows one version only (side-by-side mode): the old text with
 * its deletions marked, or the new text with its insertions marked.
 */
export function Segments({ segments, side }: { segments: TextSegment[]; side?: 'before' | 'after' }) {
  return (
    <span className="diff-text">
      {segments.map((s, i) => {
        if (s.op === 'equal') return <span key={i}>{s.text}</span>;
        if (s.op === 'delete') return side === 'after' ? null : <Del key={i}>{s.text}</Del>;
        return side === 'before' ? null : <Ins key={i}>{s.text}</Ins>;
      })}
    </span>
  );
}

/** `old → new` for a replaced value; empty values read as "(empty)". */
export function OldNew({ old, neu, side }: { old: ReactNode; neu: ReactNode; side?: 'before' | 'after' }) {
  const { t } = useI18n();
  const show = (v: ReactNode) => (v === '' || v === null || v === undefined ? t('diffEmpty') : v);
  if (side === 'before') return <Del>{show(old)}</Del>;
  if (side === 'after') return <Ins>{show(neu)}</Ins>;
  return (
    <span className="diff-text">
      <Del>{show(old)}</Del>
      <span aria-hidden="true"> → </span>
      <span className="visually-hidden">{t('diffBecomes')}</span>
      <Ins>{show(neu)}</Ins>
    </span>
  );
}
