/** Version references as the pickers offer them (`live`, `cycle:<id>`, `snapshot:<id>`), and `?from=&to=` kept in the URL. */
import { useCallback, useEffect, useState } from 'react';
import type { CycleView, SnapshotView } from '../../shared/protocol/versions.js';

export interface RefOption {
  ref: string;
  kind: 'live' | 'cycle' | 'checkpoint';
  /** The meeting's label or the checkpoint's reason; empty for live (the UI names it). */
  label: string;
  /** Meeting date (cycles) or ISO time taken (checkpoints); null for live. */
  at: string | null;
}

export const LIVE: RefOption = { ref: 'live', kind: 'live', label: '', at: null };

/** Live first, then the plan's review cycles that have a snapshot, newest meeting first. */
export function planRefOptions(cycles: CycleView[]): RefOption[] {
  const taken = cycles.filter((c) => c.snapshotAt).sort((a, b) => b.snapshotAt!.localeCompare(a.snapshotAt!));
  return [LIVE, ...taken.map((c) => ({ ref: c.ref, kind: 'cycle' as const, label: c.label, at: c.meetingDate }))];
}

/**
 * Live first, then a commitment's versions newest first. Review-cycle snapshots use the
 * cycle's reference, so links from the plan's cycle list select the same option.
 */
export function commitmentRefOptions(versions: SnapshotView[], cycles: CycleView[]): RefOption[] {
  const meeting = new Map(cycles.map((c) => [c.id, c.meetingDate]));
  const sorted = [...versions].sort((a, b) => b.seq - a.seq || b.takenAt.localeCompare(a.takenAt));
  return [
    LIVE,
    ...sorted.map((v) =>
      v.kind === 'cycle' && v.cycleId
        ? { ref: `cycle:${v.cycleId}`, kind: 'cycle' as const, label: v.label, at: meeting.get(v.cycleId) ?? v.takenAt }
        : { ref: v.ref, kind: 'checkpoint' as const, label: v.reason, at: v.takenAt },
    ),
  ];
}

/** "Since the last review": the newest cycle, else the newest checkpoint, else nothing to compare with. */
export const defaultFrom = (options: RefOption[]): string | null => (options.find((o) => o.kind === 'cycle') ?? options.find((o) => o.kind === 'checkpoint'))?.ref ?? null;

const read = (name: string) => new URLSearchParams(location.search).get(name);

/** A query parameter as state; changes replace the URL (shareable, no history entry per click). */
export function useSearchParam(name: string): [string | null, (value: string | null) => void] {
  const [value, setValue] = useState(() => read(name));
  useEffect(() => {
    const sync = () => setValue(read(name));
    window.addEventListener('popstate', sync);
    return () => window.removeEventListener('popstate', sync);
  }, [name]);
  const set = useCallback(
    (next: string | null) => {
      const params = new URLSearchParams(location.search);
      if (next === null) params.delete(name);
      else params.set(name, next);
      const search = params.toString();
      history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
      setValue(next);
    },
    [name],
  );
  return [value, set];
}

/** How a picker names a version: "Current text", "第3次推動小組會議 (30 Apr 2021)", "Checkpoint: before restore (…)". */
export function refLabel(o: RefOption, t: (key: 'versionLive' | 'versionCycle' | 'versionCheckpoint', vars?: Record<string, string>) => string, date: (iso: string) => string): string {
  if (o.kind === 'live') return t('versionLive');
  if (o.kind === 'cycle') return t('versionCycle', { label: o.label, date: o.at ? date(o.at) : '' });
  return t('versionCheckpoint', { reason: o.label, date: o.at ? date(o.at) : '' });
}
