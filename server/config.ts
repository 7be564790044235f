/**
 * The server's configuration, read from the environment once at start-up (no other module
 * reads process.env). Every key is documented here and in the README; a bad value stops the
 * server with a message that names the variable.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { proxyEntryProblem } from './http/clientAddress.js';

export const defaults = {
  /** HTTP and WebSocket port. 0 picks a free port (tests). */
  port: 8080,
  /** Interface to listen on. */
  host: '0.0.0.0',
  /** Folder of the SQLite file (gongbi.db) and exports. */
  dataDir: './data',
  /** SQLite `synchronous`: FULL survives power loss, NORMAL only a process crash. */
  sqliteSync: 'FULL' as 'FULL' | 'NORMAL',
  /**
   * When received updates reach other readers (`GONGBI_RELAY_AFTER`). `log`: once written to
   * the log (the SQLite WAL, a PostgreSQL commit), which a process crash, kill -9 or deploy
   * does not undo; the acknowledgement ("saved to server") still waits until the update is
   * safe from power loss (fsynced, off the event loop). `fsync`: relays wait for the fsync too,
   * as databases offer (synchronous_commit): slower by the fsync, for those who want nobody to
   * have seen what a power cut could take back (the authors' clients resend it anyway).
   */
  relayAfter: 'log' as 'log' | 'fsync',
  /**
   * Least time between two commits of received updates, in milliseconds. An update arriving
   * when the last commit is older than this is committed at once; updates that arrive sooner,
   * for any document, wait and share the next commit (one SQLite fsync or one PostgreSQL
   * transaction for all) and reach each reader in one write. So a relay waits at most this
   * much longer, and only on a busy server, which in return spends far less per edit: 20 ms
   * is below what a reader can notice. 0 commits every event-loop turn: with relays after the
   * log write (no fsync on the event loop) a commit costs tens of microseconds, and the fsyncs
   * group by themselves (one in flight, the next takes everything written meanwhile), so the
   * default is 0; with GONGBI_RELAY_AFTER=fsync, 20 ms is the better choice.
   */
  commitIntervalMs: 0,
  /** Largest WebSocket message accepted, in bytes (a whole pasted document fits). */
  maxMessageBytes: 4 * 1024 * 1024,
  /**
   * Messages per second one sync socket may send on average, and how many it may send at
   * once (burst). Typing sends tens a second and a reconnect a few at once; a socket over the
   * limit is closed with 4429 (too many messages).
   */
  wsMessagesPerSecond: 300,
  wsMessageBurst: 1000,
  /**
   * Largest encoded size of one document, in bytes. A commitment table is a few hundred KB;
   * an update that would grow a document past this is refused and its socket closed with
   * 4413 (document too large), so one writer cannot fill the disk or the server's memory.
   */
  maxDocumentBytes: 32 * 1024 * 1024,
  /** Sync sockets open at once in this process; beyond, new ones are closed with 1013 (try again later). */
  maxConnections: 10_000,
  /** Largest HTTP request body, in bytes (API bodies are a few KB); larger ones get 413. */
  maxBodyBytes: 1024 * 1024,
  /** Logged updates after which a loaded document's log is compacted. */
  compactAfterUpdates: 1000,
  /** A document with no connections leaves memory after this many milliseconds. */
  idleUnloadMs: 30_000,
  /** Seed the demo plan when the store is empty. */
  seedDemo: true,
  /** Folder of the built client; not served when missing. */
  clientDir: './dist',
  /** How long a sign-in lasts, in hours. */
  sessionHours: 24 * 14,
  /** How long an invitation link can be used, in hours. */
  invitationHours: 24 * 7,
  /** Secure cookies: always, never, or auto (when the request is https or to localhost). */
  cookieSecure: 'auto' as 'auto' | 'always' | 'never',
  /**
   * Failed sign-ins one address may make for one account before each further attempt waits:
   * 1 s, then doubling up to 15 minutes. The wait never becomes a lock: the owner, from their
   * own address, can always sign in once it has passed. An address may fail 20 times this
   * many in 15 minutes over all accounts, and an account as often over all addresses (except
   * from addresses that signed in to it before) — the limits for guessing at scale.
   */
  signInAttempts: 5,
  /**
   * Reverse proxies (IP addresses or CIDR ranges) whose `X-Forwarded-For` names the client,
   * for the per-address limits. Empty: the header is ignored and the socket's peer counts.
   */
  trustedProxies: [] as string[],
  /** How often documents changed since their last checkpoint get an automatic one (ms). */
  checkpointIntervalMs: 24 * 3600_000,
  /** Bearer token that `GET /metrics` requires; empty: the endpoint is open (keep it off the internet). */
  metricsToken: '',
  /**
   * The address people open Gongbi at (`GONGBI_PUBLIC_ORIGIN`, e.g. https://gongbi.ndc.gov.tw:
   * scheme, host and port, no path). Browser requests that change anything, and sync sockets
   * opened by a browser, must come from a page of this origin. Empty: the origin must be the
   * host the request was sent to (its Host header), which holds unless a proxy rewrites Host.
   */
  publicOrigin: '',
  /**
   * How often open sync sockets are checked against the stored sessions, in milliseconds: a
   * session ended outside this process (another process without Redis, an admin command, a
   * deleted row) closes its sockets within this time. Expiry itself is timed to the second.
   */
  sessionCheckMs: 60_000,
  /**
   * PDF exports printed at once by the process's one Chromium (`GONGBI_PDF_CONCURRENCY`); each
   * page takes a renderer process and ~100-300 MB while it prints.
   */
  pdfConcurrency: 2,
  /** PDF exports that may wait for a free page (`GONGBI_PDF_QUEUE`); more are answered 503. */
  pdfQueue: 16,
  /**
   * Chromium is closed after this many milliseconds without a PDF to print
   * (`GONGBI_PDF_IDLE_MS`), and started again by the next one (about a second).
   */
  pdfIdleMs: 60_000,
  /**
   * How often the store's integrity is checked while serving, in ms (SQLite `quick_check`, on
   * a thread of its own; also once at start-up). A failure makes /api/health say degraded.
   */
  integrityCheckMs: 15 * 60_000,
  /**
   * SMTP server for password-reset mail (`GONGBI_SMTP_URL`, e.g.
   * smtps://user:password@mail.example.gov.tw:465 or smtp://relay:25). Empty: no mail is
   * sent and "forgot password" tells people to ask an administrator.
   */
  smtpUrl: '',
  /** Sender of Gongbi's mail (`GONGBI_MAIL_FROM`). */
  mailFrom: 'Gongbi <no-reply@localhost>',
  /** How long a password-reset link can be used, in minutes. */
  passwordResetMinutes: 60,
  /**
   * First wait before a notification e-mail that failed is tried again
   * (`GONGBI_MAIL_RETRY_MS`); each later wait doubles. A mail server that is restarting is
   * back within seconds; 5 s, 10 s, 20 s, 40 s covers that without flooding it.
   */
  mailRetryMs: 5000,
  /** Tries of one notification e-mail before it is given up and logged (`GONGBI_MAIL_ATTEMPTS`). */
  mailAttempts: 5,
  /**
   * Time between two reminder runs (`GONGBI_REMINDER_INTERVAL_MS`): milestones due or overdue,
   * review meetings coming up. Hourly is soon enough for reminders counted in days; 0 turns them off.
   */
  reminderIntervalMs: 3600_000,
  /** The agency named on every exported document's cover (`GONGBI_ISSUING_AGENCY`), in Chinese. */
  issuingAgency: '國家發展委員會',
  /** Its English name (`GONGBI_ISSUING_AGENCY_EN`), on English covers. */
  issuingAgencyEn: 'National Development Council',
  /** LibreOffice's soffice program (`GONGBI_SOFFICE`), for ODT exports; missing: they answer 501. */
  sofficePath: '/usr/bin/soffice',
  /** A LibreOffice conversion taking longer than this (ms) is stopped and answered 504. */
  sofficeTimeoutMs: 120_000,
  /** The licence of the open data (`GONGBI_OPEN_DATA_LICENCE`) and where it is written (`GONGBI_OPEN_DATA_LICENCE_URL`). */
  openDataLicence: '政府資料開放授權條款－第1版',
  openDataLicenceUrl: 'https://data.gov.tw/license',
  /** Log level: silent, error, info, debug. */
  logLevel: 'info' as 'silent' | 'error' | 'info' | 'debug',
  /**
   * PostgreSQL URL (`DATABASE_URL`, e.g. postgres://user@host:5432/gongbi); empty keeps the
   * embedded SQLite file in dataDir. Needed when several processes serve the same documents.
   */
  databaseUrl: '',
  /** Connections each process may open to PostgreSQL. */
  pgPoolSize: 10,
  /**
   * Longest wait for PostgreSQL, in ms: for a connection, and for one statement (the server
   * cancels it; with no answer at all, the client gives up and drops the connection). A
   * silent database is then noticed within this time: requests get 503, sockets with edits
   * not yet stored are closed with 4503, and health says degraded.
   */
  pgTimeoutMs: 5000,
  /**
   * Redis URL (`REDIS_URL`, e.g. redis://host:6379) for fan-out of edits and presence between
   * processes; empty means this process is alone.
   */
  redisUrl: '',
  /** Prefix of the Redis channels (`<prefix>doc:<name>`), so deployments can share one Redis. */
  redisPrefix: 'gongbi:',
  /**
   * Longest wait for a Redis command, in ms; each connection is also pinged this often, and
   * one that does not answer in time is dropped and reconnected (TCP keepalive too). A silent
   * Redis is so noticed within about twice this: documents close with 4503 until it is back.
   */
  redisTimeoutMs: 3000,
};

