/**
 * A TCP proxy a test can cut, silence and restore, to take PostgreSQL or Redis away from a
 * server without touching the real service (which other tests share). Three faults:
 * `cut` closes every connection and refuses new ones (a stopped service); `silence` keeps
 * every connection open but forwards nothing and drops what arrives, and accepts new
 * connections only to hold them silent (packets dropped by the network: nobody is told);
 * `answerWith` greets each new connection with fixed bytes and closes it (a PostgreSQL that
 * refuses connections with an error of its own).
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops every connection and refuses new ones. */
  cut(): Promise<void>;
  /** Stops forwarding in both directions without closing anything; bytes that arrive are lost. */
  silence(): void;
  /** Existing connections are closed; each new one reads what the client sends first, gets `bytes`, and is closed. */
  answerWith(bytes: Buffer): void;
  /** Accepts and forwards again, on the same port (after any of the faults). */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let silent = false;
  let answer: Buffer | null = null;
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const server = net.createServer((client) => {
    track(client);
    if (answer) {
      const bytes = answer;
      client.once('data', () => client.end(bytes));
      client.on('error', () => client.destroy());
      return;
    }
    // While silent, a new connection is held open with nothing behind it: like a host whose
    // answers are all dropped. It stays dead after `restore` (its handshake went nowhere).
    if (silent) {
      client.on('data', () => {});
      client.on('error', () => client.destroy());
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    track(upstream);
    for (const s of [client, upstream]) {
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    // Forwarded by hand (not pipe) so that silence can drop bytes instead of buffering them.
    client.on('data', (chunk) => {
      if (!silent) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!silent) client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const dropAll = () => {
    for (const s of sockets) s.destroy();
  };
  const stop = () => new Promise<void>((resolve) => {
    dropAll();
    if (server.listening) server.close(() => resolve());
    else resolve();
  });
  return {
    port,
    cut: stop,
    silence: () => {
      silent = true;
    },
    answerWith: (bytes) => {
      answer = bytes;
      dropAll();
    },
    restore: async () => {
      silent = false;
      answer = null;
      if (!server.listening) await listen(port);
    },
    close: stop,
  };
}

/** A PostgreSQL ErrorResponse (FATAL, with the SQLSTATE `code`), as a server refusing a connection sends it. */
export function postgresError(code: string, message: string): Buffer {
  const field = (type: string, value: string) => Buffer.concat([Buffer.from(type), Buffer.from(value + '\0')]);
  const body = Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', code), field('M', message), Buffer.from('\0')]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** `url` with its host and port replaced by the proxy's. */
export function viaProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}
