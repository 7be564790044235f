/** Markdown export: GFM tables with the right columns, escaped pipes and metacharacters, rich text as Markdown with safe links only. */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../server/export/markdown.js';
import { FIELD_LABELS } from '../../shared/schema/index.js';
import { demoInput, hostileInput } from './fixtures.js';

/** Cells of a GFM table row: split on pipes that aren't backslash-escaped. */
const cells = (line: string) => line.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());

/** Every GFM table in the text, as rows of cells (header first, delimiter row dropped). */
function tables(md: string): string[][][] {
  const out: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) {
      if (!current) out.push((current = []));
      if (!/^\|( ?---+ ?\|)+$/.test(line)) current.push(cells(line));
    } else current = null;
  }
  return out;
}

describe('renderMarkdown', () => {
  it('writes each commitment as a two-column field table and a six-column milestone table', () => {
    const input = demoInput('zh');
    const md = renderMarkdown(input);
    const all = tables(md);
    expect(all).toHaveLength(19 * 2);
    for (let i = 0; i < 19; i++) {
      const [fields, milestones] = [all[2 * i]!, all[2 * i + 1]!];
      const c = input.commitments[i]!;
      expect(fields.every((r) => r.length === 2)).toBe(true);
      expect(fields.slice(1).map((r) => r[0])).toEqual(['number', 'title', 'leadAgency', 'coAgencies', 'partners', 'period', 'status', 'ogpValues'].map((k) => FIELD_LABELS[k]!.zh));
      expect(fields[2]![1]).toBe(c.title.zh.replace(/[\\`*_[\]<>|~&#]/g, '\\$&'));
      expect(milestones[0]).toEqual(['period', 'text', 'indicator', 'due', 'status', 'evidence'].map((k) => FIELD_LABELS[k]!.zh));
      expect(milestones).toHaveLength(1 + c.milestones.length);
      expect(milestones.every((r) => r.length === 6)).toBe(true);
    }
    expect(md).toMatch(/^# 開放政府國家行動方案（2021-2024）$/m);
    expect(md).toMatch(/^## 推動資料開放與資訊公開$/m);
    expect(md).toMatch(/^### 1-1 完備政府資料開放與再利用制度$/m);
    expect(md).toMatch(/^#### 公共問題$/m);
    // Rich text keeps its bullet lists.
    expect(md).toMatch(/^- 民間期待政府主動釋出/m);
  });

  it('escapes pipes, line breaks and Markdown metacharacters, and keeps only safe links', () => {
    const input = hostileInput('zh');
    input.commitments[0]!.milestones[2]!.text.zh = 'a|b\nsecond line, with | pipe';
    const md = renderMarkdown(input);
    const milestones = tables(md)[1]!;
    expect(milestones.every((r) => r.length === 6)).toBe(true);
    expect(milestones[3]![1]).toBe('a\\|b<br>second line, with \\| pipe');
    expect(milestones[1]![1]).toBe('"\\>\\<img src=x onerror=alert(1)\\>');
    // Booleans, not toMatch: a failure would print the whole document.
    expect(/(?<!\\)<(?!br>)/.exec(md)?.[0] ?? null).toBeNull();
    expect(/\]\((javascript|data|file|vbscript):/i.exec(md)?.[0] ?? null).toBeNull();
    expect(md).toContain('[safe link](https://example.org/a?q=%22%3E%3Cimg%20src=x%20onerror=alert%286%29%3E)');
    expect(md).toContain('[mail](mailto:ogp@example.org)');
    expect(md).toContain('\\<script\\>alert("p")\\</script\\> \\& \\<b onmouseover="x"\\>bold?\\</b\\> \\| a\\|b \\*x\\* \\_y\\_ \\# \\[z\\](w)');
    // A text line that looks like a list item or heading stays text.
    expect(md).toContain('1. 1\\. first\\\n   \\# second line');
  });
});
