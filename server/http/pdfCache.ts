/** PDF bytes of snapshot exports kept on disk, so a stable URL keeps giving the same file (Chromium stamps a print date). */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class PdfCache {
  private readonly dir: string;
  /** Two identical requests at once print once. */
  private readonly pending = new Map<string, Promise<Uint8Array>>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'exports');
  }

  /** `key` is a sha256 hex of the canonical request; `render` runs only on a miss. */
  get(key: string, render: () => Promise<Uint8Array>): Promise<Uint8Array> {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`bad cache key ${key}`);
    const running = this.pending.get(key);
    if (running) return running;
    const job = this.load(key, render).finally(() => this.pending.delete(key));
    this.pending.set(key, job);
    return job;
  }

  private async load(key: string, render: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const file = join(this.dir, `${key}.pdf`);
    try {
      return new Uint8Array(await readFile(file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const bytes = await render();
    await mkdir(this.dir, { recursive: true });
    // Write then rename: a crash never leaves a half-written PDF under the final name.
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
    return bytes;
  }
}
