/**
 * Cleans HTML pasted from Word and Google Docs before TipTap parses it: keeps structure
 * (headings, paragraphs, lists, links, bold/italic) and drops the junk — styles, classes,
 * `<o:p>`, conditional comments, Google's `docs-internal-guid` wrapper — and turns Word's
 * fake lists (paragraphs styled `mso-list`) into real lists without their typed markers.
 * The section schema has no tables (exports, diff and the milestone table would all need
 * them), so a pasted table becomes one paragraph per row, its cells separated by " ｜ " and
 * a cell's own paragraphs by line breaks: cells never run together. Headings 1–2 become 3 and
 * 5–6 become 4, the levels a section has.
 */

const DROP = 'style, meta, link, title, script, xml, o\\:p, w\\:sdt, font[face="Symbol"]';

/** Returns cleaned HTML; needs a DOMParser (browser or jsdom). */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html.replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, ''), 'text/html');
  const body = doc.body;

  removeComments(body);
  for (const el of Array.from(body.querySelectorAll(DROP))) el.remove();
  unwrapGoogleWrapper(body);
  convertWordLists(body);
  stripTypedBullets(body);
  tablesToRows(body);
  fitHeadings(body);
  for (const el of Array.from(body.querySelectorAll('*'))) {
    preserveStyleMarks(el as HTMLElement);
    for (const attr of Array.from(el.attributes)) {
      if (!(attr.name === 'href' && el.tagName === 'A') && !(attr.name === 'start' && el.tagName === 'OL')) {
        el.removeAttribute(attr.name);
      }
    }
  }
  // Word writes unknown namespaced tags (<st1:place>) around plain text.
  for (const el of Array.from(body.querySelectorAll('*')).filter((e) => e.tagName.includes(':'))) unwrap(el);
  return body.innerHTML;
}

function removeComments(root: Node): void {
  const walker = root.ownerDocument!.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.parentNode?.removeChild(c);
}

function unwrap(el: Element): void {
  el.replaceWith(...Array.from(el.childNodes));
}

/** Google Docs wraps the whole clipboard in `<b style="font-weight:normal" id="docs-internal-guid-…">`. */
function unwrapGoogleWrapper(body: HTMLElement): void {
  for (const el of Array.from(body.querySelectorAll('[id^="docs-internal-guid"]'))) unwrap(el);
}

/** Google Docs and Word express bold/italic as inline styles; keep them as tags before styles go. */
function preserveStyleMarks(el: HTMLElement): void {
  const style = el.getAttribute('style') ?? '';
  if (!style || !['SPAN', 'FONT'].includes(el.tagName)) return;
  const weight = /font-weight\s*:\s*(bold|[6-9]00)/i.test(style);
  const italic = /font-style\s*:\s*italic/i.test(style);
  if (!weight && !italic) return;
  let inner: Node[] = Array.from(el.childNodes);
  const wrap = (tag: string) => {
    const w = el.ownerDocument.createElement(tag);
    w.append(...inner);
    inner = [w];
  };
  if (italic) wrap('em');
  if (weight) wrap('strong');
  el.replaceChildren(...inner);
}

/** Word list paragraphs: `<p class="MsoListParagraph" style="mso-list:l0 level2 lfo1">` with a marker span. */
function convertWordLists(body: HTMLElement): void {
  const isListItem = (el: Element | null): el is HTMLElement =>
    !!el && el.tagName === 'P' && /mso-list\s*:\s*l\d+/i.test(el.getAttribute('style') ?? '');
  for (const first of Array.from(body.querySelectorAll('p'))) {
    if (!first.isConnected || !isListItem(first) || isListItem(first.previousElementSibling)) continue;
    const items: HTMLElement[] = [];
    for (let el: Element | null = first; isListItem(el); el = el.nextElementSibling) items.push(el);
    const stack: Array<{ list: HTMLElement; level: number }> = [];
    const root = first.ownerDocument.createElement('div');
    for (const item of items) {
      const level = Number(/level(\d+)/i.exec(item.getAttribute('style') ?? '')?.[1] ?? 1);
      // Word wraps long attributes, so `mso-list:` and `Ignore` may be a line apart.
      const marker = Array.from(item.querySelectorAll('span[style]')).find((s) => /mso-list\s*:\s*ignore/i.test(s.getAttribute('style') ?? ''));
      let markerText = marker?.textContent?.trim() ?? '';
      marker?.remove();
      // No marker span (a copy through another program, or a marker in a Symbol-font span):
      // the marker is the item's leading text.
      if (!marker) markerText = removeLeading(item, WORD_MARKER);
      const ordered = /^[\(]?[0-9a-zA-Z一二三四五六七八九十]+[.)、]/.test(markerText);
      while (stack.length && stack[stack.length - 1]!.level > level) stack.pop();
      if (!stack.length || stack[stack.length - 1]!.level < level) {
        const list = first.ownerDocument.createElement(ordered ? 'ol' : 'ul');
        const parentLi = stack.length ? stack[stack.length - 1]!.list.lastElementChild : null;
        (parentLi ?? root).appendChild(list);
        stack.push({ list, level });
      }
      const li = first.ownerDocument.createElement('li');
      const p = first.ownerDocument.createElement('p');
      p.append(...Array.from(item.childNodes));
      li.appendChild(p);
      stack[stack.length - 1]!.list.appendChild(li);
    }
    first.before(...Array.from(root.childNodes));
    for (const item of items) item.remove();
  }
}

