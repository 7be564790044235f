/**
 * Links back from our own DOCX export, which writes a link as underlined text followed by
 * " (URL)" (docx gives hyperlink relationships random ids, so the export has none): that pair
 * becomes the linked text again, and an underlined URL on its own becomes a link to itself.
 */
import type { RichMark, RichNode } from '../../shared/schema/index.js';

const SUFFIX = /^ \(((?:https?:|mailto:)[^\s()]+)\)/;
const URL_ONLY = /^(?:https?:|mailto:)\S+$/;

const underlined = (n: RichNode) => n.type === 'text' && !!n.marks?.some((m) => m.type === 'underline') && !n.marks.some((m) => m.type === 'link');
const linked = (n: RichNode, href: string): RichNode => {
  const marks: RichMark[] = [...(n.marks ?? []).filter((m) => m.type !== 'underline'), { type: 'link', attrs: { href } }];
  return { ...n, marks };
};

function relinkInline(content: RichNode[]): RichNode[] {
  const out: RichNode[] = [];
  for (let i = 0; i < content.length; i++) {
    const n = content[i]!;
    const next = content[i + 1];
    if (underlined(n)) {
      const m = next?.type === 'text' && !next.marks?.length ? SUFFIX.exec(next.text!) : null;
      if (m) {
        out.push(linked(n, m[1]!));
        const rest = next!.text!.slice(m[0].length);
        if (rest) out.push({ ...next!, text: rest });
        i++;
        continue;
      }
      if (URL_ONLY.test(n.text!)) {
        out.push(linked(n, n.text!));
        continue;
      }
    }
    out.push(n.content ? { ...n, content: relinkInline(n.content) } : n);
  }
  return out;
}

/** Nodes with exported links made links again. */
export const relink = (nodes: RichNode[]): RichNode[] => relinkInline(nodes);
