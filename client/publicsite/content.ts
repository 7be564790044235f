/** Which language a published text is shown in: the reader's, or the authoritative Chinese when there is no English. */
import type { Bilingual, Lang, RichDoc } from '../../shared/schema/index.js';
import { richToPlain } from '../../shared/schema/index.js';

export const LANG_TAG: Record<Lang, string> = { zh: 'zh-Hant-TW', en: 'en' };

export function pick(text: Bilingual | undefined, lang: Lang): { text: string; lang: Lang } {
  if (lang === 'en' && text?.en.trim()) return { text: text.en, lang: 'en' };
  return { text: text?.zh ?? '', lang: 'zh' };
}

export function pickRich(doc: Bilingual<RichDoc> | undefined, lang: Lang): { doc: RichDoc | undefined; lang: Lang } {
  if (lang === 'en' && doc?.en && richToPlain(doc.en).trim()) return { doc: doc.en, lang: 'en' };
  return { doc: doc?.zh, lang: 'zh' };
}