/** Word's list markers as text: Symbol/Wingdings glyphs (also as private-use characters), "o", numbers; always followed by spaces. */
const WORD_MARKER = /^[\s\u00a0]*([•·o§▪■◆◇○◦●➢►✓\uf0a7\uf0b7\uf0d8\uf076\uf0fc\-–]|[(（]?[0-9a-zA-Z一二三四五六七八九十]{1,3}[.)、）])[\s\u00a0]+/;
/** A bullet typed into a real list item (a glyph only: a number may be content, "3.5 億"). */
const TYPED_BULLET = /^[\s\u00a0]*[•·▪■◆◇○◦●➢►§\uf0a7\uf0b7\uf0d8][\s\u00a0]+/;

/** The text nodes under `root`, in order. */
function textNodes(root: Node): Text[] {
  const walker = root.ownerDocument!.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const out: Text[] = [];
  while (walker.nextNode()) out.push(walker.currentNode as Text);
  return out;
}

/** Removes what `pattern` matches at the start of `root`'s text (across text nodes); returns it trimmed, or ''. */
function removeLeading(root: Node, pattern: RegExp): string {
  const nodes = textNodes(root);
  const head = nodes.map((n) => n.data).join('').slice(0, 40);
  const m = pattern.exec(head);
  if (!m) return '';
  let left = m[0].length;
  for (const n of nodes) {
    if (left <= 0) break;
    const cut = Math.min(left, n.data.length);
    n.data = n.data.slice(cut);
    left -= cut;
  }
  return m[0].trim();
}

function stripTypedBullets(body: HTMLElement): void {
  for (const li of Array.from(body.querySelectorAll('li'))) removeLeading(li, TYPED_BULLET);
}

const BLOCKS = 'p, div, li, h1, h2, h3, h4, h5, h6, blockquote, pre';

/** A cell's lines: each innermost block's content, or the cell's own content when it has no blocks. */
function cellLines(cell: Element): Node[][] {
  const leaves = Array.from(cell.querySelectorAll(BLOCKS)).filter((b) => !b.querySelector(BLOCKS));
  if (!leaves.length) return [Array.from(cell.childNodes)];
  return leaves.map((b) => Array.from(b.childNodes)).filter((nodes) => nodes.some((n) => (n.textContent ?? '').trim() || (n as Element).tagName === 'IMG'));
}

/** Each table (innermost first, so a nested one is already rows) → a paragraph per row. */
function tablesToRows(body: HTMLElement): void {
  const doc = body.ownerDocument;
  for (const table of Array.from(body.querySelectorAll('table')).reverse()) {
    const rows: HTMLElement[] = [];
    for (const tr of Array.from(table.querySelectorAll('tr')).filter((r) => r.closest('table') === table)) {
      const cells = Array.from(tr.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
      if (cells.every((c) => !(c.textContent ?? '').trim())) continue;
      const p = doc.createElement('p');
      cells.forEach((cell, i) => {
        if (i > 0) p.append(doc.createTextNode(' ｜ '));
        cellLines(cell).forEach((line, j) => {
          if (j > 0) p.append(doc.createElement('br'));
          p.append(...line);
        });
      });
      rows.push(p);
    }
    table.replaceWith(...rows);
  }
}

/** Sections have headings 3 and 4 only; others would become plain paragraphs and lose that they were headings. */
function fitHeadings(body: HTMLElement): void {
  for (const h of Array.from(body.querySelectorAll('h1, h2, h5, h6'))) {
    const to = body.ownerDocument.createElement(h.tagName === 'H1' || h.tagName === 'H2' ? 'h3' : 'h4');
    to.append(...Array.from(h.childNodes));
    h.replaceWith(to);
  }
}
