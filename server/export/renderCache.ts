/**
 * PDF and ODT bytes of snapshot exports kept on disk, so a stable URL keeps giving the same
 * file (Chromium stamps a print date, LibreOffice a conversion time).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class RenderCache {
  private readonly dir: string;
  /** Two identical requests at once print once. */
  private readonly pending = new Map<string, Promise<Uint8Array>>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'exports');
  }

  /** `key` is a sha256 hex of the canonical request; `render` runs only on a miss. */
  get(key: string, render: () => Promise<Uint8Array>, ext = 'pdf'): Promise<Uint8Array> {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`bad cache key ${key}`);
    if (!/^[a-z]{1,8}$/.test(ext)) throw new Error(`bad cache extension ${ext}`);
    const running = this.pending.get(key);
    if (running) return running;
    const job = this.load(key, ext, render).finally(() => this.pending.delete(key));
    this.pending.set(key, job);
    return job;
  }

  private async load(key: string, ext: string, render: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const file = join(this.dir, `${key}.${ext}`);
    try {
      return new Uint8Array(await readFile(file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const bytes = await render();
    await mkdir(this.dir, { recursive: true });
    // Write then rename: a crash never leaves a half-written file under the final name.
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
    return bytes;
  }
}
