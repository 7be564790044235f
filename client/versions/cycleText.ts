/** A review meeting named and described in the reader's language; the Chinese stands in while no English is written. */
import type { Lang } from '../../shared/schema/index.js';
import type { CycleView } from '../../shared/protocol/versions.js';

type CycleWords = Pick<CycleView, 'label' | 'labelEn' | 'notes' | 'notesEn'>;

export const cycleLabel = (c: CycleWords, lang: Lang): string => (lang === 'en' && c.labelEn ? c.labelEn : c.label);

export const cycleNotes = (c: CycleWords, lang: Lang): string => (lang === 'en' && c.notesEn ? c.notesEn : c.notes);
