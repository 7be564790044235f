/** A short bilingual text of the commitment (title, partners) as a row of the table. */
import { markTranslated, shortText, type Lang, type ShortTextKey } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { langsOf, useCommitment } from './CommitmentContext.js';
import { FieldPresence } from './FieldPresence.js';
import { fieldLabelId, inputId, labelledBy } from './labelIds.js';
import { LangTag } from './LangTag.js';
import { OutdatedNote } from './OutdatedNote.js';
import { TextCell } from './TextCell.js';

export function BilingualTextField({ fieldKey, multiline }: { fieldKey: ShortTextKey; multiline?: boolean }) {
  const { viewMode } = useCommitment();
  const { field } = useI18n();
  const langs = langsOf(viewMode);
  return (
    <div className="crow">
      <div className="clabel">
        <label id={fieldLabelId(fieldKey)} htmlFor={inputId(`${fieldKey}.${langs[0]}`)}>
          {field(fieldKey)}
        </label>
        <FieldPresence field={fieldKey} />
      </div>
      <div className={`cvalue langs-${langs.length}`}>
        {langs.map((lang) => (
          <div key={lang} className="lang-cell">
            {viewMode === 'both' && <LangTag lang={lang} />}
            <BoundText fieldKey={fieldKey} lang={lang} multiline={multiline} />
            {lang === 'en' && <OutdatedNote path={fieldKey} name={field(fieldKey)} />}
          </div>
        ))}
      </div>
    </div>
  );
}

function BoundText({ fieldKey, lang, multiline }: { fieldKey: ShortTextKey; lang: Lang; multiline?: boolean }) {
  const { doc } = useCommitment();
  return (
    <TextCell
      ytext={shortText(doc, fieldKey, lang)}
      lang={lang}
      field={`${fieldKey}.${lang}`}
      labelledBy={labelledBy(fieldKey, lang)}
      multiline={multiline}
      onLocalChange={lang === 'en' ? () => markTranslated(doc, fieldKey) : undefined}
    />
  );
}
