/**
 * Finding commitments in a read document: field rows by their labels (a label cell and a value
 * cell, several pairs in a row, a label row over a value row, or a heading or bold label
 * followed by text) and the milestone table by its header row. A new numbered heading, or a
 * number or title given twice, starts the next commitment. Content that fits no field goes to
 * "other information" under a visible marker and is listed as a warning: nothing is dropped.
 */
import type { Lang, RichNode } from '../../shared/schema/index.js';
import type { ImportWarning, RecognisedField } from '../../shared/protocol/import.js';
import { blocksText, blocksToRich, inlineText, type Block, type Cell } from './html.js';
import { parseDate, parsePeriod } from './dates.js';
import { isFieldHeader, matchColumn, matchCommitmentStatus, matchField, parseOgpValues, type LabelField } from './labels.js';
import { milestoneTable, budgetTable, type TableContext } from './tables.js';
import { markerParagraph, dropNoteBlocks, labelLine, unknownLabelLine, trimStart } from './labelLines.js';
import { MAX_IMPORT_COMMITMENTS, glimpse, isSection, newCommitment, numberedHeading, stripNotes, type Draft, type ImportedCommitment, type Recognition, type RecogniseOptions } from './imported.js';

export { MAX_IMPORT_COMMITMENTS, MAX_IMPORT_MILESTONES, MAX_IMPORT_BUDGET_ROWS, numberedHeading, parseFiscalYear, type ImportedBudgetRow, type ImportedCommitment, type ImportedMilestone, type Recognition, type RecogniseOptions } from './imported.js';

class Recogniser {
  readonly out: ImportedCommitment[] = [];
  readonly warnings: ImportWarning[] = [];
  private cur: Draft | null = null;
  /** The field following blocks belong to (after a heading or bold label, or a label row). */
  private field: { key: LabelField; label: string; lang: Lang; level: number; filled: boolean } | null = null;
  private pending: { text: string; level: number } | null = null;
  private headings: Array<{ text: string; level: number }> = [];
  private preamble: string[] = [];
  /** The heading of an unknown field whose blocks are being kept as unplaced. */
  private unknown = '';

  constructor(private readonly opts: RecogniseOptions) {}

  // ---- commitments ----------------------------------------------------------------------

  private start(level = 0): Draft {
    // The field being opened belongs to the new commitment.
    const field = this.field;
    this.finish();
    this.field = field;
    const c = newCommitment();
    const p = this.pending;
    if (p) {
      const n = numberedHeading(p.text);
      c.number = n?.number ?? '';
      c.title = n?.title ?? p.text;
      level = p.level;
      const above = [...this.headings].reverse().find((h) => h.level < p.level && !numberedHeading(h.text));
      c.domainHeading = above?.text ?? '';
    }
    this.pending = null;
    this.cur = { c, seen: new Set(), langVotes: { zh: 0, en: 0 }, unplaced: [], headingLevel: level };
    return this.cur;
  }

  private draft(): Draft {
    return this.cur ?? this.start();
  }

  finish(): void {
    const d = this.cur;
    this.cur = null;
    this.field = null;
    this.unknown = '';
    if (!d) return;
    const c = d.c;
    c.lang = d.langVotes.en > d.langVotes.zh ? 'en' : 'zh';
    // "5-2 深化環境資訊公開" in the title cell and no number of its own: the number is the title's start.
    const numbered = !c.number ? numberedHeading(c.title) : null;
    if (numbered) [c.number, c.title] = [numbered.number, numbered.title];
    if (d.unplaced.length) {
      // Unplaced content was held back until the language was known, for the marker's language.
      const marked = d.unplaced.map((n) => (n.type === 'paragraph' && n.attrs?.['data-marker'] !== undefined ? markerParagraph(c.lang, String(n.attrs['data-marker'])) : n));
      c.unplaced = marked;
    }
    if (this.out.length >= MAX_IMPORT_COMMITMENTS) {
      if (this.out.length === MAX_IMPORT_COMMITMENTS) this.warnings.push({ code: 'too_many_commitments', message: `The file holds more than ${MAX_IMPORT_COMMITMENTS} commitments; only the first ${MAX_IMPORT_COMMITMENTS} are imported. Split the file.` });
      return;
    }
    if (c.recognised.length === 0 && !c.title && !c.number && d.unplaced.length === 0) return;
    this.out.push(c);
  }

