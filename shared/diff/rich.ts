/**
 * Block-aware diff of a rich-text section: blocks are matched as a sequence (so an inserted
 * or moved paragraph is one change, not a cascade), and edited blocks get an inline diff.
 */
import { diffArrays } from 'diff';
import type { Lang } from '../schema/fields.js';
import type { RichDoc } from '../schema/types.js';
import { flattenDoc, inlineRuns, rebuildDoc, type LeafBlock } from './blocks.js';
import { DiffApplyError } from './errors.js';
import { canonical, clone } from './json.js';
import { bigrams, diffText, similarity } from './text.js';
import type { BlockDiff, BlockInfo, TextSegment } from './types.js';

/** Below this share of kept text, an edited block is shown as deleted and re-inserted. */
const PAIR_THRESHOLD = 0.4;
/** Above this many candidate pairs in one hunk, only pair blocks whose text is unchanged. */
const MAX_SIMILARITY_PAIRS = 2500;

const fingerprint = (leaf: LeafBlock) => canonical({ w: leaf.wrappers, n: leaf.node });
const moveKey = (info: BlockInfo) => JSON.stringify([info.kind, info.level, info.listType, info.depth, info.text]);

interface Hunk {
  dels: number[];
  ins: number[];
}
type Step = { a: number; b: number } | { a: number } | { b: number };

/** True when marks, attributes or containers differ on the text the two versions share. */
function formatChanged(a: LeafBlock, b: LeafBlock, segments: TextSegment[]): boolean {
  if (a.info.text === b.info.text) return true; // same text, different fingerprint
  const shape = (l: LeafBlock) =>
    canonical({ w: l.wrappers, n: { ...l.node, content: undefined }, atoms: inlineRuns(l.node).filter((r) => !r.text).map((r) => r.format) });
  if (shape(a) !== shape(b)) return true;
  const perChar = (l: LeafBlock) => inlineRuns(l.node).flatMap((r) => Array.from({ length: r.text.length }, () => r.format));
  const fa = perChar(a);
  const fb = perChar(b);
  let i = 0;
  let j = 0;
  for (const s of segments) {
    const n = s.text.length;
    if (s.op === 'equal') {
      for (let k = 0; k < n; k++) if (fa[i + k] !== fb[j + k]) return true;
    }
    if (s.op !== 'insert') i += n;
    if (s.op !== 'delete') j += n;
  }
  return false;
}

/** Order-preserving pairing of a hunk's deleted and inserted blocks that maximises kept text. */
function align(hunk: Hunk, A: LeafBlock[], B: LeafBlock[], moved: Set<string>): Step[] {
  const m = hunk.dels.length;
  const n = hunk.ins.length;
  const cheap = m * n > MAX_SIMILARITY_PAIRS;
  const profiles = new Map<string, Map<string, number>>();
  const profile = (key: string, text: string) => {
    let p = profiles.get(key);
    if (!p) profiles.set(key, (p = bigrams(text)));
    return p;
  };
  const score = (i: number, j: number): number => {
    const a = A[hunk.dels[i]!]!;
    const b = B[hunk.ins[j]!]!;
    if (moved.has(`a${hunk.dels[i]}`) || moved.has(`b${hunk.ins[j]}`)) return 0;
    if (a.info.text === b.info.text) return 1;
    if (cheap) return 0;
    const s = similarity(profile(`a${i}`, a.info.text), profile(`b${j}`, b.info.text));
    return s >= PAIR_THRESHOLD ? s : 0;
  };
  // best[i][j]: most text kept pairing the first i deleted with the first j inserted blocks.
  const W = n + 1;
  const best = new Float64Array((m + 1) * W);
  const choice = new Uint8Array((m + 1) * W);
  const PAIR = 1;
  const SKIP_DELETED = 2;
  const SKIP_INSERTED = 3;
  for (let i = 0; i <= m; i++) {
    for (let j = 0; j <= n; j++) {
      if (i === 0 && j === 0) continue;
      const s = i > 0 && j > 0 ? score(i - 1, j - 1) : 0;
      // Ties go to pairing, so an edited block reads as changed rather than replaced.
      let value = s > 0 ? best[(i - 1) * W + j - 1]! + s : -1;
      let how = PAIR;
      if (i > 0 && best[(i - 1) * W + j]! > value) [value, how] = [best[(i - 1) * W + j]!, SKIP_DELETED];
      if (j > 0 && best[i * W + j - 1]! > value) [value, how] = [best[i * W + j - 1]!, SKIP_INSERTED];
      best[i * W + j] = value;
      choice[i * W + j] = how;
    }
  }
  const steps: Step[] = [];
  for (let i = m, j = n; i > 0 || j > 0; ) {
    const how = choice[i * W + j];
    if (how === PAIR) steps.push({ a: hunk.dels[--i]!, b: hunk.ins[--j]! });
    else if (how === SKIP_DELETED) steps.push({ a: hunk.dels[--i]! });
    else steps.push({ b: hunk.ins[--j]! });
  }
  steps.reverse();
  // Between two paired blocks, show what was removed before what was added.
  const out: Step[] = [];
  let dels: Step[] = [];
  let ins: Step[] = [];
  const flush = () => {
    out.push(...dels, ...ins);
    dels = [];
    ins = [];
  };
  for (const step of steps) {
    if ('a' in step && 'b' in step) {
      flush();
      out.push(step);
    } else if ('a' in step) dels.push(step);
    else ins.push(step);
  }
  flush();
  return out;
}

