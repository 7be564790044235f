/**
 * LibreOffice headless as a converter (DOCX → ODT or PDF/A, and ODT/DOCX → PDF or text for
 * the tests): one conversion at a time per process, a private profile, no network, a time limit.
 * Writer's own DOCX import keeps the layout our DOCX has (tables, footer fields, fonts), so
 * the ODT is that document, not a second renderer to keep in step.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../errors.js';

export const SOFFICE_PATH = '/usr/bin/soffice';

/** The server has no LibreOffice: the route answers 501 with this message. */
export class OfficeUnavailableError extends AppError {
  constructor(path: string) {
    super(
      501,
      'odf_unavailable',
      `ODF export is not available on this server: LibreOffice was not found at ${path}. Download the DOCX instead (LibreOffice and Word open it), or ask the administrator to install LibreOffice (apt-get install libreoffice-writer-nogui) or set GONGBI_SOFFICE to its soffice program.`,
    );
  }
}

export interface OfficeOptions {
  /** The soffice program. */
  path?: string;
  /** A conversion that takes longer is stopped (the process group is killed). */
  timeoutMs?: number;
  /** Conversions allowed to wait behind the running one; more are refused with 503. */
  maxWaiting?: number;
}

/** What LibreOffice is asked to write: the `--convert-to` filter of each target. */
const TARGETS = {
  odt: { filter: 'odt:writer8', ext: 'odt' },
  ods: { filter: 'ods:calc8', ext: 'ods' },
  pdf: { filter: 'pdf', ext: 'pdf' },
  // PDF/A-2b, the archival profile (fonts embedded, no external content), tagged.
  pdfa: { filter: 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},"UseTaggedPDF":{"type":"boolean","value":"true"}}', ext: 'pdf' },
  txt: { filter: 'txt:Text (encoded):UTF8', ext: 'txt' },
} as const;
export type OfficeTarget = keyof typeof TARGETS;
const INPUTS = new Set(['docx', 'odt', 'xlsx', 'ods', 'csv']);

/** Bytes kept of LibreOffice's own output, for the log of a failure. */
const OUTPUT_TAIL = 4096;

let sandbox: boolean | undefined;
/**
 * Whether `unshare -rn` can give soffice a network namespace of its own (no interfaces but
 * loopback): the converter then cannot reach anything, whatever a document links to.
 */
function networkSandbox(): boolean {
  sandbox ??= spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore', timeout: 5000 }).status === 0;
  return sandbox;
}

export class OfficeConverter {
  readonly path: string;
  private readonly timeoutMs: number;
  private readonly maxWaiting: number;
  /** One profile per converter, reused (a fresh one costs seconds); conversions never share it at once. */
  private readonly profile = join(tmpdir(), `gongbi-office-${process.pid}-${randomBytes(6).toString('hex')}`);
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(opts: OfficeOptions = {}) {
    this.path = opts.path ?? SOFFICE_PATH;
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.maxWaiting = opts.maxWaiting ?? 8;
  }

  available(): boolean {
    return existsSync(this.path);
  }

  /** Converts `bytes` (a file of type `from`) to `to`; queued behind any running conversion. */
  convert(bytes: Uint8Array, from: string, to: OfficeTarget): Promise<Uint8Array> {
    if (!INPUTS.has(from)) throw new Error(`cannot convert from ${from}`);
    if (!this.available()) throw new OfficeUnavailableError(this.path);
    if (this.waiting >= this.maxWaiting) {
      throw new AppError(503, 'odf_busy', `The server is converting ${this.waiting} other documents to ODF. Try again in a minute.`);
    }
    this.waiting++;
    const job = this.tail.then(
      () => this.run(bytes, from, to),
      () => this.run(bytes, from, to),
    );
    this.tail = job.catch(() => {}).finally(() => this.waiting--);
    return job;
  }

  /** Removes the profile (at shutdown; the next conversion would make a new one). */
  async close(): Promise<void> {
    await this.tail.catch(() => {});
    await rm(this.profile, { recursive: true, force: true });
  }

  private async run(bytes: Uint8Array, from: string, to: OfficeTarget): Promise<Uint8Array> {
    const dir = await mkdtemp(join(tmpdir(), 'gongbi-convert-'));
    try {
      const input = join(dir, `document.${from}`);
      await writeFile(input, bytes);
      const args = [
        `-env:UserInstallation=${pathToFileURL(this.profile).href}`,
        '--headless',
        '--invisible',
        '--norestore',
        '--nologo',
        '--nolockcheck',
        '--nodefault',
        '--nofirststartwizard',
        '--convert-to',
        TARGETS[to].filter,
        '--outdir',
        join(dir, 'out'),
        input,
      ];
      const [cmd, argv] = networkSandbox() ? ['unshare', ['-rn', this.path, ...args]] : [this.path, args];
      await this.spawn(cmd, argv, dir);
      try {
        return new Uint8Array(await readFile(join(dir, 'out', `document.${TARGETS[to].ext}`)));
      } catch {
        throw new AppError(500, 'odf_failed', 'LibreOffice could not convert this document.');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private spawn(cmd: string, args: string[], home: string): Promise<void> {
    return new Promise((resolve, reject) => {
      // Its own process group, so a timeout kills soffice.bin too, not only the wrapper script.
      const child = spawn(cmd, args, {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Nothing of the server's environment (secrets, proxies) reaches LibreOffice.
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', SAL_USE_VCLPLUGIN: 'svp' },
      });
      let output = '';
      const keep = (chunk: Buffer) => {
        output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
        // A killed LibreOffice can leave its profile locked or half-written: start the next one afresh.
        void rm(this.profile, { recursive: true, force: true });
        reject(new AppError(504, 'odf_timeout', `LibreOffice took longer than ${this.timeoutMs} ms to convert this document and was stopped.`));
      }, this.timeoutMs);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(new AppError(500, 'odf_failed', 'LibreOffice could not be started.', { cause: err }));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new AppError(500, 'odf_failed', 'LibreOffice could not convert this document.', { cause: new Error(`exit ${code}: ${output}`) }));
      });
    });
  }
}
