/**
 * Markdown (as HackMD/HedgeDoc users write it: headings or bold labels, GFM tables) to HTML
 * with markdown-it. Raw HTML is off: a <script> or an <iframe> in the page stays visible text
 * and is never interpreted, so one parser (html.ts) reads both formats.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, breaks: false });

/** The Markdown page as HTML; HackMD's front matter and `[TOC]` markers are removed first. */
export function markdownToHtml(text: string): string {
  const body = text.replace(/^\uFEFF/, '').replace(/^---\n[\s\S]*?\n---\n/, '').replace(/^\s*\[TOC\]\s*$/gim, '');
  // A table cell can hold no line break but `<br>`, which HackMD and our own export write; with
  // raw HTML off it arrives escaped, and only that exact tag (no attributes) is turned back.
  return md.render(body).replace(/&lt;br\s*\/?&gt;/gi, '<br>');
}