/** Pairs a deleted block with an identical inserted one in another hunk: a moved block. */
function findMoves(hunks: Hunk[], A: LeafBlock[], B: LeafBlock[]): Map<string, number> {
  const inserts = new Map<string, Array<{ hunk: number; b: number }>>();
  hunks.forEach((h, hunk) =>
    h.ins.forEach((b) => {
      if (!B[b]!.info.text.trim()) return;
      const key = moveKey(B[b]!.info);
      inserts.set(key, [...(inserts.get(key) ?? []), { hunk, b }]);
    }),
  );
  const moves = new Map<string, number>();
  let next = 1;
  hunks.forEach((h, hunk) =>
    h.dels.forEach((a) => {
      const candidates = inserts.get(moveKey(A[a]!.info));
      const at = candidates?.findIndex((c) => c.hunk !== hunk) ?? -1;
      if (at < 0) return;
      const [{ b }] = candidates!.splice(at, 1) as [{ hunk: number; b: number }];
      moves.set(`a${a}`, next);
      moves.set(`b${b}`, next++);
    }),
  );
  return moves;
}

/**
 * The redline of a section, or null when the two docs are the same.
 * @example diffRich(paragraphs('一', '二'), paragraphs('二', '一'), 'zh') // '一' deleted and re-inserted with one moveId
 */
export function diffRich(before: RichDoc, after: RichDoc, lang: Lang): BlockDiff[] | null {
  const A = flattenDoc(before);
  const B = flattenDoc(after);
  const parts = diffArrays(A.map(fingerprint), B.map(fingerprint));
  // Walk the library's output into equal runs and hunks (a run of deletes and inserts).
  const items: Array<{ equal: [number, number] } | { hunk: Hunk }> = [];
  let i = 0;
  let j = 0;
  let changed = false;
  for (const part of parts) {
    const count = part.value.length;
    if (!part.added && !part.removed) {
      for (let k = 0; k < count; k++) items.push({ equal: [i++, j++] });
      continue;
    }
    changed = true;
    let last = items[items.length - 1];
    if (!last || !('hunk' in last)) items.push((last = { hunk: { dels: [], ins: [] } }));
    for (let k = 0; k < count; k++) (part.removed ? last.hunk.dels : last.hunk.ins).push(part.removed ? i++ : j++);
  }
  const joinChanged = items.some((it) => 'equal' in it && A[it.equal[0]]!.join !== B[it.equal[1]]!.join);
  if (!changed && !joinChanged) return null;

  const hunks = items.flatMap((it) => ('hunk' in it ? [it.hunk] : []));
  const moves = findMoves(hunks, A, B);
  const movedKeys = new Set(moves.keys());
  const rebuild = (b: LeafBlock) => ({ node: clone(b.node), wrappers: clone(b.wrappers), join: b.join });
  const out: BlockDiff[] = [];
  for (const item of items) {
    if ('equal' in item) {
      const [a, b] = [A[item.equal[0]]!, B[item.equal[1]]!];
      out.push(a.join === b.join ? { op: 'equal', block: b.info } : { op: 'equal', block: b.info, rebuild: { join: b.join } });
      continue;
    }
    for (const step of align(item.hunk, A, B, movedKeys)) {
      if ('a' in step && 'b' in step) {
        const [a, b] = [A[step.a]!, B[step.b]!];
        const segments = diffText(a.info.text, b.info.text, lang);
        const entry: BlockDiff = { op: 'change', block: b.info, oldBlock: a.info, segments, rebuild: rebuild(b) };
        if (formatChanged(a, b, segments)) entry.formatChanged = true;
        out.push(entry);
      } else if ('a' in step) {
        const moveId = moves.get(`a${step.a}`);
        out.push(moveId ? { op: 'delete', block: A[step.a]!.info, moveId } : { op: 'delete', block: A[step.a]!.info });
      } else {
        const moveId = moves.get(`b${step.b}`);
        const b = B[step.b]!;
        out.push(moveId ? { op: 'insert', block: b.info, moveId, rebuild: rebuild(b) } : { op: 'insert', block: b.info, rebuild: rebuild(b) });
      }
    }
  }
  return out;
}

/** Rebuilds the new section from the old one and its redline; `path` names it in errors. */
export function applyRich(before: RichDoc, blocks: BlockDiff[], path: string): RichDoc {
  const leaves = flattenDoc(before);
  const out: Array<Pick<LeafBlock, 'node' | 'wrappers' | 'join'>> = [];
  let i = 0;
  const take = (expected: BlockInfo): LeafBlock => {
    const leaf = leaves[i++];
    if (!leaf || leaf.info.text !== expected.text) {
      throw new DiffApplyError(path, `block ${i - 1} is not ${JSON.stringify(expected.text.slice(0, 40))}`);
    }
    return leaf;
  };
  for (const entry of blocks) {
    if (entry.op === 'equal') {
      const leaf = take(entry.block);
      out.push({ node: leaf.node, wrappers: leaf.wrappers, join: entry.rebuild?.join ?? leaf.join });
      continue;
    }
    if (entry.op === 'delete') take(entry.block);
    if (entry.op === 'change') take(entry.oldBlock ?? entry.block);
    if (entry.op === 'insert' || entry.op === 'change') {
      const r = entry.rebuild;
      if (!r?.node) throw new DiffApplyError(path, `${entry.op} without the block's JSON`);
      out.push({ node: r.node, wrappers: r.wrappers ?? [], join: r.join });
    }
  }
  if (i !== leaves.length) throw new DiffApplyError(path, `the section has ${leaves.length} blocks, the diff covers ${i}`);
  return rebuildDoc(out);
}
