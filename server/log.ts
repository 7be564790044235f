/**
 * Structured logs, one JSON object per line on stdout (pino: maintained, fast, the common
 * format of Node log shippers), so operators can ship them as they are. Every line has
 * `time` (ISO), `level` (a word) and `msg`; fields follow. Anything that may carry a session
 * token is cut out before it is written (see `safePath`), and the `token`, `password` and
 * `authorization` fields are redacted wherever they appear.
 */
import { pino, stdTimeFunctions, type Logger as Pino } from 'pino';

export type LogLevel = 'silent' | 'error' | 'info' | 'debug';

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

/** Field names whose values never reach a log line, at any depth pino's redaction reaches. */
const REDACT = ['token', 'password', 'authorization', 'cookie', '*.token', '*.password', '*.authorization', '*.cookie'];

/**
 * A logger writing to `destination` (stdout by default; the admin command line uses stderr,
 * so that its standard output carries only its answer).
 */
export function createLogger(level: LogLevel, destination: NodeJS.WritableStream = process.stdout): Logger {
  const p: Pino = pino(
    {
      level,
      base: undefined,
      messageKey: 'msg',
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    destination,
  );
  const write = (lvl: 'error' | 'info' | 'debug') => (msg: string, fields: Record<string, unknown> = {}) => p[lvl](fields, msg);
  return { error: write('error'), info: write('info'), debug: write('debug') };
}

export const silentLogger: Logger = { error() {}, info() {}, debug() {} };

/**
 * A request path fit for a log line: the query string is dropped except for names (a
 * `?token=` on /sync, or any value a client put there by mistake, is never written), and a
 * path segment that carries a secret (invitation and reset links) is replaced.
 */
export function safePath(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const hidden = path.replace(/^(\/(?:api\/)?(?:invitations|invite|reset-password|auth\/password-reset))\/[^/]+/, '$1/[secret]');
  if (q === -1) return hidden;
  const names = [...new URLSearchParams(url.slice(q + 1)).keys()].map((k) => k.slice(0, 40));
  return names.length ? `${hidden}?${names.map((n) => `${n}=…`).join('&')}` : hidden;
}
