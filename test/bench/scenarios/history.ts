/**
 * A commitment with a long history (100,000 single-character updates; 20,000 in --quick):
 * the ingest rate through one socket, then joining it cold (server restarted: loaded from
 * SQLite) and warm (in memory because another client holds it). Join time is what a client
 * observes from opening the socket to receiving sync step 2 (and to having applied it);
 * the server's own CPU for the join is read from /proc (10 ms ticks).
 *
 * Gongbi compacts a document's log once 1,000 updates are pending, so in production a cold
 * join reads the compacted state plus a short tail (document A; the table says what was
 * stored). Document B holds a raw log of one row per update (written into the store directly,
 * as a crash before compaction or a bulk import leaves it), loaded with compaction off.
 */
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import { join } from 'node:path';
import * as Y from 'yjs';
import { SqliteStore } from '../../../server/storage/index.js';
import { LightClient, sameContent } from '../client.js';
import { generateHistory, type History } from '../history.js';
import { benchTempDir, machineBusySec, removeTempDir, selfCpuSec, startGongbi, startReference, type Target } from '../servers.js';
import { median, ratio, round } from '../stats.js';
import type { Cell, Goal, Scenario, ScenarioResult } from '../types.js';
import { sleep, targetOrder, waitForQuiet } from './common.js';

/** The ingest measures capacity: Gongbi's per-socket message limit (a flood guard) is lifted. */
const NO_LIMIT = { GONGBI_WS_MESSAGES_PER_SECOND: '1000000', GONGBI_WS_MESSAGE_BURST: '10000000' };
const NO_COMPACTION = { GONGBI_COMPACT_AFTER: '10000000' };
const UNLOAD_MS = 200;

interface Ingest {
  updates: number;
  /** Gongbi: until the acknowledgement of the last update (durable); reference: until an observer got them all. */
  updatesPerSec: number;
  durableSec: number | null;
  visibleSec: number;
  serverCpuUsPerUpdate: number;
  generatorCpuPct: number;
  /** Everything else on the machine during the ingest, % of a core. */
  otherCpuPct: number;
}

interface Join {
  /** Socket opened → sync step 2 received (server + network). */
  toStep2Ms: number;
  /** … → step 2 applied by the client (what a user waits for). */
  toSyncedMs: number;
  serverCpuMs: number;
  ok: boolean;
}

async function ingest(target: Target, name: string, history: History): Promise<{ result: Ingest; expected: Y.Doc }> {
  const writer = new LightClient(target.docUrl(name), { template: target.clientTemplate });
  await writer.connect();
  writer.apply = false;
  const observer = new LightClient(target.docUrl(name), { apply: false });
  await observer.connect();
  await sleep(300);
  const n = history.messages.length;
  let seen = 0;
  let visibleAt = 0;
  // Counts clock ticks, not messages, so a server that relays merged updates is measured right.
  const allSeen = new Promise<void>((resolve) => {
    observer.onUpdateMessage = (update) => {
      const { from, to } = Y.parseUpdateMeta(update);
      for (const [client, end] of to) seen += end - (from.get(client) ?? 0);
      if (seen >= n && !visibleAt) {
        visibleAt = performance.now();
        resolve();
      }
    };
  });
  const s0 = target.sample();
  const g0 = selfCpuSec();
  const m0 = machineBusySec();
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1000) {
    for (let j = i; j < Math.min(n, i + 1000); j++) writer.send(history.messages[j]!);
    while (writer.buffered > 4 * 2 ** 20) await sleep(1);
    await new Promise((r) => setImmediate(r));
  }
  let durableAt: number | null = null;
  if (target.kind === 'gongbi') {
    await writer.whenAcked();
    durableAt = performance.now();
  }
  await Promise.race([allSeen, sleep(120_000)]);
  if (seen < n) throw new Error(`${target.kind}: the observer saw ${seen} of ${n} characters`);
  const s1 = target.sample();
  const g1 = selfCpuSec();
  const m1 = machineBusySec();
  const end = durableAt ?? visibleAt;
  const wall = (end - t0) / 1000;
  // The expected content: what the writer had, plus the whole history.
  const expected = new Y.Doc();
  Y.applyUpdate(expected, Y.encodeStateAsUpdate(writer.doc));
  Y.applyUpdate(expected, history.state);
  await writer.close();
  await observer.close();
  return {
    expected,
    result: {
      updates: n,
      updatesPerSec: n / wall,
      durableSec: durableAt === null ? null : (durableAt - t0) / 1000,
      visibleSec: (visibleAt - t0) / 1000,
      serverCpuUsPerUpdate: ((s1.cpuSec - s0.cpuSec) * 1e6) / n,
      generatorCpuPct: ((g1 - g0) / ((s1.at - t0) / 1000)) * 100,
      otherCpuPct: Math.max(0, ((m1 - m0 - (s1.cpuSec - s0.cpuSec) - (g1 - g0)) / ((s1.at - t0) / 1000)) * 100),
    },
  };
}

