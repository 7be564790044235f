/**
 * What a document of each kind may contain, as the sync server's schema firewall checks it
 * before an update is integrated: the names of its top-level shared types and the element
 * and mark names the one editor schema uses. Kept apart from extensions.ts so the server
 * checks names without loading TipTap; a test holds the two lists against that schema.
 */
import type { DocKind } from '../protocol/docNames.js';
import { LANGS, SECTION_KEYS, SHORT_TEXT_KEYS } from './fields.js';
import { Y_NAMES } from './commitment.js';
import { COMMENT_THREADS } from './commentThreads.js';

/** ProseMirror node names of the editor schema (XmlElement names in a section). */
export const EDITOR_NODES: ReadonlySet<string> = new Set([
  'paragraph',
  'blockquote',
  'bulletList',
  'doc',
  'hardBreak',
  'heading',
  'horizontalRule',
  'listItem',
  'orderedList',
]);

/** ProseMirror mark names (Y.Text format keys; y-prosemirror may suffix `--<hash>`). */
export const EDITOR_MARKS: ReadonlySet<string> = new Set(['link', 'bold', 'italic', 'strike', 'underline']);

const commitmentRoots = (): Set<string> => {
  const names = new Set<string>();
  for (const v of Object.values(Y_NAMES)) if (typeof v === 'string') names.add(v);
  for (const lang of LANGS) {
    for (const key of SHORT_TEXT_KEYS) names.add(Y_NAMES.shortText(key, lang));
    for (const key of SECTION_KEYS) names.add(Y_NAMES.section(key, lang));
  }
  return names;
};

const ROOTS: Record<DocKind, ReadonlySet<string>> = {
  commitment: commitmentRoots(),
  plan: new Set(['meta', 'domains', 'placements']),
  comments: new Set([COMMENT_THREADS]),
};

/** True when `name` is a top-level shared type documents of `kind` have. */
export const isKnownRoot = (kind: DocKind, name: string): boolean => ROOTS[kind].has(name);

/** True when `key` is a format attribute the editor writes (a mark, maybe with y-prosemirror's hash suffix). */
export const isEditorMark = (key: string): boolean => EDITOR_MARKS.has(key.split('--')[0]!);
