/**
 * Document names as they appear in `/sync/<name>`: a plan is `plan-<slug>`, a commitment is
 * `c-<slug>`, and a commitment's comment threads are `cm-<slug>` (same slug). Lowercase ASCII
 * only, so names are safe in URLs, file names and SQL.
 */
export const DOC_NAME_RE = /^(plan|c|cm)-[a-z0-9][a-z0-9-]{0,62}$/;

/** `comments`: the threads of one commitment, kept out of its text so readers may write them. */
export type DocKind = 'plan' | 'commitment' | 'comments';

export function parseDocName(name: string): { name: string; kind: DocKind } | null {
  if (!DOC_NAME_RE.test(name)) return null;
  const kind: DocKind = name.startsWith('plan-') ? 'plan' : name.startsWith('cm-') ? 'comments' : 'commitment';
  return { name, kind };
}

/** The comment document of a commitment: `c-01-open-data` → `cm-01-open-data`. */
export const commentDocName = (commitmentId: string): string => `cm-${commitmentId.replace(/^c-/, '')}`;

/** The commitment a comment document belongs to, or null when `name` is not one. */
export const commitmentOfCommentDoc = (name: string): string | null =>
  parseDocName(name)?.kind === 'comments' ? `c-${name.slice(3)}` : null;
