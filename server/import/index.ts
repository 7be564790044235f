/** Importing commitment tables from DOCX and Markdown: the one door of the feature (readers only so far; recognition and the routes are still to come). */
export { docxToHtml, looksLikeZip, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, MAX_TABLE_DEPTH } from './docx.js';
export { markdownToHtml } from './markdown.js';
export { htmlToBlocks, blocksToRich, blocksText, stripBullet, MAX_HTML_DEPTH, type Block, type Cell } from './html.js';
