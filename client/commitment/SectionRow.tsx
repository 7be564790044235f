/** A rich-text section of the commitment table: its label and one editor per visible language (comments plugged in). */
import type { SectionKey } from '../../shared/schema/index.js';
import { useCommentsController } from '../comments/CommentsContext.js';
import { commentPlugin } from '../comments/editorPlugin.js';
import { SectionEditor } from '../editor/SectionEditor.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { langsOf, useCommitment } from './CommitmentContext.js';
import { FieldPresence } from './FieldPresence.js';
import { LangTag } from './LangTag.js';
import { fieldLabelId, labelledBy } from './labelIds.js';
import { OutdatedNote } from './OutdatedNote.js';

export function SectionRow({ sectionKey }: { sectionKey: SectionKey }) {
  const commitment = useCommitment();
  const { viewMode } = commitment;
  const comments = useCommentsController();
  const { field, t } = useI18n();
  const langs = langsOf(viewMode);
  const label = field(sectionKey);
  return (
    <div className="crow crow-section">
      <div className="clabel">
        <span id={fieldLabelId(`section.${sectionKey}`)}>{label}</span>
        <FieldPresence field={`section.${sectionKey}`} />
      </div>
      <div className={`cvalue langs-${langs.length}`}>
        {langs.map((lang) => {
          const name = `${label}${t(lang === 'zh' ? 'langTagZh' : 'langTagEn')}`;
          return (
            <div key={lang} className="lang-cell">
              {viewMode === 'both' && <LangTag lang={lang} />}
              <SectionEditor
                sectionKey={sectionKey}
                lang={lang}
                labelledBy={labelledBy(`section.${sectionKey}`, lang)}
                name={name}
                host={commitment}
                plugin={commentPlugin(comments, `section.${sectionKey}.${lang}`, name)}
              />
              {lang === 'en' && <OutdatedNote path={`section.${sectionKey}`} name={label} />}
            </div>
          );
        })}
      </div>
    </div>
  );
}
