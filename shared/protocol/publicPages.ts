/**
 * The public site's page paths (pages, not the API): the client's router opens them, and the
 * server names the page in index.html's head for link previews. One pattern each, so the two
 * never disagree about which path is which page. Matched against a path without its trailing
 * slashes; the one group is the id, still URI-encoded.
 */
export const PUBLIC_PLAN_PAGE = /^\/public\/plans\/([^/]+)$/;
export const PUBLIC_COMMITMENT_PAGE = /^\/public\/c\/([^/]+)$/;

/** A page path as the patterns read it: `/public/c/x/` is `/public/c/x`, `/` stays `/`. */
export const pagePath = (pathname: string): string => pathname.replace(/\/+$/, '') || '/';
