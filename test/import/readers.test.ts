/** The import readers on their own: DOCX (built here with the docx package) and Markdown to the editor's rich blocks, and hostile files refused. */
import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, TextRun, ExternalHyperlink } from 'docx';
import { zipSync } from 'fflate';
import { blocksToRich, docxToHtml, htmlToBlocks, markdownToHtml } from '../../server/import/index.js';

async function docxOf(children: Paragraph[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

describe('import readers', () => {
  it('[IM1] a DOCX keeps bold and links, and typed Word bullets become list items without their glyph', async () => {
    const bytes = await docxOf([
      new Paragraph({ children: [new TextRun({ text: '重點', bold: true }), new TextRun(' 說明')] }),
      new Paragraph('• 第一項'),
      new Paragraph('• 第二項'),
      new Paragraph({ children: [new ExternalHyperlink({ link: 'https://data.gov.tw', children: [new TextRun('平台')] })] }),
    ]);
    const rich = blocksToRich(htmlToBlocks(await docxToHtml(bytes)));
    expect(rich[0]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: '重點', marks: [{ type: 'bold' }] }, { type: 'text', text: ' 說明' }] });
    expect(rich[1]!.type).toBe('bulletList');
    expect(JSON.stringify(rich[1])).toContain('"text":"第一項"');
    expect(JSON.stringify(rich[1])).not.toContain('•');
    expect(JSON.stringify(rich[2])).toContain('"href":"https://data.gov.tw"');
  });

  it('[IM2] Markdown lists lose typed numbering, and raw HTML stays text', () => {
    const rich = blocksToRich(htmlToBlocks(markdownToHtml('- 一、甲\n- 二、乙\n\n<script>alert(1)</script>\n')));
    expect(JSON.stringify(rich[0])).toContain('"text":"甲"');
    expect(JSON.stringify(rich)).toContain('<script>');
  });

  it('[IM3] not a zip, and a zip bomb, are refused with a sentence', async () => {
    await expect(docxToHtml(new TextEncoder().encode('hello'))).rejects.toThrow(/not a DOCX/);
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    await expect(docxToHtml(bomb)).rejects.toThrow(/MiB/);
  });

  it('[IM4] HTML nested deeper than the limit is refused', () => {
    expect(() => htmlToBlocks('<div>'.repeat(300) + 'x')).toThrow(/levels deep/);
  });
});
