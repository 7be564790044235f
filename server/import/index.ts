/** Importing commitment tables from DOCX and Markdown: the one door of the feature (readers, recognition, the import service). */
export { docxToHtml, looksLikeZip, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, MAX_TABLE_DEPTH } from './docx.js';
export { markdownToHtml } from './markdown.js';
export { htmlToBlocks, blocksToRich, blocksText, stripBullet, MAX_HTML_DEPTH, type Block, type Cell } from './html.js';
export { recognise, MAX_IMPORT_COMMITMENTS, MAX_IMPORT_MILESTONES, type ImportedCommitment, type Recognition } from './recognise.js';
export { readCommitments } from './read.js';
export { toFields, matchAgencies } from './fields.js';
export { applyImported } from './apply.js';
export { ImportService, importFormatOf, type ImportDeps, type ImportRequest } from './service.js';