async function timeJoin(target: Target, name: string, expected: Y.Doc, timeoutMs = 120_000): Promise<Join> {
  const c = new LightClient(target.docUrl(name));
  const s0 = target.sample();
  await c.connect(timeoutMs);
  const s1 = target.sample();
  const join = {
    toStep2Ms: c.step2ReceivedAt - c.startedAt,
    toSyncedMs: c.syncedAt - c.startedAt,
    serverCpuMs: (s1.cpuSec - s0.cpuSec) * 1000,
    ok: sameContent(c.doc, expected),
  };
  await c.close();
  return join;
}

/**
 * One cold join per fresh server process on the same data folder: the process is warmed up
 * first by two joins of another (small) document, so the timed join pays for loading the
 * document from SQLite, not for a cold JIT. Killed after, so nothing is compacted on the way out.
 */
async function coldJoins(dataDir: string, env: Record<string, string>, name: string, warmUpDoc: string, expected: Y.Doc, times: number, timeoutMs = 120_000): Promise<Join[]> {
  const joins: Join[] = [];
  for (let i = 0; i < times; i++) {
    const server = await startGongbi({ dataDir, env });
    try {
      for (let k = 0; k < 2; k++) await new LightClient(server.docUrl(warmUpDoc)).connect().then(() => undefined);
      await sleep(300);
      joins.push(await timeJoin(server, name, expected, timeoutMs));
    } finally {
      await server.stop('SIGKILL');
    }
  }
  return joins;
}

/**
 * Appends a history to a document's log directly in the store (server stopped), one row per
 * update, as a crash before compaction or a bulk import leaves it, whatever the server would
 * have batched. Returns the content a client must then see.
 */
async function appendRawLog(dataDir: string, name: string, history: History): Promise<Y.Doc> {
  const store = new SqliteStore({ file: join(dataDir, 'gongbi.db') });
  try {
    const loaded = await store.loadDocument(name);
    const expected = new Y.Doc();
    const parts = loaded.state ? [loaded.state, ...loaded.updates] : loaded.updates;
    expected.transact(() => parts.forEach((p) => Y.applyUpdate(expected, p)));
    Y.applyUpdate(expected, history.state);
    const author = { userId: 'bench', name: 'Bench', affiliation: 'agency' };
    const now = Date.now();
    const rows = history.messages.map((m, i) => ({ update: payloadOf(m), author, receivedAt: now + i }));
    for (let i = 0; i < rows.length; i += 5000) await store.appendUpdates(name, rows.slice(i, i + 5000));
    return expected;
  } finally {
    await store.close();
  }
}

/** The update inside a sync update message. */
function payloadOf(message: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(message);
  decoding.readVarUint(d);
  decoding.readVarUint(d);
  return decoding.readVarUint8Array(d);
}

