/** When the aria-live region speaks: connection changes at once, what typing causes only once it has settled. */
import type { SyncKind, SyncView } from '../sync/syncView.js';

export const SETTLE_MS = 1500;

/** Kinds whose sentence includes the waiting count. */
const COUNTED: SyncKind[] = ['offline', 'reconnecting', 'refused'];

interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

/** Whether two views read the same (the count only matters where the sentence shows it). */
function same(a: SyncView, b: SyncView): boolean {
  return a.kind === b.kind && a.reason === b.reason && (a.pending === b.pending || !COUNTED.includes(a.kind));
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Typing toggles saved → saving → saved on every keystroke: a screen reader should hear the news, not each key. */
export class LiveAnnouncer {
  private spoken: SyncView | null = null;
  private latest: SyncView | null = null;
  private timer: unknown = null;

  constructor(
    private readonly speak: (view: SyncView) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  update(view: SyncView): void {
    const previous = this.latest;
    this.latest = view;
    // A repaint with nothing new must not reset a pending announcement.
    if (previous && same(previous, view)) return;
    const last = this.spoken;
    if (last && same(last, view)) {
      this.cancel();
      return;
    }
    const typing = last && ((last.kind === 'saved' && view.kind === 'saving') || last.kind === view.kind);
    this.cancel();
    if (typing) this.timer = this.timers.set(() => this.say(this.latest!), SETTLE_MS);
    else this.say(view);
  }

  dispose(): void {
    this.cancel();
  }

  private say(view: SyncView): void {
    this.timer = null;
    this.spoken = view;
    this.speak(view);
  }

  private cancel(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
