/** One collaborative plain-text field (input or textarea) bound to a Y.Text, in one language. */
import type * as Y from 'yjs';
import type { Lang } from '../../shared/schema/index.js';
import { useYText } from '../editor/bindings/useYText.js';
import { canEdit } from '../identity/access.js';
import { contentLang, useCommitment } from './CommitmentContext.js';
import { inputId } from './labelIds.js';

interface Props {
  ytext: Y.Text | undefined;
  lang: Lang;
  /** Presence path, e.g. `title.zh` or `milestone.<id>.text.en`. */
  field: string;
  labelledBy: string;
  multiline?: boolean;
  /** Runs inside the transaction of each local edit. */
  onLocalChange?: () => void;
  className?: string;
}

export function TextCell({ ytext, lang, field, labelledBy, multiline, onLocalChange, className }: Props) {
  const { access } = useCommitment();
  const inputRef = useYText<HTMLInputElement>(multiline ? undefined : ytext, { onLocalChange });
  const areaRef = useYText<HTMLTextAreaElement>(multiline ? ytext : undefined, { onLocalChange });
  const common = {
    'aria-labelledby': labelledBy,
    id: inputId(field),
    'data-field': field,
    lang: contentLang(lang),
    spellCheck: lang === 'en',
    readOnly: !canEdit(access, lang),
    className: `text-cell ${className ?? ''}`,
  };
  return multiline ? <textarea ref={areaRef} rows={2} {...common} /> : <input ref={inputRef} type="text" {...common} />;
}
