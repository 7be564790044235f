/**
 * Paste into a section editor in real Chromium (ED3, ED4): a real paste event carrying
 * Word's HTML (a two-column table, mso-list bullets with the marker span wrapped or missing)
 * keeps the cells apart and leaves no typed bullet in a list item; Markdown text becomes a
 * heading and a list. Checked in what the server stored, not only on screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RichNode } from '../../shared/schema/index.js';
import { COORDINATOR, ensureClientBuilt, hasChromium, launchBrowser, newPerson, openCommitment, startServer, type TestServer } from './helpers.js';

const C04 = 'c-04-access-to-information';

/** What Word puts on the clipboard: classes, styles, <o:p>, downlevel-revealed conditionals, a line-wrapped style. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
<!--StartFragment-->
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>
 <tr><td width=200 valign=top style='width:150pt'><p class=MsoNormal>111<o:p></o:p></p></td>
  <td width=200 valign=top style='width:150pt'><p class=MsoNormal>500<o:p></o:p></p></td></tr>
 <tr><td><p class=MsoNormal>預算<o:p></o:p></p></td><td><p class=MsoNormal>萬元<o:p></o:p></p></td></tr>
</table>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:
Symbol'><span style='mso-list:
Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>第一項<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><span style='font-family:Symbol'>·</span><span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>第二項<o:p></o:p></p>
<!--EndFragment--></body></html>`;

const MARKDOWN = '### 經費來源\n\n- 公務預算\n- **基金**補助\n';

/** Pastes into the focused editor with a real ClipboardEvent (what the browser fires on Ctrl+V). */
async function paste(page: Page, data: Record<string, string>) {
  const editor = page.locator('[data-field="section.other.zh"] .ProseMirror');
  // On an empty paragraph of its own at the end, so the paste merges with no existing text (the
  // section may end with a list). Placed through the editor, not keys: on a loaded machine keys
  // pressed as the editor takes the focus landed inside the last paragraph.
  await editor.evaluate((el) => {
    const tiptap = (el as HTMLElement & { editor: { state: { doc: { content: { size: number } } }; chain(): { focus(p?: unknown): { insertContentAt(pos: number, c: unknown): { focus(p: unknown): { run(): boolean } } } } } }).editor;
    tiptap.chain().focus().insertContentAt(tiptap.state.doc.content.size, { type: 'paragraph' }).focus('end').run();
  });
  await editor.evaluate((el, data) => {
    const dt = new DataTransfer();
    for (const [type, value] of Object.entries(data)) dt.setData(type, value);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, data);
}

const plain = (n: RichNode): string => (n.type === 'text' ? n.text ?? '' : n.type === 'hardBreak' ? '\n' : (n.content ?? []).map(plain).join(''));

async function storedOther(page: Page, base: string): Promise<RichNode[]> {
  const res = await page.context().request.get(`${base}/api/commitments/${C04}`);
  return ((await res.json()).commitment.sections.other.zh as RichNode).content ?? [];
}

describe.skipIf(!hasChromium)('paste into a section in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureClientBuilt();
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('ED3 Word\'s table keeps its cells apart (a paragraph per row) and its bullets are not doubled', async () => {
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    try {
      await openCommitment(page, server.url, C04);
      const before = (await storedOther(page, server.url)).length;
      await paste(page, { 'text/html': WORD_HTML, 'text/plain': '111\t500\n預算\t萬元\n·\t第一項\n·\t第二項' });
      await expect.poll(async () => (await storedOther(page, server.url)).map(plain).join('\n'), { timeout: 10_000 }).toContain('111 ｜ 500');
      const blocks = await storedOther(page, server.url);
      const texts = blocks.map(plain);
      expect(texts).toContain('111 ｜ 500');
      expect(texts).toContain('預算 ｜ 萬元');
      const list = blocks.find((b) => b.type === 'bulletList');
      expect(list?.content?.map(plain)).toEqual(['第一項', '第二項']);
      expect(blocks.length).toBeGreaterThan(before);
    } finally {
      await context.close();
    }
  });

  it('ED4 Markdown text pastes as a heading and a list', async () => {
    const { context, page } = await newPerson(browser, server.url, COORDINATOR);
    try {
      await openCommitment(page, server.url, C04);
      await paste(page, { 'text/plain': MARKDOWN });
      await expect.poll(async () => (await storedOther(page, server.url)).some((b) => b.type === 'heading' && plain(b) === '經費來源'), { timeout: 10_000 }).toBe(true);
      const blocks = await storedOther(page, server.url);
      const list = blocks.find((b) => b.type === 'bulletList' && plain(b).includes('公務預算'));
      expect(list?.content?.map(plain)).toEqual(['公務預算', '基金補助']);
      expect(JSON.stringify(list)).toContain('"type":"bold"');
      expect(blocks.map(plain).join('\n')).not.toContain('**');
    } finally {
      await context.close();
    }
  });
});
