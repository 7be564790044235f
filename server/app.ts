/**
 * Builds the whole server from its dependencies (config, store, logger) without listening:
 * tests call `app.request()` directly, and `index.ts` is the only file that opens a port.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createNodeWebSocket } from '@hono/node-ws';
import type { WebSocket } from 'ws';
import type { Config } from './config.js';
import { AppError, isUnavailable } from './errors.js';
import { Catalog } from './plans/catalog.js';
import { planRoutes } from './plans/routes.js';
import { versionRoutes } from './versions/routes.js';
import { Checkpoints } from './versions/index.js';
import { ContributionFigures } from './contributions/service.js';
import { contributionRoutes } from './contributions/routes.js';
import { OpenData } from './openData/openData.js';
import { openDataRoutes } from './openData/routes.js';
import { OfficeConverter, PagedDocxWriter, PdfPrinter, exportRoutes } from './export/index.js';
import { mountHealth } from './http/health.js';
import { mountMetrics, requestMetrics } from './http/metrics.js';
import { createMetrics, metricsObserver } from './ops/metrics.js';
import { StoreHealth } from './ops/storeHealth.js';
import { mountClient } from './http/static.js';
import { signInGuard } from './http/guard.js';
import { publicPageMeta } from './public/pageMeta.js';
import { PublishedVersions } from './public/published.js';
import { PublicSite } from './public/site.js';
import type { Logger } from './log.js';
import type { Store } from './storage/index.js';
import type { PubSub } from './pubsub/types.js';
import { identify, type AuthEnv } from './auth/middleware.js';
import { Sessions } from './auth/sessions.js';
import { authRoutes } from './accounts/routes.js';
import { publicRoutes } from './public/routes.js';
import { Moderation } from './comments/moderation.js';
import { commentRoutes } from './comments/routes.js';
import { Timelines } from './timeline/service.js';
import { timelineRoutes } from './timeline/routes.js';
import { Links } from './links/links.js';
import { linkRoutes } from './links/routes.js';
import { documentExists } from './comments/commentDocs.js';
import { Rooms } from './sync/rooms.js';
import { mountSyncRoute } from './sync/wsRoute.js';
import { END_REASON, SessionSockets } from './sync/sessionSockets.js';
import { sameOriginWrites } from './auth/sameOrigin.js';
import { RightsService } from './rights/service.js';
import { rightsRoutes } from './rights/routes.js';
import { TrustedProxies } from './http/clientAddress.js';
import { Audit } from './audit/audit.js';
import { auditTrail } from './audit/httpActions.js';
import { auditRoutes } from './audit/routes.js';
import { accessLog } from './http/accessLog.js';
import { securityHeaders } from './http/securityHeaders.js';
import { allowedMethods } from './http/methods.js';
import { PasswordResets } from './accounts/passwordReset.js';
import { createMailer } from './mail/mailer.js';
import { Suggestions, decisionRows, suggestionStoreFor } from './suggestions/index.js';
import { suggestionRoutes } from './suggestions/routes.js';
import { MailQueue, Notifications, Reminders, notificationStoreFor } from './notifications/index.js';
import { notificationRoutes } from './notifications/routes.js';
import { Search, SearchIndexer, searchStoreFor } from './search/index.js';
import { publicSearchRoutes, searchRoutes } from './search/routes.js';
import { apiDocsRoutes } from './http/apidocs.js';
import { ImportService } from './import/index.js';
import { importRoutes } from './import/routes.js';

export interface AppDeps {
  config: Config;
  store: Store;
  logger: Logger;
  /** Fan-out to other processes (Redis); omitted, this process is alone. */
  pubsub?: PubSub;
}

