import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/client.js';
import { createOpsStats } from '../db/repositories/ops-stats.js';
import { observeScoring } from '../db/scoring-observer.js';

/** Seconds: a command answers in milliseconds; a slow one (an export, a big ranking) in seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The app's Prometheus metrics, in a registry of its own (not prom-client's global one), so that
 * several apps in one process (tests) neither collide nor count each other's traffic. Gauges read
 * the outbox and the database file when scraped; counters and histograms are fed by the wrappers in
 * instrument.ts.
 */
export function createMetrics(deps: { db: Db; databasePath: string; clock: () => number }) {
  const registry = new Registry();
  const registers = [registry];
  const stats = createOpsStats(deps.db, deps.databasePath);

  const inboundEvents = new Counter({ name: 'skb_inbound_events_total', help: 'Inbound chat events by platform and kind (message, action)', labelNames: ['platform', 'kind'] as const, registers });
  const commandDuration = new Histogram({ name: 'skb_command_duration_seconds', help: 'Time a chat command took, by command', labelNames: ['command'] as const, buckets: LATENCY_BUCKETS, registers });
  const outboxSends = new Counter({ name: 'skb_outbox_sends_total', help: 'Outbox delivery attempts by platform and result (sent, retry, failed, lost, withdrawn)', labelNames: ['platform', 'result'] as const, registers });
  const jobRuns = new Counter({ name: 'skb_job_runs_total', help: 'Job runs by job and result (succeeded, idle, skipped, failed)', labelNames: ['job', 'result'] as const, registers });
  const scoringDuration = new Histogram({ name: 'skb_scoring_duration_seconds', help: 'Time one KPI scoring pass over a period took', buckets: LATENCY_BUCKETS, registers });

  new Gauge({
    name: 'skb_outbox_depth',
    help: 'Messages queued and not yet delivered (pending or being sent)',
    registers,
    async collect() {
      this.set((await stats.outboxBacklog()).depth);
    },
  });
  new Gauge({
    name: 'skb_outbox_oldest_age_seconds',
    help: 'Age of the oldest undelivered outbox message (0 when none waits)',
    registers,
    async collect() {
      const { oldestCreatedAt } = await stats.outboxBacklog();
      this.set(oldestCreatedAt === null ? 0 : Math.max(0, (deps.clock() - oldestCreatedAt) / 1000));
    },
  });
  new Gauge({
    name: 'skb_database_size_bytes',
    help: 'Size of the database (the SQLite file, or the PostgreSQL database) and of the SQLite write-ahead log',
    labelNames: ['file'] as const,
    registers,
    async collect() {
      const sizes = await stats.fileSizes();
      this.set({ file: 'main' }, sizes.main);
      this.set({ file: 'wal' }, sizes.wal);
    },
  });
  collectDefaultMetrics({ register: registry });
  observeScoring(deps.db, (seconds) => scoringDuration.observe(seconds));

  return {
    registry,
    inboundEvents,
    commandDuration,
    outboxSends,
    jobRuns,
    /** The exposition text and its content type, for GET /metrics. */
    async scrape(): Promise<{ contentType: string; body: string }> {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