/** The stored shape of a document: the compacted state and the log after it. */
function storedShape(dataDir: string, name: string): { tailUpdates: number; stateKiB: number } {
  const db = new Database(join(dataDir, 'gongbi.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT last_seq - compacted_seq AS tail, length(state) AS bytes FROM documents WHERE name = ?').get(name) as { tail: number; bytes: number | null };
    return { tailUpdates: row.tail, stateKiB: (row.bytes ?? 0) / 1024 };
  } finally {
    db.close();
  }
}

async function warmJoins(target: Target, name: string, expected: Y.Doc, times: number): Promise<Join[]> {
  const holder = new LightClient(target.docUrl(name));
  await holder.connect(120_000);
  await timeJoin(target, name, expected); // first one warms the cached reply
  const joins: Join[] = [];
  for (let i = 0; i < times; i++) joins.push(await timeJoin(target, name, expected));
  await holder.close();
  return joins;
}

interface JoinSummary {
  n: number;
  toStep2Ms: number;
  toSyncedMs: number;
  serverCpuMs: number;
  allOk: boolean;
  samples: Join[];
}

const summarizeJoins = (joins: Join[]): JoinSummary => ({
  n: joins.length,
  toStep2Ms: median(joins.map((j) => j.toStep2Ms)),
  toSyncedMs: median(joins.map((j) => j.toSyncedMs)),
  serverCpuMs: median(joins.map((j) => j.serverCpuMs)),
  allOk: joins.every((j) => j.ok),
  samples: joins,
});

/** Waits until the server has unloaded every document (idle unload), at most 20 s. */
async function untilUnloaded(target: Target): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await target.loadedDocuments()) === 0) return;
    await sleep(100);
  }
  throw new Error('documents stayed loaded');
}

async function runGongbi(history: History, rawHistory: History, times: number, log: (m: string) => void) {
  const dataDir = benchTempDir('gongbi-bench-history-');
  try {
    // A: through one socket; killed once everything is acknowledged.
    let server = await startGongbi({ dataDir, env: NO_LIMIT });
    const [docA, docB, docC] = await server.prepareDocs(3, 'hist');
    log(`history: gongbi: ingest ${history.messages.length} updates into ${docA}…`);
    const ing = await ingest(server, docA!, history);
    await sleep(500);
    await server.stop('SIGKILL');
    // B: a raw log of one row per update, written straight into the store.
    const expectedB = await appendRawLog(dataDir, docB!, rawHistory);
    const shapeA = storedShape(dataDir, docA!);
    const shapeB = storedShape(dataDir, docB!);

    // Cold: the document is not in memory and is read from SQLite. First in a fresh process
    // (after a restart or a crash), then in a running one after the idle unload dropped it.
    server = await startGongbi({ dataDir, env: { GONGBI_IDLE_UNLOAD_MS: String(UNLOAD_MS) } });
    log(`history: gongbi: cold joins (stored: ${Math.round(shapeA.stateKiB)} KiB state + ${shapeA.tailUpdates} updates)…`);
    for (let k = 0; k < 2; k++) await timeJoin(server, docC!, new Y.Doc()).catch(() => undefined);
    await untilUnloaded(server);
    const firstCold = summarizeJoins([await timeJoin(server, docA!, ing.expected)]);
    const cold: Join[] = [];
    for (let i = 0; i < times; i++) {
      await untilUnloaded(server);
      cold.push(await timeJoin(server, docA!, ing.expected));
    }
    const shapeAfter = await server.stop('SIGTERM').then(() => storedShape(dataDir, docA!));
    server = await startGongbi({ dataDir });
    log('history: gongbi: warm joins…');
    const warm = summarizeJoins(await warmJoins(server, docA!, ing.expected, times));
    await server.stop();
    log(`history: gongbi: cold join of a raw ${shapeB.tailUpdates}-update log…`);
    const coldRaw = summarizeJoins(await coldJoins(dataDir, NO_COMPACTION, docB!, docC!, expectedB, 1));
    return { ingest: ing.result, stored: shapeA, storedAfterUnload: shapeAfter, storedRaw: shapeB, firstColdInNewProcess: firstCold, coldCompacted: summarizeJoins(cold), coldRawLog: coldRaw, warm };
  } finally {
    removeTempDir(dataDir);
  }
}

