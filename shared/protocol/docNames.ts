/**
 * Document names as they appear in `/sync/<name>`: a plan is `plan-<slug>`, a commitment is
 * `c-<slug>`. Lowercase ASCII only, so names are safe in URLs, file names and SQL.
 */
export const DOC_NAME_RE = /^(plan|c)-[a-z0-9][a-z0-9-]{0,62}$/;

export type DocKind = 'plan' | 'commitment';

export function parseDocName(name: string): { name: string; kind: DocKind } | null {
  if (!DOC_NAME_RE.test(name)) return null;
  return { name, kind: name.startsWith('plan-') ? 'plan' : 'commitment' };
}