  private note(field: LabelField, lang: Lang, label: string, preview: string): void {
    const d = this.draft();
    d.langVotes[lang]++;
    d.c.recognised.push({ field: (field === 'startDate' || field === 'endDate' ? 'dates' : field.startsWith('contact.') ? 'contact' : field) as RecognisedField['field'], lang, label: label.trim(), preview: glimpse(preview) });
  }

  /** Content no field takes: kept in "other information" under a marker naming its label. */
  private unplaced(label: string, rich: RichNode[], text: string): void {
    if (!this.cur) {
      if (text.trim()) this.preamble.push(text.trim());
      return;
    }
    if (!text.trim() && !label) return;
    const d = this.cur;
    d.unplaced.push({ type: 'paragraph', attrs: { 'data-marker': label } }, ...rich);
    d.c.unrecognised.push({ label, preview: glimpse(text.trim()) });
    d.c.warnings.push({ code: 'unplaced', params: { label }, message: `${label ? `"${label}"` : 'Some content'} matched no field; it was put in "other information" under a marker: ${glimpse(text.trim()).slice(0, 120)}` });
  }

  /** More content under an unknown field's heading (its marker and warning are there already). */
  private keep(label: string, rich: RichNode[], text: string): void {
    const d = this.cur!;
    d.unplaced.push(...rich);
    const row = d.c.unrecognised.findLast((u) => u.label === label);
    if (row) row.preview = glimpse(`${row.preview === label ? '' : `${row.preview} `}${text.trim()}`);
  }

  // ---- values ---------------------------------------------------------------------------

  private shiftHeadings(blocks: Block[]): Block[] {
    const shift = this.opts.headingShift ?? 0;
    return shift ? blocks.map((b) => (b.kind === 'heading' ? { ...b, level: Math.max(1, b.level - shift) } : b)) : blocks;
  }

  /** A field's value from blocks (a value cell, the text after a label, the blocks under a heading). */
  private setField(key: LabelField, lang: Lang, label: string, blocks: Block[]): void {
    const text = stripNotes(blocksText(blocks));
    // A number or title given again starts the next commitment.
    if ((key === 'number' || key === 'title') && this.cur?.seen.has(key)) this.start();
    const d = this.draft();
    const c = d.c;
    d.seen.add(key);
    if (isSection(key)) {
      const rich = blocksToRich(this.shiftHeadings(dropNoteBlocks(blocks)));
      c.sections[key] = [...(c.sections[key] ?? []), ...rich];
      this.note(key, lang, label, text);
      return;
    }
    if (key === 'milestones' || key === 'budget') {
      const table = blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
      if (table) {
        if (key === 'budget') this.budgetTable(table.rows, label, lang);
        else this.milestoneTable(table.rows, label, lang);
        const rest = blocks.filter((b) => b !== table);
        if (rest.length) this.unplaced(label, blocksToRich(rest), blocksText(rest));
      } else if (text) this.unplaced(label, blocksToRich(blocks), text);
      return;
    }
    this.note(key, lang, label, text);
    if (key.startsWith('contact.')) {
      c.contact = { ...c.contact, [key.slice('contact.'.length)]: text.replace(/\s+/g, ' ').slice(0, 200) };
      return;
    }
    switch (key) {
      case 'number':
        c.number = text.replace(/\s+/g, ' ');
        break;
      case 'title':
        c.title = text.replace(/\s+/g, ' ');
        break;
      case 'leadAgency':
        c.leadAgency = text;
        break;
      case 'coAgencies':
        c.coAgencies = c.coAgencies ? `${c.coAgencies}\n${text}` : text;
        break;
      case 'partners':
        c.partners = c.partners ? `${c.partners}\n${text}` : text;
        break;
      case 'dates': {
        const p = parsePeriod(text);
        if (p) [c.startDate, c.endDate] = [p.start || c.startDate, p.end || c.endDate];
        if (!p || (!p.start && !p.end)) this.unplaced(label, blocksToRich(blocks), text);
        break;
      }
      case 'startDate':
      case 'endDate': {
        const iso = parseDate(text);
        if (iso) c[key] = iso;
        else if (text) this.unplaced(label, blocksToRich(blocks), text);
        break;
      }
      case 'status': {
        const s = matchCommitmentStatus(text);
        if (s) c.status = s;
        else if (text) this.unplaced(label, blocksToRich(blocks), text);
        break;
      }
      case 'ogpValues': {
        const v = parseOgpValues(text);
        if (v) c.ogpValues = v;
        else if (text) this.unplaced(label, blocksToRich(blocks), text);
        break;
      }
    }
  }

