/**
 * Offline merge: a client that made 10,000 single-character edits offline reconnects; measured
 * is the time from going online until the server has acknowledged every one of them (MSG.ack,
 * i.e. durably stored). The client is the browser's own DocSession (client/sync) over the `ws`
 * package, so the path is the one a browser takes: y-websocket sync step 2 with everything the
 * server lacks, then one acknowledgement request covering all waiting transactions.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { DocSession } from '../../../client/sync/DocSession.js';
import { shortText } from '../../../shared/schema/index.js';
import { rng } from '../client.js';
import { startGongbi } from '../servers.js';

export interface OfflineMergeOptions {
  /** Single-character edits made offline (10,000 by default). */
  edits?: number;
  seed?: number;
  log?: (message: string) => void;
}

export interface OfflineMergeResult {
  name: string;
  edits: number;
  /** Online again → every offline edit acknowledged by the server. */
  mergeMs: number;
  /** … of which: until the socket was open, and until the server's sync step 2 arrived. */
  openMs: number;
  syncedMs: number;
  /** Size of the merged update the server had to take (what sync step 2 carried). */
  updateBytes: number;
  /** A fresh client reading the document from the server sees exactly the offline client's text. */
  verified: boolean;
}

function until(session: DocSession, what: string, done: () => boolean, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (done()) return resolve();
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`offline-merge: timed out waiting for ${what} (${JSON.stringify(session.getSync())})`));
    }, timeoutMs);
    const stop = session.subscribe(() => {
      if (!done()) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

const savedToServer = (s: DocSession) => {
  const sync = s.getSync();
  return sync.connection === 'connected' && sync.confirmed && sync.pending === 0;
};

export async function run(opts: OfflineMergeOptions = {}): Promise<OfflineMergeResult> {
  const edits = opts.edits ?? 10_000;
  const log = opts.log ?? (() => {});
  const target = await startGongbi();
  const sessions: DocSession[] = [];
  try {
    const [name] = await target.prepareDocs(1, 'offline');
    const url = new URL(target.docUrl(name!));
    const open = () => {
      const session = new DocSession(name!, {
        serverUrl: `${url.protocol}//${url.host}/sync`,
        params: { token: url.searchParams.get('token')! },
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        connect: false,
        disableBc: true,
        background: true,
      });
      sessions.push(session);
      return session;
    };

    // Open the commitment online once (as a person does before taking the laptop away).
    const client = open();
    client.goOnline();
    await until(client, 'the first sync', () => savedToServer(client));
    client.goOffline();

    const random = rng(opts.seed ?? 4);
    const title = shortText(client.doc, 'title', 'zh');
    const before = Y.encodeStateVector(client.doc);
    const alphabet = '共筆開放政府承諾事項里程碑衡量指標abcdefghij0123456789';
    for (let i = 0; i < edits; i++) {
      // Mostly typing on, sometimes going back to fix something earlier: one transaction each.
      const at = random() < 0.8 ? title.length : Math.floor(random() * (title.length + 1));
      title.insert(at, alphabet[Math.floor(random() * alphabet.length)]!);
    }
    const updateBytes = Y.encodeStateAsUpdate(client.doc, before).byteLength;
    await new Promise((r) => setTimeout(r, 0));
    if (client.getSync().pending !== edits) throw new Error(`offline-merge: counted ${client.getSync().pending} waiting changes, expected ${edits}`);
    log(`${edits} offline edits (${Math.round(updateBytes / 1024)} KiB as one update); reconnecting`);

    const start = performance.now();
    let openMs = NaN;
    let syncedMs = NaN;
    client.provider.on('status', ({ status }) => {
      if (status === 'connected') openMs = performance.now() - start;
    });
    client.provider.on('sync', (synced: boolean) => {
      if (synced) syncedMs = performance.now() - start;
    });
    client.goOnline();
    await until(client, 'the acknowledgement of every offline edit', () => savedToServer(client));
    const mergeMs = performance.now() - start;
    log(`merged in ${mergeMs.toFixed(0)} ms`);

    const reader = open();
    reader.goOnline();
    await until(reader, 'a fresh client to sync', () => reader.getSync().connection === 'connected');
    const verified = shortText(reader.doc, 'title', 'zh').toString() === title.toString();
    const ms = (x: number) => Math.round(x * 10) / 10;
    return { name: 'offline-merge', edits, mergeMs: ms(mergeMs), openMs: ms(openMs), syncedMs: ms(syncedMs), updateBytes, verified };
  } finally {
    for (const s of sessions) s.destroy();
    await target.stop();
  }
}

// `npx tsx test/bench/scenarios/offlineMerge.ts [edits]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  run({ edits: Number(process.argv[2]) || undefined, log: (m) => console.log(m) }).then(
    (result) => {
      console.log(JSON.stringify(result));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