export type Config = typeof defaults;

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => ['1', 'true', 'yes'].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `https://host[:port]` in its canonical form (lower case, default port dropped), or undefined when it is not an origin. */
function toOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return undefined;
  // `new URL('https://x/')` has pathname '/', as has 'https://x': only a written path is refused.
  if (/^[a-z]+:\/\/[^/]+\/./i.test(value)) return undefined;
  return url.origin;
}

const envSchema = z.object({
  PORT: int(0, 65535).optional(),
  HOST: z.string().min(1).optional(),
  GONGBI_DATA_DIR: z.string().min(1).optional(),
  GONGBI_SQLITE_SYNC: z.enum(['FULL', 'NORMAL']).optional(),
  GONGBI_RELAY_AFTER: z.enum(['log', 'fsync']).optional(),
  GONGBI_COMMIT_INTERVAL_MS: int(0, 1000).optional(),
  GONGBI_MAX_MESSAGE_BYTES: int(1024, 256 * 1024 * 1024).optional(),
  GONGBI_WS_MESSAGES_PER_SECOND: int(1, 1_000_000).optional(),
  GONGBI_WS_MESSAGE_BURST: int(1, 10_000_000).optional(),
  GONGBI_MAX_DOCUMENT_BYTES: int(1024, 4 * 1024 * 1024 * 1024).optional(),
  GONGBI_MAX_CONNECTIONS: int(1, 10_000_000).optional(),
  GONGBI_MAX_BODY_BYTES: int(1024, 1024 * 1024 * 1024).optional(),
  GONGBI_COMPACT_AFTER: int(10, 10_000_000).optional(),
  GONGBI_IDLE_UNLOAD_MS: int(0, 24 * 3600_000).optional(),
  GONGBI_SEED_DEMO: bool.optional(),
  GONGBI_CLIENT_DIR: z.string().min(1).optional(),
  GONGBI_ISSUING_AGENCY: z.string().trim().min(1).max(200).optional(),
  GONGBI_ISSUING_AGENCY_EN: z.string().trim().min(1).max(200).optional(),
  GONGBI_SOFFICE: z.string().min(1).max(1000).optional(),
  GONGBI_SOFFICE_TIMEOUT_MS: int(1000, 3600_000).optional(),
  GONGBI_OPEN_DATA_LICENCE: z.string().trim().min(1).max(200).optional(),
  GONGBI_OPEN_DATA_LICENCE_URL: z.string().url().max(1000).optional(),
  GONGBI_LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).optional(),
  GONGBI_METRICS_TOKEN: z.string().max(500).optional(),
  GONGBI_CHECKPOINT_INTERVAL_MS: int(60_000, 30 * 24 * 3600_000).optional(),
  GONGBI_SESSION_HOURS: int(1, 24 * 365).optional(),
  GONGBI_INVITATION_HOURS: int(1, 24 * 90).optional(),
  GONGBI_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).optional(),
  GONGBI_SIGNIN_ATTEMPTS: int(1, 10_000).optional(),
  GONGBI_TRUSTED_PROXIES: z
    .string()
    .transform((value, ctx) => {
      const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
      for (const entry of entries) {
        const problem = proxyEntryProblem(entry);
        if (problem) ctx.addIssue({ code: 'custom', message: `${problem} (give a comma-separated list of IP addresses or CIDR ranges)` });
      }
      return entries;
    })
    .optional(),
  GONGBI_PUBLIC_ORIGIN: z
    .string()
    .transform((value, ctx) => {
      const origin = value === '' ? '' : toOrigin(value);
      if (origin !== undefined) return origin;
      ctx.addIssue({ code: 'custom', message: 'must be an origin such as https://gongbi.example.gov.tw (http or https, host, optional port; no path)' });
      return z.NEVER;
    })
    .optional(),
  GONGBI_SESSION_CHECK_MS: int(100, 24 * 3600_000).optional(),
  GONGBI_PDF_CONCURRENCY: int(1, 64).optional(),
  GONGBI_PDF_QUEUE: int(0, 10_000).optional(),
  GONGBI_PDF_IDLE_MS: int(0, 24 * 3600_000).optional(),
  GONGBI_SMTP_URL: z.union([z.literal(''), z.string().max(2000).regex(/^smtps?:\/\/[^/]/, 'must start with smtp:// or smtps://')]).optional(),
  GONGBI_MAIL_FROM: z.string().min(3).max(300).optional(),
  GONGBI_PASSWORD_RESET_MINUTES: int(5, 7 * 24 * 60).optional(),
  GONGBI_MAIL_RETRY_MS: int(10, 3600_000).optional(),
  GONGBI_MAIL_ATTEMPTS: int(1, 20).optional(),
  GONGBI_REMINDER_INTERVAL_MS: int(0, 7 * 24 * 3600_000).refine((v) => v === 0 || v >= 1000, 'must be 0 (off) or at least 1000').optional(),
  DATABASE_URL: z.union([z.literal(''), z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://')]).optional(),
  // At least 2: one-time work holds a lock on one connection while it writes through another.
  GONGBI_PG_POOL_SIZE: int(2, 1000).optional(),
  REDIS_URL: z.union([z.literal(''), z.string().regex(/^rediss?:\/\//, 'must start with redis://')]).optional(),
  GONGBI_REDIS_PREFIX: z.string().min(1).max(100).optional(),
  GONGBI_PG_TIMEOUT_MS: int(100, 600_000).optional(),
  GONGBI_INTEGRITY_CHECK_MS: int(100, 7 * 24 * 3600_000).optional(),
  GONGBI_REDIS_TIMEOUT_MS: int(100, 600_000).optional(),
});

/** Validates the environment; throws an Error naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT ?? defaults.port,
    host: e.HOST ?? defaults.host,
    dataDir: resolve(e.GONGBI_DATA_DIR ?? defaults.dataDir),
    sqliteSync: e.GONGBI_SQLITE_SYNC ?? defaults.sqliteSync,
    relayAfter: e.GONGBI_RELAY_AFTER ?? defaults.relayAfter,
    commitIntervalMs: e.GONGBI_COMMIT_INTERVAL_MS ?? defaults.commitIntervalMs,
    maxMessageBytes: e.GONGBI_MAX_MESSAGE_BYTES ?? defaults.maxMessageBytes,
    wsMessagesPerSecond: e.GONGBI_WS_MESSAGES_PER_SECOND ?? defaults.wsMessagesPerSecond,
    wsMessageBurst: e.GONGBI_WS_MESSAGE_BURST ?? defaults.wsMessageBurst,
    maxDocumentBytes: e.GONGBI_MAX_DOCUMENT_BYTES ?? defaults.maxDocumentBytes,
    maxConnections: e.GONGBI_MAX_CONNECTIONS ?? defaults.maxConnections,
    maxBodyBytes: e.GONGBI_MAX_BODY_BYTES ?? defaults.maxBodyBytes,
    compactAfterUpdates: e.GONGBI_COMPACT_AFTER ?? defaults.compactAfterUpdates,
    idleUnloadMs: e.GONGBI_IDLE_UNLOAD_MS ?? defaults.idleUnloadMs,
    seedDemo: e.GONGBI_SEED_DEMO ?? defaults.seedDemo,
    clientDir: resolve(e.GONGBI_CLIENT_DIR ?? defaults.clientDir),
    logLevel: e.GONGBI_LOG_LEVEL ?? defaults.logLevel,
    sofficePath: e.GONGBI_SOFFICE ?? defaults.sofficePath,
    sofficeTimeoutMs: e.GONGBI_SOFFICE_TIMEOUT_MS ?? defaults.sofficeTimeoutMs,
    openDataLicence: e.GONGBI_OPEN_DATA_LICENCE ?? defaults.openDataLicence,
    openDataLicenceUrl: e.GONGBI_OPEN_DATA_LICENCE_URL ?? defaults.openDataLicenceUrl,
    issuingAgency: e.GONGBI_ISSUING_AGENCY ?? defaults.issuingAgency,
    issuingAgencyEn: e.GONGBI_ISSUING_AGENCY_EN ?? defaults.issuingAgencyEn,
    metricsToken: e.GONGBI_METRICS_TOKEN ?? defaults.metricsToken,
    checkpointIntervalMs: e.GONGBI_CHECKPOINT_INTERVAL_MS ?? defaults.checkpointIntervalMs,
    sessionHours: e.GONGBI_SESSION_HOURS ?? defaults.sessionHours,
    invitationHours: e.GONGBI_INVITATION_HOURS ?? defaults.invitationHours,
    cookieSecure: e.GONGBI_COOKIE_SECURE ?? defaults.cookieSecure,
    signInAttempts: e.GONGBI_SIGNIN_ATTEMPTS ?? defaults.signInAttempts,
    trustedProxies: e.GONGBI_TRUSTED_PROXIES ?? defaults.trustedProxies,
    publicOrigin: e.GONGBI_PUBLIC_ORIGIN ?? defaults.publicOrigin,
    sessionCheckMs: e.GONGBI_SESSION_CHECK_MS ?? defaults.sessionCheckMs,
    pdfConcurrency: e.GONGBI_PDF_CONCURRENCY ?? defaults.pdfConcurrency,
    pdfQueue: e.GONGBI_PDF_QUEUE ?? defaults.pdfQueue,
    pdfIdleMs: e.GONGBI_PDF_IDLE_MS ?? defaults.pdfIdleMs,
    smtpUrl: e.GONGBI_SMTP_URL ?? defaults.smtpUrl,
    mailFrom: e.GONGBI_MAIL_FROM ?? defaults.mailFrom,
    passwordResetMinutes: e.GONGBI_PASSWORD_RESET_MINUTES ?? defaults.passwordResetMinutes,
    mailRetryMs: e.GONGBI_MAIL_RETRY_MS ?? defaults.mailRetryMs,
    mailAttempts: e.GONGBI_MAIL_ATTEMPTS ?? defaults.mailAttempts,
    reminderIntervalMs: e.GONGBI_REMINDER_INTERVAL_MS ?? defaults.reminderIntervalMs,
    databaseUrl: e.DATABASE_URL ?? defaults.databaseUrl,
    pgPoolSize: e.GONGBI_PG_POOL_SIZE ?? defaults.pgPoolSize,
    redisUrl: e.REDIS_URL ?? defaults.redisUrl,
    redisPrefix: e.GONGBI_REDIS_PREFIX ?? defaults.redisPrefix,
    pgTimeoutMs: e.GONGBI_PG_TIMEOUT_MS ?? defaults.pgTimeoutMs,
    integrityCheckMs: e.GONGBI_INTEGRITY_CHECK_MS ?? defaults.integrityCheckMs,
    redisTimeoutMs: e.GONGBI_REDIS_TIMEOUT_MS ?? defaults.redisTimeoutMs,
  };
}