  private milestoneTable(rows: Cell[][], label: string, lang: Lang): void {
    milestoneTable(this.tableContext(), rows, label, lang);
  }

  private budgetTable(rows: Cell[][], label: string, lang: Lang): void {
    budgetTable(this.tableContext(), rows, label, lang);
  }

  private tableContext(): TableContext {
    return { draft: this.draft(), unplaced: (where, rich, text) => this.unplaced(where, rich, text) };
  }

  // ---- blocks ---------------------------------------------------------------------------

  block(b: Block): void {
    if (b.kind === 'heading') return this.heading(b);
    if (b.kind === 'table') return this.table(b.rows);
    if (b.kind === 'rule') return;
    if (b.kind === 'paragraph') {
      const lab = labelLine(b.inline);
      if (lab) {
        this.unknown = '';
        this.field = { key: lab.key, label: lab.label, lang: lab.lang, level: Infinity, filled: false };
        if (lab.rest.length) this.value([{ kind: 'paragraph', inline: lab.rest, text: inlineText(lab.rest) }]);
        else this.draft();
        return;
      }
      // In a page of bold labels, a bold label we do not know closes the field before it; under a heading it is the section's own text.
      const unknown = this.cur && (!this.field || this.field.level === Infinity) ? unknownLabelLine(b.inline) : null;
      if (unknown) {
        this.field = null;
        this.unknown = unknown.label;
        this.unplaced(unknown.label, unknown.rest.length ? [{ type: 'paragraph', content: unknown.rest }] : [], `${unknown.label} ${inlineText(unknown.rest)}`);
        return;
      }
    }
    if (b.kind === 'list') {
      // "- **權責機關**：國發會" lines: a list of label lines.
      const items = (b.node.content ?? []).map((item) => item.content?.[0]?.content ?? []);
      const labelled = items.map(labelLine);
      if (labelled.length && labelled.every(Boolean)) {
        for (const lab of labelled) {
          this.field = { key: lab!.key, label: lab!.label, lang: lab!.lang, level: Infinity, filled: false };
          this.value([{ kind: 'paragraph', inline: lab!.rest, text: inlineText(lab!.rest) }]);
        }
        return;
      }
    }
    this.value([b]);
  }

  /** Blocks under the open field, or unplaced. */
  private value(blocks: Block[]): void {
    const f = this.field;
    if (!f) {
      const text = blocksText(blocks);
      if (!this.cur) {
        if (text.trim()) this.preamble.push(text.trim());
        return;
      }
      if (this.unknown) this.keep(this.unknown, blocksToRich(blocks), text);
      else this.unplaced('', blocksToRich(blocks), text);
      return;
    }
    const shortField = !isSection(f.key) && f.key !== 'milestones' && f.key !== 'budget';
    if (shortField && f.filled) {
      // A short field takes one block; what follows it belongs to no field.
      this.field = null;
      this.value(blocks);
      return;
    }
    this.setField(f.key, f.lang, f.label, blocks);
    f.filled = true;
    if (shortField) this.field = { ...f, filled: true };
  }

