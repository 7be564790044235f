/**
 * The diff model between two versions of a commitment: one shape that the server computes,
 * stores and sends as JSON, and that the client renders as a redline, so both show the same diff.
 */
import type { BudgetTextKey, BudgetValueKey, ContactKey, Lang, MilestoneTextKey, MilestoneValueKey, OgpValue, SectionKey, ShortTextKey } from '../schema/fields.js';
import type { Agency, BudgetRowJSON, CommitmentJSON, MilestoneJSON, RichNode } from '../schema/types.js';

export type TextOp = 'equal' | 'insert' | 'delete';

/** A run of an inline text diff; the old text is equal+delete runs, the new one equal+insert. */
export interface TextSegment {
  op: TextOp;
  text: string;
}

/** Who made a change. The diff leaves it undefined; the server fills it from its edit log. */
export interface ChangeAuthor {
  userId: string;
  name: string;
  affiliation: string;
  /** ISO time of the edit. */
  at: string;
}

interface ChangeBase {
  /** Stable address of the field, e.g. `title.zh`, `sections.problem.zh`, `milestones.<id>.indicator.zh`. */
  path: string;
  authors?: ChangeAuthor[];
}

/** Metadata fields compared as a whole value. */
export type MetaValueKey = 'number' | 'domainId' | 'status' | 'startDate' | 'endDate';

/** A contact field, as a value change's `field` (path `contact.<key>`). */
export type ContactField = `contact.${ContactKey}`;

/** A single value replaced (metadata, a contact field, a milestone's or a budget row's single-value cell). */
export interface ValueChange extends ChangeBase {
  kind: 'value';
  /** Set for milestone cells, so a UI can group changes by row. */
  milestoneId?: string;
  /** Set for budget cells (path `budget.<id>.amount`). */
  budgetRowId?: string;
  field: MetaValueKey | MilestoneValueKey | BudgetValueKey | ContactField;
  old: string;
  new: string;
}

/** The commitment moved to another lead agency (agencies compared by id; renames are not moves). */
export interface LeadAgencyChange extends ChangeBase {
  kind: 'leadAgency';
  path: 'leadAgency';
  old: Agency;
  new: Agency;
}

/** The co-implementing agencies changed (membership, order or names). */
export interface CoAgenciesChange extends ChangeBase {
  kind: 'coAgencies';
  path: 'coAgencies';
  old: Agency[];
  new: Agency[];
  /** Agencies whose id is new in `new` / gone from `old`. */
  added: Agency[];
  removed: Agency[];
}

/** An OGP value checkbox toggled. */
export interface OgpChange extends ChangeBase {
  kind: 'ogp';
  path: `ogpValues.${OgpValue}`;
  value: OgpValue;
  old: boolean;
  new: boolean;
}

/** A plain text field (title, partners, milestone text cells) with its inline diff. */
export interface TextChange extends ChangeBase {
  kind: 'text';
  field: ShortTextKey | MilestoneTextKey | BudgetTextKey;
  lang: Lang;
  milestoneId?: string;
  budgetRowId?: string;
  old: string;
  new: string;
  segments: TextSegment[];
}

/** How a block of a rich-text section is shown in a redline. */
export interface BlockInfo {
  /** `paragraph`, `heading`, `listItem` (a text block inside a list item), or the node type. */
  kind: string;
  /** Heading level. */
  level?: number;
  /** Innermost list type (`bulletList`, `orderedList`, …) for list items. */
  listType?: string;
  /** List nesting depth: 0 outside lists, 1 for a top-level list item. */
  depth: number;
  /** Plain text of the block (hard breaks as `\n`). */
  text: string;
}

export type BlockOp = 'equal' | 'insert' | 'delete' | 'change';

/**
 * What `applyCommitmentDiff` needs to rebuild a block exactly: its node JSON, its ancestor
 * containers (without content) and how many of them it shares with the block before it.
 */
export interface BlockRebuild {
  node?: RichNode;
  wrappers?: RichNode[];
  join: number;
}

/** One block of a section redline, in document order (deleted blocks where they were). */
export interface BlockDiff {
  op: BlockOp;
  /** The new block (equal, insert, change) or the removed one (delete). */
  block: BlockInfo;
  /** For `change`: the block it replaces. */
  oldBlock?: BlockInfo;
  /** For `change`: inline diff of the block text. */
  segments?: TextSegment[];
  /** For `change`: marks or attributes changed (bold, link, list attributes…). */
  formatChanged?: boolean;
  /** A delete and an insert sharing a `moveId` are one block moved elsewhere. */
  moveId?: number;
  /** Present on insert and change, and on equal when its list grouping changed. */
  rebuild?: BlockRebuild;
}

/** A rich-text section changed; `blocks` is the whole section as a redline. */
export interface RichChange extends ChangeBase {
  kind: 'rich';
  path: `sections.${SectionKey}.${Lang}`;
  section: SectionKey;
  lang: Lang;
  blocks: BlockDiff[];
}

export interface MilestoneAdded extends ChangeBase {
  kind: 'milestoneAdded';
  path: `milestones.${string}`;
  milestoneId: string;
  /** Position in the new order. */
  index: number;
  new: MilestoneJSON;
}

export interface MilestoneRemoved extends ChangeBase {
  kind: 'milestoneRemoved';
  path: `milestones.${string}`;
  milestoneId: string;
  /** Position in the old order. */
  index: number;
  old: MilestoneJSON;
}

/** A row whose position changed relative to the other rows (old and new positions). */
export interface MilestoneMoved extends ChangeBase {
  kind: 'milestoneMoved';
  path: `milestones.${string}`;
  milestoneId: string;
  old: number;
  new: number;
}

export interface BudgetAdded extends ChangeBase {
  kind: 'budgetAdded';
  path: `budget.${string}`;
  budgetRowId: string;
  index: number;
  new: BudgetRowJSON;
}

export interface BudgetRemoved extends ChangeBase {
  kind: 'budgetRemoved';
  path: `budget.${string}`;
  budgetRowId: string;
  index: number;
  old: BudgetRowJSON;
}

export interface BudgetMoved extends ChangeBase {
  kind: 'budgetMoved';
  path: `budget.${string}`;
  budgetRowId: string;
  old: number;
  new: number;
}

export type FieldChange =
  | ValueChange
  | LeadAgencyChange
  | CoAgenciesChange
  | OgpChange
  | TextChange
  | RichChange
  | MilestoneAdded
  | MilestoneRemoved
  | MilestoneMoved
  | BudgetAdded
  | BudgetRemoved
  | BudgetMoved;

export type ChangeKind = FieldChange['kind'];

export const CHANGE_KINDS: readonly ChangeKind[] = [
  'value',
  'leadAgency',
  'coAgencies',
  'ogp',
  'text',
  'rich',
  'milestoneAdded',
  'milestoneRemoved',
  'milestoneMoved',
  'budgetAdded',
  'budgetRemoved',
  'budgetMoved',
];

/**
 * Bookkeeping that is not a user-visible change but that `applyCommitmentDiff` needs to
 * rebuild `after` exactly: translation fingerprints, an agency renamed under the same id…
 */
export interface InternalChanges {
  enBasis?: { set: Record<string, string>; remove: string[] };
  leadAgency?: Agency;
  schemaVersion?: number;
  id?: string;
}

/** Field-by-field changes from one version of a commitment to another, in table order. */
export interface CommitmentDiff {
  commitmentId: string;
  changes: FieldChange[];
  internal: InternalChanges;
}

/** Keys of CommitmentJSON, for listing the top-level fields a diff touches. */
export type TopLevelField = keyof CommitmentJSON;
