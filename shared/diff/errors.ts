/** The one error of applying a diff: the base given is not the version the diff was taken from. */

/** Thrown by `applyCommitmentDiff` when a change does not fit the commitment it is applied to. */
export class DiffApplyError extends Error {
  constructor(
    /** Path of the change that did not fit, e.g. `milestones.m1.indicator.zh`. */
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'DiffApplyError';
  }
}
