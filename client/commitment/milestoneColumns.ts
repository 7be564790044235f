/** Columns of the milestone table, in display order, and the header ids cells are labelled by. */
export const MILESTONE_COLUMNS = ['number', 'period', 'text', 'indicator', 'start', 'due', 'status', 'evidence', 'actions'] as const;
export type MilestoneColumn = (typeof MILESTONE_COLUMNS)[number];

export const columnHeaderId = (col: MilestoneColumn) => `ms-col-${col}`;
export const rowHeaderId = (id: string) => `ms-row-${id}`;
