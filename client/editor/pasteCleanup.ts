/**
 * Cleans HTML pasted from Word and Google Docs before TipTap parses it: keeps structure
 * (headings, paragraphs, lists, links, bold/italic) and drops the junk — styles, classes,
 * `<o:p>`, conditional comments, Google's `docs-internal-guid` wrapper — and turns Word's
 * fake lists (paragraphs styled `mso-list`) into real lists.
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
      const marker = item.querySelector('span[style*="mso-list:Ignore" i], span[style*="mso-list: Ignore" i]');
      const markerText = marker?.textContent?.trim() ?? '';
      marker?.remove();
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