  private heading(b: Extract<Block, { kind: 'heading' }>): void {
    const lab = matchField(b.text);
    // 「預算」 below a section's own heading is that section's sub-heading (other information often has one), not the budget table's label.
    const inSection = this.field && isSection(this.field.key) && this.field.level !== Infinity && b.level > this.field.level;
    if (lab && (lab.key === 'budget' || lab.key.startsWith('contact.')) && inSection) {
      this.value([b]);
      return;
    }
    if (lab) {
      this.draft();
      this.unknown = '';
      this.field = { key: lab.key, label: b.text, lang: lab.lang, level: b.level, filled: false };
      return;
    }
    const f = this.field;
    const numbered = numberedHeading(b.text);
    // A heading below a section's label heading is the section's own heading.
    if (this.cur && f && isSection(f.key) && !numbered && b.level > Math.max(f.level === Infinity ? this.cur.headingLevel : f.level, this.cur.headingLevel)) {
      this.value([b]);
      return;
    }
    // A heading of a field we do not know, inside a commitment: it and what follows are kept.
    if (this.cur && !numbered && this.cur.headingLevel > 0 && b.level > this.cur.headingLevel) {
      this.field = null;
      this.unknown = b.text;
      this.unplaced(b.text, [], b.text);
      return;
    }
    this.finish();
    this.headings = this.headings.filter((h) => h.level < b.level);
    this.headings.push({ text: b.text, level: b.level });
    this.pending = { text: b.text, level: b.level };
  }

  private table(rows: Cell[][]): void {
    if (rows.length === 0) return;
    const first = rows[0]!;
    const columns = first.map((c) => matchColumn(c.text));
    const fieldHits = rows.filter((r) => r.length > 0 && matchField(r[0]!.text)).length;
    if (columns.filter(Boolean).length >= 2 && columns.some((c) => c?.key === 'text' || c?.key === 'indicator') && fieldHits <= 1) {
      const f = this.field;
      this.milestoneTable(rows, f?.key === 'milestones' ? f.label : '', columns.find(Boolean)!.lang);
      this.field = null;
      return;
    }
    if (fieldHits === 0) {
      this.value([{ kind: 'table', rows }]);
      return;
    }
    this.field = null;
    let above: { key: LabelField; lang: Lang; label: string } | null = null;
    // The section the previous row filled: a label cell spanning rows leaves the next row without one.
    let previous: { key: LabelField; lang: Lang; label: string } | null = null;
    for (const row of rows) {
      const texts = row.map((c) => c.text);
      if (isFieldHeader(texts)) continue;
      if (row.length === 1) {
        const lab = matchField(row[0]!.text);
        if (lab) above = { ...lab, label: row[0]!.text };
        else if (above || (previous && isSection(previous.key))) {
          const to: { key: LabelField; lang: Lang; label: string } = (above ?? previous)!;
          this.setField(to.key, to.lang, to.label, row[0]!.blocks);
          previous = to;
          above = null;
        } else this.unplaced('', blocksToRich(row[0]!.blocks), row[0]!.text);
        continue;
      }
      above = null;
      previous = null;
      // Label and value cells in pairs ("權責機關 | 國發會 | 協辦機關 | 內政部").
      for (let i = 0; i < row.length; ) {
        const lab = matchField(row[i]!.text);
        if (lab && i + 1 < row.length) {
          this.setField(lab.key, lab.lang, row[i]!.text, row[i + 1]!.blocks);
          previous = { ...lab, label: row[i]!.text };
          i += 2;
        } else if (lab) {
          above = { ...lab, label: row[i]!.text };
          i++;
        } else {
          // An unknown label with its value: both kept.
          const label = row.length === 2 && i === 0 ? row[0]!.text : '';
          const cells = label ? row.slice(1) : [row[i]!];
          const blocks = cells.flatMap((c) => c.blocks);
          this.unplaced(label.slice(0, 100), blocksToRich(blocks), blocksText(blocks) || label);
          i += label ? 2 : 1;
        }
      }
    }
  }

  done(): Recognition {
    this.finish();
    if (this.preamble.length) {
      const text = this.preamble.join(' · ');
      this.warnings.push({ code: 'before_first', message: `Text before the first commitment (a cover, a contents list) belongs to no commitment and was not imported: ${glimpse(text).slice(0, 200)}` });
    }
    return { commitments: this.out, warnings: this.warnings };
  }
}

/** The commitments of a document's blocks. */
export function recognise(blocks: Block[], opts: RecogniseOptions = {}): Recognition {
  const r = new Recogniser(opts);
  for (const b of blocks) r.block(b);
  return r.done();
}
