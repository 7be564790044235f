/**
 * Marks an English text as older than its Chinese, with the translator's "mark as up to date"
 * and, on request, what changed in the Chinese since the English was last marked current (the
 * text diff of the two Chinese versions), so the translator edits what changed instead of
 * rereading the whole field.
 */
import { useId, useState } from 'react';
import type * as Y from 'yjs';
import { diffText } from '../../shared/diff/index.js';
import { englishBasisText, markTranslated, plainText, type TranslationPath } from '../../shared/schema/index.js';
import { useEnglishOutdated } from '../editor/bindings/commitmentHooks.js';
import { useDocValue } from '../editor/bindings/useYValue.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { canEdit } from '../identity/access.js';
import { Segments } from '../versions/DiffText.js';
import { useCommitment } from './CommitmentContext.js';

/** @param name the field's label, so each button says which English it marks. */
export function OutdatedNote({ path, name }: { path: TranslationPath; name: string }) {
  const { doc, access } = useCommitment();
  const { t } = useI18n();
  const outdated = useEnglishOutdated(doc, path);
  const [open, setOpen] = useState(false);
  const boxId = useId();
  if (!outdated) return null;
  return (
    <span className="outdated">
      <span className="badge badge-warn" title={t('outdatedHint')}>
        {t('outdated')}
      </span>
      <button type="button" className="link-button" aria-expanded={open} aria-controls={boxId} aria-label={t('outdatedShowChangeFor', { name })} onClick={() => setOpen((o) => !o)}>
        {t('outdatedShowChange')}
      </button>
      {canEdit(access, 'en') && <button type="button" className="link-button" aria-label={`${t('markUpToDate')}：${name}`} onClick={() => markTranslated(doc, path)}>
        {t('markUpToDate')}
      </button>}
      {open && <ChineseChange id={boxId} doc={doc} path={path} />}
    </span>
  );
}

function ChineseChange({ id, doc, path }: { id: string; doc: Y.Doc; path: TranslationPath }) {
  const { t } = useI18n();
  const before = useDocValue(doc, () => englishBasisText(doc, path), [path]);
  const now = useDocValue(doc, () => plainText(doc, path, 'zh'), [path]);
  return (
    <span id={id} className="outdated-change" role="group" aria-label={t('outdatedChangeLabel')}>
      {before === null ? <span className="muted">{t('outdatedChangeUnknown')}</span> : <Segments segments={diffText(before, now, 'zh')} />}
    </span>
  );
}
