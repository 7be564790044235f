/**
 * One hostile socket against one bystander, on Gongbi: while an attacker sends conflict bombs
 * (500 writers inserting at one position, refused by the schema firewall), floods step 1 on a
 * 2 MB document without reading, or floods updates whose dependencies never arrive, a second
 * client types and a third receives. The bystander's edit-to-receiver latency per phase and
 * the server's RSS say whether one person's messages slow down or exhaust the server for
 * everyone else (the goals of the trust issue: within 100 ms, RSS within the documented caps).
 */
import * as Y from 'yjs';
import { LightClient, TEXT_NAME, rng, syncMessage, updateMessage } from '../client.js';
import { startTarget, type Target } from '../servers.js';
import { percentile, round } from '../stats.js';
import type { Goal, Scenario, ScenarioResult } from '../types.js';
import { sleep } from './common.js';

type Phase = 'quiet' | 'conflict bomb' | 'step 1 flood, not reading' | 'waiting-content flood';
const PHASES: Phase[] = ['quiet', 'conflict bomb', 'step 1 flood, not reading', 'waiting-content flood'];

interface PhaseResult {
  phase: Phase;
  edits: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  peakRssMiB: number;
}

/** An update of `writers` new items at one position of the text, each by its own client id. */
function conflictBomb(base: Y.Doc, writers: number): Uint8Array {
  const state = Y.encodeStateAsUpdate(base);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < writers; i++) {
    const d = new Y.Doc();
    d.clientID = 50_000_000 + i;
    Y.applyUpdate(d, state);
    const sv = Y.encodeStateVector(d);
    d.getText(TEXT_NAME).insert(Math.min(1, d.getText(TEXT_NAME).length), 'x');
    parts.push(Y.encodeStateAsUpdate(d, sv));
    d.destroy();
  }
  return Y.mergeUpdates(parts);
}

/** An update that depends on a clock never sent (it waits on the server); built without the document, so the generator stays cheap. */
function waiting(client: number): Uint8Array {
  const d = new Y.Doc();
  d.clientID = client;
  d.getText(TEXT_NAME).insert(0, 'a');
  const sv = Y.encodeStateVector(d);
  d.getText(TEXT_NAME).insert(1, 'b');
  const out = Y.encodeStateAsUpdate(d, sv);
  d.destroy();
  return out;
}

async function runPhase(target: Target, doc: string, phase: Phase, writer: LightClient, reader: LightClient, edits: number): Promise<PhaseResult> {
  const rand = rng(7);
  const attackers: LightClient[] = [];
  let stop = false;
  let peak = target.sample().rssKiB / 1024;
  // Built before the phase starts: the generator must not stall while it measures.
  const bomb = phase === 'conflict bomb' ? conflictBomb(reader.doc, 500) : null;
  const floods = phase === 'waiting-content flood' ? Array.from({ length: 2000 }, (_, i) => updateMessage(waiting(60_000_000 + i))) : [];
  const attack = async () => {
    let n = 0;
    while (!stop) {
      if (phase === 'conflict bomb') {
        const a = new LightClient(target.docUrl(doc), { template: target.clientTemplate });
        attackers.push(a);
        await a.connect().catch(() => {});
        a.send(updateMessage(bomb!));
        await sleep(100);
      } else if (phase === 'step 1 flood, not reading') {
        const a = new LightClient(target.docUrl(doc), { template: target.clientTemplate });
        attackers.push(a);
        await a.connect().catch(() => {});
        (a.ws as unknown as { _socket: { pause(): void } })._socket.pause();
        const sv = new Y.Doc();
        sv.clientID = 4242;
        sv.getText('x').insert(0, 'x');
        for (let i = 0; i < 300 && !stop; i++) a.send(syncMessage(0, Y.encodeStateVector(sv)));
        await sleep(500);
      } else if (phase === 'waiting-content flood') {
        const a = new LightClient(target.docUrl(doc), { template: target.clientTemplate });
        attackers.push(a);
        await a.connect().catch(() => {});
        for (let i = 0; i < 250 && !stop; i++) a.send(floods[(n++) % floods.length]!);
        await sleep(200);
      } else return;
    }
  };
  const attacking = attack();
  await sleep(300);
  const latencies: number[] = [];
  for (let i = 0; i < edits; i++) {
    const before = reader.updatesReceived;
    const t0 = performance.now();
    writer.edit(rand);
    while (reader.updatesReceived === before && performance.now() - t0 < 5000) await sleep(1);
    latencies.push(performance.now() - t0);
    peak = Math.max(peak, target.sample().rssKiB / 1024);
    await sleep(50);
  }
  stop = true;
  await attacking;
  for (const a of attackers) a.ws?.terminate();
  latencies.sort((a, b) => a - b);
  return { phase, edits, p50Ms: round(percentile(latencies, 50), 1)!, p99Ms: round(percentile(latencies, 99), 1)!, maxMs: round(latencies[latencies.length - 1]!, 1)!, peakRssMiB: round(peak, 0)! };
}

export const hostileScenario: Scenario = {
  name: 'hostile',
  title: 'One hostile socket, one bystander: edit latency and RSS while attacked (Gongbi)',
  inQuick: true,
  async run(ctx): Promise<ScenarioResult> {
    const target = await startTarget('gongbi');
    const edits = ctx.quick ? 40 : 150;
    const results: PhaseResult[] = [];
    try {
      const [doc] = await target.prepareDocs(1, 'hostile');
      const writer = new LightClient(target.docUrl(doc!), { template: target.clientTemplate });
      const reader = new LightClient(target.docUrl(doc!), { template: target.clientTemplate });
      await writer.connect();
      await reader.connect();
      // A 2 MB document, so that every unread step 1 reply would weigh.
      const big = new LightClient(target.docUrl(doc!), { template: target.clientTemplate });
      await big.connect();
      big.doc.on('update', (u: Uint8Array) => big.send(updateMessage(u)));
      for (let k = 0; k < 8; k++) big.doc.getText('partners:en').insert(0, 'z'.repeat(250_000));
      await big.whenAcked();
      await big.close();
      for (const phase of PHASES) {
        ctx.log(`hostile: ${phase}`);
        results.push(await runPhase(target, doc!, phase, writer, reader, edits));
      }
      await writer.close();
      await reader.close();
    } finally {
      await target.stop();
    }
    const worst = Math.max(...results.map((r) => r.p99Ms));
    const goals: Goal[] = [
      { goal: "a bystander's edit reaches a third client within 100 ms (p99) while one socket attacks", measured: `${worst} ms (worst phase)`, pass: worst <= 100 },
      { goal: 'RSS stays within the documented caps (waiting content 64 MiB per process, 16 MiB unsent per socket)', measured: `${Math.max(...results.map((r) => r.peakRssMiB))} MiB peak`, pass: null, note: 'compare with the quiet phase' },
    ];
    return {
      name: 'hostile',
      title: hostileScenario.title,
      params: { edits, bombWriters: 500 },
      data: { phases: results },
      tables: [{ title: 'bystander edit → receiver while attacked', columns: ['phase', 'edits', 'p50 ms', 'p99 ms', 'max ms', 'peak RSS MiB'], rows: results.map((r) => [r.phase, r.edits, r.p50Ms, r.p99Ms, r.maxMs, r.peakRssMiB]) }],
      goals,
      ratios: [],
      notes: ['Gongbi only: the reference server has no schema firewall, ownership or caps to compare.'],
    };
  },
};
