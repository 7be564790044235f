/** Importing commitment tables from DOCX and Markdown files: the one door of the feature (the plan page's and the commitment page's upload with preview). */
export { PlanImport, CommitmentImport } from './ImportDoors.js';
