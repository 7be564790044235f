/**
 * A generator thread (worker_threads): holds one Typists and answers the load session's
 * requests, one at a time, each with `{ id, value }` or `{ id, error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Typists, type TypeRequest, type TypistsInit } from './typists.js';

export type TypistRequest = { id: number } & ({ op: 'connect' } | { op: 'type'; req: TypeRequest } | { op: 'verify' } | { op: 'close' });

const typists = new Typists(workerData as TypistsInit);

parentPort!.on('message', (m: TypistRequest) => {
  const run = (): Promise<unknown> => {
    switch (m.op) {
      case 'connect':
        return typists.connect();
      case 'type':
        return typists.type(m.req);
      case 'verify':
        return typists.verify();
      case 'close':
        return typists.close();
    }
  };
  run().then(
    (value) => parentPort!.postMessage({ id: m.id, value }),
    (err: unknown) => parentPort!.postMessage({ id: m.id, error: String((err as Error)?.stack ?? err) }),
  );
});
