/**
 * Element ids that give every field its accessible name: the visible field label plus a
 * language tag, joined through `aria-labelledby` ("承諾事項名稱 （中文）").
 */
import type { Lang } from '../../shared/schema/index.js';

const safe = (path: string) => path.replace(/[^a-zA-Z0-9_-]/g, '-');

export const fieldLabelId = (field: string) => `label-${safe(field)}`;
/** Id of the input (or editor) of a field path such as `title.zh`. */
export const inputId = (fieldPath: string) => `input-${safe(fieldPath)}`;
/** Hidden spans rendered once per page (see LanguageNames) and referenced by every field. */
export const langTagId = (lang: Lang) => `lang-name-${lang}`;
export const labelledBy = (field: string, lang?: Lang) => (lang ? `${fieldLabelId(field)} ${langTagId(lang)}` : fieldLabelId(field));
