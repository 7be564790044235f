/**
 * Operational metrics in the Prometheus text format (prom-client): connections, loaded
 * documents, updates, the time from receiving an update to its durable write, compaction,
 * refused messages by reason, HTTP requests and exports. One registry per app, so tests and
 * processes don't mix. The process's own figures keep prom-client's standard names
 * (`process_cpu_seconds_total`, `nodejs_eventloop_lag_seconds`…), so stock Node.js
 * dashboards work as they are.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SyncObserver } from '../sync/observer.js';

export interface MetricsSources {
  connections(): number;
  loadedDocuments(): number;
}

export function createMetrics(sources: MetricsSources, { processMetrics = true } = {}) {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  new Gauge({ name: 'gongbi_connections', help: 'Open sync WebSocket connections', registers: [registry], collect() { this.set(sources.connections()); } });
  new Gauge({ name: 'gongbi_loaded_documents', help: 'Documents held in memory', registers: [registry], collect() { this.set(sources.loadedDocuments()); } });
  return {
    registry,
    updatesStored: new Counter({ name: 'gongbi_updates_stored_total', help: 'Updates appended to the store', registers: [registry] }),
    writeBatches: new Counter({ name: 'gongbi_write_batches_total', help: 'Batches of updates appended, one per document per commit (a commit holds every document with something to write)', registers: [registry] }),
    durableLatency: new Histogram({
      name: 'gongbi_update_durable_seconds',
      help: 'Time from receiving an update to its durable write',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    compactions: new Counter({ name: 'gongbi_compactions_total', help: 'Document logs merged into one state', registers: [registry] }),
    refused: new Counter({ name: 'gongbi_refused_messages_total', help: 'Messages refused, by reason', labelNames: ['reason'], registers: [registry] }),
    writeFailures: new Counter({ name: 'gongbi_write_failures_total', help: 'Store writes that failed (the document closed)', registers: [registry] }),
    httpRequests: new Counter({ name: 'gongbi_http_requests_total', help: 'HTTP requests answered, by method and status', labelNames: ['method', 'status'], registers: [registry] }),
    httpDuration: new Histogram({
      name: 'gongbi_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (to the start of the body for streamed answers)',
      labelNames: ['method'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    exports: new Counter({ name: 'gongbi_exports_total', help: 'Exports served, by format (redline.<format> for comparisons)', labelNames: ['format'], registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The sync layer's reports, counted. */
export function metricsObserver(m: Metrics): SyncObserver {
  return {
    stored(receivedAt) {
      const now = Date.now();
      m.updatesStored.inc(receivedAt.length);
      m.writeBatches.inc();
      for (const t of receivedAt) m.durableLatency.observe(Math.max(0, now - t) / 1000);
    },
    compacted: () => m.compactions.inc(),
    refused: (reason) => m.refused.inc({ reason }),
    writeFailed: () => m.writeFailures.inc(),
  };
}
