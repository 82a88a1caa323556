// Part 5, correctness under load: 200 connections send impressions past an account's cap; the
// counted impressions must end exactly at the cap, in every place that counts them.
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { and, eq, sum } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
// The SQLite twins of the tables: the bench reads the server's SQLite file directly, read-only.
import { impressionPeriods, widgetDailyStats } from '../../server/src/platform/db/schema/sqlite.js';
import type { CapAccount } from './seed.js';
import type { ServerUnderTest } from './server.js';
import { impressionsBody } from './visitor-requests.js';

export interface CapRun {
  cap: number;
  connections: number;
  impressionsPerRequest: number;
  requests: number;
  wanted: number;
  /** Sum of `accepted` over all responses. */
  acceptedByResponses: number;
  fullyAccepted: number;
  partlyRefused: number;
  refused: number;
  otherStatus: number;
  /** Requests without an answer (socket errors, timeouts): the server may still have counted them. */
  noAnswer: number;
  /** impression_periods, the counter the cap is enforced on. */
  countedInPeriod: number;
  /** widget_daily_stats, the statistics the dashboard charts. */
  countedInDailyStats: number;
  /** GET /api/usage as the licensee sees it. */
  usageApi: number;
  /** Widgets in the site's config after the run (0 once the cap is reached). */
  widgetsServedAfter: number;
  seconds: number;
  exact: boolean;
}

export async function hammerCap(server: ServerUnderTest, dbPath: string, account: CapAccount, headers: Record<string, string>, perRequest: number, connections: number): Promise<CapRun> {
  // Half as much again as the cap allows, so the crossing happens mid-run under full concurrency.
  const requests = Math.ceil((account.cap * 1.5) / perRequest);
  const body = impressionsBody(account.siteKey, account.widgetId, perRequest);
  let acceptedByResponses = 0;
  let fullyAccepted = 0;
  let partlyRefused = 0;
  let refused = 0;
  let otherStatus = 0;
  const started = performance.now();
  const result = await autocannon({
    url: server.url,
    connections,
    amount: requests,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        path: '/v1/events',
        headers,
        body,
        onResponse: (status, text) => {
          if (status !== 202) {
            otherStatus++;
            return;
          }
          const { accepted } = JSON.parse(text) as { accepted: number };
          acceptedByResponses += accepted;
          if (accepted === perRequest) fullyAccepted++;
          else if (accepted === 0) refused++;
          else partlyRefused++;
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;

  const sqlite = new Database(dbPath, { readonly: true });
  try {
    const db = drizzle(sqlite);
    const countedInPeriod = Number(
      db
        .select({ n: sum(impressionPeriods.impressions) })
        .from(impressionPeriods)
        .where(eq(impressionPeriods.accountId, account.session.accountId))
        .get()?.n ?? 0,
    );
    const countedInDailyStats = Number(
      db
        .select({ n: sum(widgetDailyStats.impressions) })
        .from(widgetDailyStats)
        .where(and(eq(widgetDailyStats.accountId, account.session.accountId), eq(widgetDailyStats.widgetId, account.widgetId)))
        .get()?.n ?? 0,
    );
    const usage = await account.session.request<{ impressions: { used: number } }>(server.url, 'GET', '/api/usage');
    if (usage.status !== 200) throw new Error(`GET /api/usage: ${usage.status} ${JSON.stringify(usage.body)}`);
    const config = await fetch(`${server.url}/v1/sites/${account.siteKey}/config`, { headers: { origin: headers.origin! } });
    const widgetsServedAfter = ((await config.json()) as { widgets: unknown[] }).widgets.length;
    const usageApi = usage.body.impressions.used;
    return {
      cap: account.cap,
      connections,
      impressionsPerRequest: perRequest,
      requests: result.requests.total,
      wanted: requests * perRequest,
      acceptedByResponses,
      fullyAccepted,
      partlyRefused,
      refused,
      otherStatus,
      noAnswer: result.errors,
      countedInPeriod,
      countedInDailyStats,
      usageApi,
      widgetsServedAfter,
      seconds,
      // The stored counts decide; the sum of answers must agree whenever every request was answered.
      exact: [countedInPeriod, countedInDailyStats, usageApi].every((n) => n === account.cap) && (result.errors > 0 || acceptedByResponses === account.cap),
    };
  } finally {
    sqlite.close();
  }
}
