import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { Type } from 'typebox';
import { responses } from '../schemas.js';

export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Tracking events recorded, by type and classification. */
  readonly trackingEvents: Counter<'type' | 'classification'>;
  /** Hits that were answered but could not be recorded (the spool or the log holds them). */
  readonly trackingRecordFailures: Counter<'type'>;
  /** Rows the retention purge deleted since start, by kind (events, hits, notifications, …). */
  readonly retentionDeleted: Counter<'kind'>;
  /** Rows the last retention run deleted, by kind. */
  readonly retentionLastRun: Gauge<'kind'>;
  /** Recipients erased (DELETE /api/v1/recipients/:email) since start. */
  readonly recipientErasures: Counter;
  /** Reports the processing stage's lag and progress at each scrape. */
  observePipeline(status: () => PipelineFigures): void;
}

/** What the processing stage reports (HitPipeline.status()). */
export interface PipelineFigures {
  readonly lagMs: number;
  readonly processed: number;
  readonly failures: number;
}

export function createMetrics(): Metrics {
  // One registry per app, not prom-client's global one: tests run several apps in one process.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let pipeline: (() => PipelineFigures) | undefined;
  new Gauge({
    name: 'mailbeacon_pipeline_lag_seconds',
    help: 'Age of the oldest hit in the hit log not yet processed (0 when caught up)',
    registers: [registry],
    collect() {
      this.set((pipeline?.().lagMs ?? 0) / 1000);
    },
  });
  new Gauge({
    name: 'mailbeacon_pipeline_processed_hits',
    help: 'Hits the processing stage has turned into events since start',
    registers: [registry],
    collect() {
      this.set(pipeline?.().processed ?? 0);
    },
  });
  new Gauge({
    name: 'mailbeacon_pipeline_failed_batches',
    help: 'Batches of hits whose processing failed (and was retried) since start',
    registers: [registry],
    collect() {
      this.set(pipeline?.().failures ?? 0);
    },
  });
  return {
    observePipeline: (status) => {
      pipeline = status;
    },
    registry,
    httpDuration: new Histogram({
      name: 'mailbeacon_http_request_duration_seconds',
      help: 'HTTP request duration, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    trackingEvents: new Counter({
      name: 'mailbeacon_tracking_events_total',
      help: 'Tracking events the processing stage wrote, by type and classification',
      labelNames: ['type', 'classification'],
      registers: [registry],
    }),
    retentionDeleted: new Counter({
      name: 'mailbeacon_retention_deleted_total',
      help: 'Rows the retention purge deleted since start, by kind',
      labelNames: ['kind'],
      registers: [registry],
    }),
    retentionLastRun: new Gauge({
      name: 'mailbeacon_retention_last_run_deleted',
      help: 'Rows the last retention purge run deleted, by kind',
      labelNames: ['kind'],
      registers: [registry],
    }),
    recipientErasures: new Counter({
      name: 'mailbeacon_recipient_erasures_total',
      help: 'Recipients erased on request since start',
      registers: [registry],
    }),
    trackingRecordFailures: new Counter({
      name: 'mailbeacon_tracking_record_failures_total',
      help: 'Tracking hits the hit log refused on the first attempt (spooled, or lost if that failed too)',
      labelNames: ['type'],
      registers: [registry],
    }),
  };
}

const startedAt = Symbol('startedAt');
declare module 'fastify' {
  interface FastifyRequest {
    [startedAt]?: bigint;
  }
}

export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
    const metrics = app.metrics;
    app.addHook('onRequest', async (request) => {
      request[startedAt] = process.hrtime.bigint();
    });
    app.addHook('onResponse', async (request, reply) => {
      const start = request[startedAt];
      if (start === undefined) return;
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      // The route pattern, not the URL: tokens and ids must not become label values.
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpDuration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        seconds,
      );
    });
    app.get(
      '/metrics',
      {
        config: { access: 'public' },
        schema: {
          tags: ['operations'],
          summary: 'Prometheus metrics: HTTP timings, tracking event counters, process figures',
          produces: ['text/plain'],
          response: responses({
            200: Type.String({ description: 'Prometheus text exposition format' }),
          }),
        },
      },
      async (_request, reply) => {
        reply.type(metrics.registry.contentType);
        return metrics.registry.metrics();
      },
    );
  },
  { name: 'mailbeacon-metrics', dependencies: ['mailbeacon-services'] },
);
