/**
 * Plain text that is Markdown (copied from HackMD or a .md file) becomes structure when
 * pasted: headings, lists, bold, links and tables, through markdown-it with raw HTML off
 * (a pasted `<script>` stays text); the editor's paste then cleans it as any pasted HTML
 * (tables to rows, heading levels). Prose without
 * Markdown marks is left to the editor's own plain-text paste.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, breaks: false });

/** Lines that only Markdown writes: a heading, a list item, a quote, a table row or rule; or inline bold, a link. */
const BLOCK_MARK = /^(?:#{1,6}\s+\S|\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+\S|>\s|\|.*\|\s*$)/m;
const INLINE_MARK = /\*\*[^*\n]+\*\*|\[[^\]\n]+\]\((?:https?:|mailto:)[^)\s]+\)/;

export function looksLikeMarkdown(text: string): boolean {
  return BLOCK_MARK.test(text) || INLINE_MARK.test(text);
}

/** The Markdown as HTML for the editor's paste (at most 200,000 characters are read: a section is far shorter). */
export function markdownToPasteHtml(text: string): string {
  return md.render(text.slice(0, 200_000)).replace(/&lt;br\s*\/?&gt;/gi, '<br>');
}
