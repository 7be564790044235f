/**
 * Full-text search over commitments: what `GET /api/search` and `GET /api/public/search`
 * accept and answer, shared so the client builds exactly the query the server checks and
 * renders the snippet without any HTML from the server.
 */
import { z } from 'zod';
import type { Bilingual, Lang } from '../schema/index.js';

/** Longest query (characters, after trimming): a search box, not a document. */
export const MAX_QUERY_CHARS = 100;
/** Most results one request may ask for; `DEFAULT_SEARCH_LIMIT` when it asks for none. */
export const MAX_SEARCH_LIMIT = 50;
export const DEFAULT_SEARCH_LIMIT = 20;
/**
 * Below this many characters a query cannot use a trigram index (「收費」 is 2): it is matched
 * by a plain scan of the same bounded rows instead.
 */
export const TRIGRAM_MIN_CHARS = 3;

/** The sentence every refused query gets (the API answers it with 400). */
export const QUERY_RULE = `Type between 1 and ${MAX_QUERY_CHARS} characters to search for (spaces at either end do not count).`;

export const searchQuery = z.object({
  q: z
    .string({ error: QUERY_RULE })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, QUERY_RULE).max(MAX_QUERY_CHARS, QUERY_RULE)),
  plan: z.string().min(1).max(80).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/**
 * Where the match is in the field's text: the text around it, cut to a few dozen characters.
 * The client marks `match` itself (a <mark> element), so nothing is ever parsed as HTML.
 */
export interface SearchSnippet {
  before: string;
  match: string;
  after: string;
  /** Text was cut before `before` / after `after`. */
  cutStart: boolean;
  cutEnd: boolean;
}

export interface SearchResult {
  commitmentId: string;
  planId: string;
  number: string;
  title: Bilingual;
  /**
   * The field's address, as suggestions name it: `title`, `partners`, `section:<key>`,
   * `milestone:<rowId>:<cell>`.
   */
  field: string;
  /** What the UI shows for the field, in both UI languages (e.g. 「里程碑 2・衡量指標」). */
  fieldName: Bilingual;
  /** The content language the match is in. */
  lang: Lang;
  snippet: SearchSnippet;
}

export interface SearchResponse {
  q: string;
  results: SearchResult[];
  /** More matched than `limit`: the client says so instead of pretending the list is whole. */
  more: boolean;
}
