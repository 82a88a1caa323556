// The app's Prometheus metrics (prom-client), one registry per app so that test apps never share
// counts. Domain code counts what happens through the instruments below; values that are cheaper
// to read than to count (open sockets, the outbox's oldest row) are read when scraped, through
// `gauge()`. Labels come from closed sets (route templates, error codes, kinds), never from
// request data, so the series stay few.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type ImpressionRefusal = 'cap' | 'bot' | 'rate' | 'unknown_widget' | 'blocked';

export interface Metrics {
  readonly registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  impressionsAccepted: Counter;
  impressionsRefused: Counter<'reason'>;
  leadsStored: Counter;
  /** By the refusal's error code (validation_failed, spam_rejected, rate_limited, ...). */
  leadsRefused: Counter<'reason'>;
  /** One per delivery attempt, by destination kind and what came of it. */
  deliveries: Counter<'kind' | 'outcome'>;
  realtimeMessagesAccepted: Counter<'source'>;
  realtimeMessagesRefused: Counter<'source'>;
  realtimeSlowConsumerDrops: Counter;
  /** A counter kept elsewhere as a plain number (a hot loop's), read at each scrape. */
  counterFrom(name: string, help: string, read: () => number): void;
  /** A gauge whose value is read at each scrape (may query the database). */
  gauge(name: string, help: string, read: () => number | Promise<number>, labels?: Record<string, string>): void;
  /** The exposition text; the first call also starts the process and event-loop metrics. */
  render(): Promise<string>;
  readonly contentType: string;
}

/** Seconds; from a cached answer (sub-millisecond) to a slow export. */
const HTTP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  let processMetrics = false;
  const gauges = new Map<string, { help: string; reads: { labels: Record<string, string>; read: () => number | Promise<number> }[] }>();

  return {
    registry,
    httpRequests: new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by method, route template and status', labelNames: ['method', 'route', 'status'], registers }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from the request to its answer (headers), by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_BUCKETS,
      registers,
    }),
    impressionsAccepted: new Counter({ name: 'widgetry_impressions_accepted_total', help: 'Widget impressions counted', registers }),
    impressionsRefused: new Counter({
      name: 'widgetry_impressions_refused_total',
      help: 'Widget impressions not counted: over the tariff cap, from a bot, over the rate limit, of an unknown widget or a blocked account',
      labelNames: ['reason'],
      registers,
    }),
    leadsStored: new Counter({ name: 'widgetry_leads_stored_total', help: 'Leads stored', registers }),
    leadsRefused: new Counter({ name: 'widgetry_leads_refused_total', help: 'Lead submissions refused, by error code', labelNames: ['reason'], registers }),
    deliveries: new Counter({ name: 'widgetry_deliveries_total', help: 'Lead delivery attempts, by destination kind and outcome', labelNames: ['kind', 'outcome'], registers }),
    realtimeMessagesAccepted: new Counter({
      name: 'widgetry_realtime_messages_accepted_total',
      help: 'Realtime messages accepted (HTTP API publishes and client events)',
      labelNames: ['source'],
      registers,
    }),
    realtimeMessagesRefused: new Counter({ name: 'widgetry_realtime_messages_refused_total', help: 'Realtime messages refused over the daily limit', labelNames: ['source'], registers }),
    realtimeSlowConsumerDrops: new Counter({ name: 'widgetry_realtime_slow_consumer_drops_total', help: 'Realtime sockets cut off for leaving too much unread (4100)', registers }),
    counterFrom(name, help, read) {
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    },
    gauge(name, help, read, labels = {}) {
      let g = gauges.get(name);
      if (!g) {
        const entry = { help, reads: [] as { labels: Record<string, string>; read: () => number | Promise<number> }[] };
        g = entry;
        gauges.set(name, entry);
        new Gauge({
          name,
          help,
          labelNames: Object.keys(labels),
          registers,
          async collect() {
            this.reset();
            for (const r of entry.reads) this.set(r.labels, await r.read());
          },
        });
      }
      g.reads.push({ labels, read });
    },
    async render() {
      if (!processMetrics) {
        // Started at the first scrape, not per app: a test run builds hundreds of apps and
        // scrapes few, and the event-loop monitor samples on a timer of its own.
        collectDefaultMetrics({ register: registry });
        processMetrics = true;
      }
      return await registry.metrics();
    },
    contentType: registry.contentType,
  };
}