export function createApp({ config, store, logger, pubsub }: AppDeps) {
  const app = new Hono<AuthEnv>();
  const sessions = new Sessions(store, { sessionTtlMs: config.sessionHours * 3600_000, invitationTtlMs: config.invitationHours * 3600_000 });
  const sockets = new Set<WebSocket>();
  // Sign-out, expiry and ended sessions close their open sync sockets (4401), in every process.
  const sessionSockets = new SessionSockets({ store, pubsub, checkIntervalMs: config.sessionCheckMs, logger });
  sessions.onEnd((tokenHash) => void sessionSockets.end({ tokenHash }));
  void sessionSockets.start();
  const audit = new Audit(store);
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  // A person's sessions were deleted in the store: close their sockets here and in every process.
  const endSessions = (userId: string) => sessionSockets.end({ userId });
  const resets = new PasswordResets({ store, audit, mailer, logger, ttlMs: config.passwordResetMinutes * 60_000, endSessions });
  const metrics = createMetrics({ connections: () => sockets.size, loadedDocuments: () => rooms.size });
  const storeHealth = new StoreHealth(store, { integrityCheckMs: config.integrityCheckMs, logger });
  // A full disk or a read-only file still answers reads: health learns from the writes.
  storeHealth.watchWrites(store);
  storeHealth.start();
  const observer = metricsObserver(metrics);
  const rooms = new Rooms(store, {
    observer,
    compactAfterUpdates: config.compactAfterUpdates,
    maxDocumentBytes: config.maxDocumentBytes,
    idleUnloadMs: config.idleUnloadMs,
    commitIntervalMs: config.commitIntervalMs,
    logger,
    pubsub,
  });
  // A comment document exists iff its commitment does (made on first use).
  rooms.onFirstUse((name) => documentExists(store, name));
  // Who may write a commitment: rows in the store, kept current for open sockets in every process.
  const rights = new RightsService({ store, rooms, pubsub, logger });
  void rights.start();
  const catalog = new Catalog(store, rooms, rights);
  const mailQueue = mailer ? new MailQueue(mailer, logger, { retryMs: config.mailRetryMs, attempts: config.mailAttempts }) : null;
  const notifications = new Notifications({ store, rooms, catalog, notifications: notificationStoreFor(store), logger, mail: mailQueue, origin: config.publicOrigin });
  const notify = notifications;
  // Stored comments reach the notifications through the rooms, once durable.
  rooms.onStored(notifications.onStored);
  const reminders = new Reminders({ store, rooms, notifications, logger }, config.reminderIntervalMs);
  reminders.start();
  const pdfPrinter = new PdfPrinter({ concurrency: config.pdfConcurrency, queueLimit: config.pdfQueue, idleMs: config.pdfIdleMs });
  const checkpoints = new Checkpoints({ store, rooms }, { intervalMs: config.checkpointIntervalMs, logger });
  checkpoints.start();
  // The search index follows every stored update; at start it catches up on what changed unindexed.
  const searchIndex = searchStoreFor(store);
  const searchIndexer = new SearchIndexer({ store, rooms, index: searchIndex, logger });
  searchIndexer.start();
  // One PublishedVersions (its cache of parsed snapshots) for the public API, page titles, open data and search.
  const published = new PublishedVersions(store);
  const search = new Search({ store, index: searchIndex, published });
  const nodeWs = createNodeWebSocket({ app });
  // Messages over the limit are refused with a reason by the sync route; far larger ones are
  // cut by ws itself at the frame level (close 1009) before they are buffered whole.
  (nodeWs.wss.options as { maxPayload?: number }).maxPayload = config.maxMessageBytes * 4;

  app.onError((err, c) => {
    if (err instanceof AppError) return c.json({ error: { code: err.code, message: err.message } }, err.status);
    if (isUnavailable(err)) {
      // A store's own error (SQLSTATE or SQLite code) on a request that changes something.
      const code = String((err as { code?: unknown }).code ?? '');
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && /^(SQLITE_|[0-9A-Z]{5}$)/.test(code)) storeHealth.writeFailed();
      // Not a bug of ours: one line naming the cause, no stack trace.
      logger.error('dependency unavailable', { path: c.req.path, error: String(err), code: (err as { code?: unknown }).code });
      return c.json({ error: { code: 'unavailable', message: 'The database cannot be reached or written right now. Your request was not carried out; try again in a moment.' } }, 503);
    }
    logger.error('unhandled error', { path: c.req.path, error: String(err), stack: (err as Error).stack });
    return c.json({ error: { code: 'internal', message: 'Something went wrong on the server. Try again; if it persists, tell the administrator.' } }, 500);
  });

  app.use('*', accessLog(logger));
  app.use('*', securityHeaders());
  app.use('*', requestMetrics(metrics));
  mountHealth(app, { loadedDocuments: () => rooms.size, pubsub, connectionCount: () => sockets.size, timeoutMs: Math.min(config.pgTimeoutMs, config.redisTimeoutMs), storeHealth });
  app.use('/api/*', sameOriginWrites(config.publicOrigin));
  // Bodies are small JSON; a huge one is refused before it is buffered and parsed.
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: config.maxBodyBytes,
      onError: () => {
        throw new AppError(413, 'too_large', `The request body is larger than ${config.maxBodyBytes} bytes; send a smaller one.`);
      },
    }),
  );
  app.use('/api/*', identify(sessions));
  app.use('/sync/*', identify(sessions));
  const trustedProxies = new TrustedProxies(config.trustedProxies);
  app.use('/api/*', auditTrail(audit, logger));
  // Deny by default: past this line every /api/ route needs a session unless the guard's table names it public.
  app.use('/api/*', signInGuard());
  app.route('/api', apiDocsRoutes());
  app.route('/api', authRoutes({ sessions, config, trustedProxies, audit, resets, endSession: (tokenHash) => sessionSockets.end({ tokenHash }, END_REASON.ended) }));
  app.route('/api', auditRoutes({ audit }));
  const suggestions = new Suggestions({ store, rooms, suggestions: suggestionStoreFor(store), audit, onEvent: notify.onSuggestionEvent });
  const links = new Links({ store, rooms });
  const site = new PublicSite({ store, published, links, suggestions });
  app.route('/api', publicRoutes({ site, published, trustedProxies, onPublicComment: notify.onPublicComment }));
  app.route('/api', publicSearchRoutes({ search }));
  app.route('/api', commentRoutes({ moderation: new Moderation({ store, rooms, catalog }) }));
  app.route('/api', timelineRoutes({ timelines: new Timelines({ store, rooms, catalog }) }));
  app.route('/api', linkRoutes({ links }));
  app.route('/api', rightsRoutes({ rights, commitmentOf: async (id) => (await catalog.getCommitment(id)).commitment }));
  app.route('/api', planRoutes({ catalog }));
  app.route('/api', versionRoutes({ store, rooms }));
  app.route('/api', contributionRoutes({ figures: new ContributionFigures({ store, catalog }) }));
  app.route('/api', suggestionRoutes({ suggestions }));
  app.route('/api', notificationRoutes({ notifications: notify }));
  app.route('/api', searchRoutes({ search }));
  app.route('/api', importRoutes({ imports: new ImportService({ store, rooms, catalog, rights }) }));
  const office = new OfficeConverter({ path: config.sofficePath, timeoutMs: config.sofficeTimeoutMs });
  const pagedDocx = new PagedDocxWriter();
  app.route('/api', exportRoutes({ store, rooms, dataDir: config.dataDir, pdf: pdfPrinter, issuer: { zh: config.issuingAgency, en: config.issuingAgencyEn }, office, pagedDocx, decisionsOf: async (planId) => decisionRows(await suggestions.listForPlan(planId)) }));
  app.route('/open-data', openDataRoutes({ data: new OpenData(store, { name: config.openDataLicence, path: config.openDataLicenceUrl }, published) }));
  const allowed = allowedMethods(app);
  app.all('/api/*', (c) => {
    const allow = allowed(c.req.path);
    if (allow.length > 0) {
      c.header('Allow', allow.join(', '));
      return c.json({ error: { code: 'method_not_allowed', message: `${c.req.method} is not answered at ${c.req.path}: use ${allow.join(', ')}. See the README for the list.` } }, 405);
    }
    return c.json({ error: { code: 'not_found', message: `No API endpoint ${c.req.method} ${c.req.path}. See the README for the list.` } }, 404);
  });
  mountMetrics(app, metrics.registry, config.metricsToken);
  mountSyncRoute(app, nodeWs.upgradeWebSocket as never, {
    observer,
    rooms,
    maxMessageBytes: config.maxMessageBytes,
    messagesPerSecond: config.wsMessagesPerSecond,
    messageBurst: config.wsMessageBurst,
    maxConnections: config.maxConnections,
    sockets,
    publicOrigin: config.publicOrigin,
    sessionSockets,
    rights,
    logger,
  });
  mountClient(app, config.clientDir, publicPageMeta(published));

  return {
    app,
    rooms,
    catalog,
    rights,
    sessions,
    sockets,
    sessionSockets,
    pdfPrinter,
    storeHealth,
    /** The audit trail: `audit.record({ actor, action, target, details })` for any service that changes rights or records. */
    audit,
    suggestions,
    /** The notification centre; `notifications.idle()` resolves once every notification started is stored. */
    notifications: notify,
    /** Notification e-mail waiting or retried in the background (null without SMTP). */
    mailQueue,
    /** The reminder job; `reminders.runOnce(now)` for tests and operators. */
    reminders,
    /** The live search index's keeper: `whenRebuilt()`, `whenIdle()` for tests. */
    searchIndexer,
    injectWebSocket: nodeWs.injectWebSocket,
    /** Closes every socket, flushes and compacts every document. The store stays open. */
    async close(): Promise<void> {
      await checkpoints.stop();
      await reminders.stop();
      await searchIndexer.stop();
      await storeHealth.stop();
      await sessionSockets.stop();
      await rights.stop();
      await rooms.closeAll();
      for (const s of sockets) s.terminate();
      nodeWs.wss.close();
      await pdfPrinter.close();
      mailQueue?.close();
      mailer?.close();
      await office.close();
      await pagedDocx.close();
    },
  };
}

export type GongbiApp = ReturnType<typeof createApp>;