async function runReference(history: History, times: number, log: (m: string) => void) {
  const server = await startReference();
  try {
    const [doc] = await server.prepareDocs(1, 'hist');
    log(`history: reference: ingest ${history.messages.length} updates…`);
    const ing = await ingest(server, doc!, history);
    log('history: reference: warm joins…');
    const warm = summarizeJoins(await warmJoins(server, doc!, ing.expected, times));
    return { ingest: ing.result, warm };
  } finally {
    await server.stop();
  }
}

export const historyScenario: Scenario = {
  name: 'history-join',
  title: 'joining a commitment with a 100,000-update history, cold and warm; ingest rate',
  inQuick: true,
  async run(ctx): Promise<ScenarioResult> {
    const updates = ctx.quick ? 10_000 : 100_000;
    const times = ctx.quick ? 2 : 5;
    const t0 = performance.now();
    const history = generateHistory(updates);
    // The raw (uncompacted) log is kept shorter: loading one costs far more than linear time.
    const rawHistory = generateHistory(ctx.quick ? 2_000 : 10_000, 1000, 7);
    ctx.log(`history: generated ${updates} single-character updates by ${history.clients} clients in ${round((performance.now() - t0) / 1000, 1)} s`);
    let g: Awaited<ReturnType<typeof runGongbi>> | null = null;
    let r: Awaited<ReturnType<typeof runReference>> | null = null;
    for (const kind of targetOrder()) {
      await waitForQuiet(ctx);
      if (kind === 'gongbi') g = await runGongbi(history, rawHistory, times, ctx.log);
      else r = await runReference(history, times, ctx.log);
    }
    const gg = g!;
    const rr = r!;
    const joinRow = (what: string, j: JoinSummary): Cell[] => [what, j.n, j.toStep2Ms, j.toSyncedMs, j.serverCpuMs, j.allOk ? 'yes' : 'NO'];
    const ingestRow = (what: string, i: Ingest): Cell[] => [what, i.updates, i.updatesPerSec, i.durableSec, i.visibleSec, i.serverCpuUsPerUpdate, 1e6 / i.serverCpuUsPerUpdate, i.generatorCpuPct, i.otherCpuPct];
    const goals: Goal[] = [
      {
        goal: `cold join of a ${updates.toLocaleString('en-US')}-update commitment ≤ 50 ms`,
        measured: `${round(gg.coldCompacted.toStep2Ms, 1)} ms connect → step 2 received, client-observed median of ${times} (${round(gg.coldCompacted.toSyncedMs, 1)} ms applied; server CPU ${round(gg.coldCompacted.serverCpuMs, 0)} ms)`,
        pass: gg.coldCompacted.toStep2Ms <= 50,
        note: updates < 100_000 ? 'quick: shorter history' : undefined,
      },
      {
        goal: 'ingest of single-character updates ≥ 60,000/s',
        measured: `${Math.round(gg.ingest.updatesPerSec).toLocaleString('en-US')}/s until acknowledged (durable), ${Math.round(1e6 / gg.ingest.serverCpuUsPerUpdate).toLocaleString('en-US')} per server CPU-second; reference ${Math.round(rr.ingest.updatesPerSec).toLocaleString('en-US')}/s until visible`,
        pass: gg.ingest.updatesPerSec >= 60_000,
      },
      {
        goal: 'joined content identical to the history',
        measured: [gg.firstColdInNewProcess, gg.coldCompacted, gg.coldRawLog, gg.warm, rr.warm].every((j) => j.allOk) ? 'every join' : 'MISMATCH',
        pass: [gg.firstColdInNewProcess, gg.coldCompacted, gg.coldRawLog, gg.warm].every((j) => j.allOk),
      },
    ];
    return {
      name: 'history-join',
      title: this.title,
      params: { updates, rawLogUpdates: rawHistory.messages.length, joins: times, historyClients: history.clients, textLength: history.textLength, stateBytes: history.state.byteLength },
      data: { gongbi: gg, reference: rr },
      tables: [
        {
          title: `history-join: ingest of ${updates.toLocaleString('en-US')} single-character updates through one socket`,
          columns: ['target', 'updates', 'updates/s', 'durable s', 'visible s', 'srv µs/update', 'per srv CPU-s', 'gen CPU %', 'other CPU %'],
          rows: [ingestRow('gongbi', gg.ingest), ingestRow('reference (memory only)', rr.ingest)],
          notes: [
            'Gongbi: rate until the acknowledgement of the last update (MSG.ack: everything durable); visible = an observer client received every relayed update.',
            'Gongbi runs with its per-socket message limit lifted here (GONGBI_WS_MESSAGES_PER_SECOND / _BURST): the figure is capacity, not policy.',
            'reference: no acknowledgement, so until the observer received them all (it also echoes every update to the writer).',
            'per srv CPU-s = updates per second of server CPU: the rate a server with a core to itself would reach.',
          ],
        },
        {
          title: `history-join: joining it (medians; client-observed from opening the socket)`,
          columns: ['join', 'n', '→ step 2 ms', '→ applied ms', 'srv CPU ms', 'content ok'],
          rows: [
            joinRow(`gongbi cold, first join in a new process (${Math.round(gg.stored.stateKiB)} KiB state + ${gg.stored.tailUpdates} updates)`, gg.firstColdInNewProcess),
            joinRow(`gongbi cold, after idle unload (${Math.round(gg.storedAfterUnload.stateKiB)} KiB state + ${gg.storedAfterUnload.tailUpdates} updates)`, gg.coldCompacted),
            joinRow(`gongbi cold, raw log of ${gg.storedRaw.tailUpdates} updates`, gg.coldRawLog),
            joinRow('gongbi warm (in memory)', gg.warm),
            joinRow('reference warm (in memory)', rr.warm),
          ],
          notes: [
            'cold = the document is not in memory and is read from SQLite (OS page cache warm): once in a server process just started (its JIT warmed by two joins of another',
            `document), then ${times}× in that running process each time its idle unload (GONGBI_IDLE_UNLOAD_MS=${UNLOAD_MS}) dropped the document — the production case.`,
            'Gongbi compacts the log every 1,000 stored updates, so the raw-log row (one row per update, written into the store directly, loaded with compaction off) is the worst case — a crash or a bulk import — not the usual one.',
            'The reference keeps nothing across restarts (no persistence configured): it has no cold figure.',
            '"→ step 2" includes the WebSocket handshake and session lookup; "→ applied" adds the client decoding the state. srv CPU has a 10 ms resolution.',
          ],
        },
      ],
      goals,
      ratios: [
        { metric: 'ingest updates/s', gongbi: round(gg.ingest.updatesPerSec, 0), reference: round(rr.ingest.updatesPerSec, 0), ratio: ratio(gg.ingest.updatesPerSec, rr.ingest.updatesPerSec), unit: '/s' },
        { metric: 'server CPU per ingested update', gongbi: round(gg.ingest.serverCpuUsPerUpdate, 1), reference: round(rr.ingest.serverCpuUsPerUpdate, 1), ratio: ratio(gg.ingest.serverCpuUsPerUpdate, rr.ingest.serverCpuUsPerUpdate), unit: 'µs' },
        { metric: 'warm join → step 2', gongbi: round(gg.warm.toStep2Ms, 2), reference: round(rr.warm.toStep2Ms, 2), ratio: ratio(gg.warm.toStep2Ms, rr.warm.toStep2Ms), unit: 'ms' },
      ],
      notes: [],
    };
  },
};
