// The delivery worker. It claims due outbox rows with a lease in SQLite (one UPDATE ... RETURNING,
// atomic against other workers on the same file), renews the lease while a send is in flight,
// and records the outcome. A killed process's rows come back once their lease lapses, so a
// lead is delivered at least once; the stable webhook-id lets receivers drop a repeat.
import { performance } from 'node:perf_hooks';
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { accounts, deliveries, deliveryAttempts, integrations, leads, type ATTEMPT_OUTCOMES } from '../../platform/db/schema/index.js';
import type { AppDeps } from '../../deps.js';
import { randomId } from '../../platform/lib/ids.js';
import { integrationAllowed } from '../../platform/tariffs/policy.js';
import type { Outcome } from './destinations/index.js';
import { DELIVERY_TIMEOUT_MS } from './http-client.js';
import { buildLeadDocument } from './lead-document.js';
import { notifyDeliveryFailed, type FailureNotice } from './notify.js';
import { FREE_THROTTLES, retryDelay } from './schedule.js';
import { sendTo } from './send.js';
import { openConfig, sealConfig, type IntegrationRow } from './store.js';

type DeliveryRow = typeof deliveries.$inferSelect;
type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
/** What happened to one try: a destination's answer, or our refusal to send at all. */
type Result = Outcome | { kind: 'refused'; error: string; statusCode?: undefined; progress?: undefined };

export interface DeliveryWorkerOptions {
  /** Sends in flight at once, across destinations. */
  concurrency?: number;
  /** How often the running worker looks for due rows (real time; due times follow the clock). */
  pollMs?: number;
  /** Jitter source; tests pin it. */
  random?: () => number;
}

export interface DeliveryWorker {
  /** Claims what is due now, sends it and records the outcomes; resolves with how many rows it took. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops polling and waits (bounded) for sends in flight. */
  stop(): Promise<void>;
}

const MAX_ERROR_CHARS = 200;

export function createDeliveryWorker(deps: AppDeps, options: DeliveryWorkerOptions = {}): DeliveryWorker {
  const { db, env, clock, logger, sealer } = deps;
  // Resolve the sealing key up front: production without INTEGRATIONS_KEY fails at start, not at the first lead.
  sealer.key();
  const owner = `wrk_${randomId(10)}`;
  const leaseMs = env.DELIVERY_LEASE_SECONDS * 1000;
  const concurrency = options.concurrency ?? 4;
  const random = options.random ?? Math.random;
  const inflight = new Set<string>();
  const batches = new Set<Promise<void>>();
  let timer: ReturnType<typeof setInterval> | undefined;

  const mine = (id: string) => and(eq(deliveries.id, id), eq(deliveries.leaseOwner, owner));

  function renewLeases(): void {
    if (inflight.size === 0) return;
    db.update(deliveries)
      .set({ leaseUntil: clock.now() + leaseMs })
      .where(and(eq(deliveries.leaseOwner, owner), inArray(deliveries.id, [...inflight])))
      .run();
  }

  function claim(limit: number): DeliveryRow[] {
    const now = clock.now();
    const claimable = and(eq(deliveries.status, 'pending'), lte(deliveries.nextAttemptAt, now), or(isNull(deliveries.leaseUntil), lt(deliveries.leaseUntil, now)));
    const due = db.select({ id: deliveries.id }).from(deliveries).where(claimable).orderBy(asc(deliveries.nextAttemptAt)).limit(limit);
    return db
      .update(deliveries)
      .set({ leaseOwner: owner, leaseUntil: now + leaseMs })
      .where(and(inArray(deliveries.id, due), claimable))
      .returning()
      .all();
  }

  const release = (id: string, nextAttemptAt?: number) =>
    db
      .update(deliveries)
      .set({ leaseOwner: null, leaseUntil: null, ...(nextAttemptAt === undefined ? {} : { nextAttemptAt }) })
      .where(mine(id))
      .run();

  async function processOne(row: DeliveryRow): Promise<void> {
    const lead = db.select().from(leads).where(eq(leads.id, row.leadId)).get();
    const integration = db.select().from(integrations).where(eq(integrations.id, row.integrationId)).get();
    const account = db.select().from(accounts).where(eq(accounts.id, row.accountId)).get();
    // Destroyed while queued: the foreign-key cascade has taken (or is taking) the row too.
    if (!lead || !integration || !account) return void release(row.id);
    const now = clock.now();
    if (integration.status !== 'active') return record(row, integration, { kind: 'refused', error: `channel ${integration.status}` }, 0);
    if (!integrationAllowed(account, integration.kind)) return record(row, integration, { kind: 'refused', error: 'not included in the tariff' }, 0);
    // Pacing, not failure: come back when the destination accepts messages again.
    if (integration.pausedUntil > now) return void release(row.id, integration.pausedUntil);
    const config = openConfig(sealer, integration);
    if (!config) return record(row, integration, { kind: 'refused', error: 'no settings' }, 0);

    const started = performance.now();
    let result: Result;
    try {
      result = await sendTo(integration.kind, {
        env,
        mailer: deps.mailer,
        clock,
        doc: buildLeadDocument(db, lead),
        config,
        messageId: row.id,
        progress: row.progress,
        throttles: row.attempts - row.failures,
      });
    } catch (err) {
      logger.error('delivery.send_crashed', { deliveryId: row.id, kind: integration.kind, error: err instanceof Error ? err.name : 'unknown' });
      result = { kind: 'failed', error: 'internal error' };
    }
    await record(row, integration, result, Math.round(performance.now() - started));
  }

  async function record(row: DeliveryRow, integration: IntegrationRow, result: Result, durationMs: number): Promise<void> {
    const now = clock.now();
    // Set inside the transaction callback, read after it.
    const out: { notice: FailureNotice | null; logged: AttemptOutcome | null } = { notice: null, logged: null };
    db.transaction((tx) => {
      const current = tx.select().from(deliveries).where(mine(row.id)).get();
      // Gone (the lead was destroyed) or our lease lapsed and another worker owns it now.
      if (!current) return;
      const attempts = current.attempts + 1;
      let logged: AttemptOutcome;
      const error = 'error' in result ? result.error.slice(0, MAX_ERROR_CHARS) : null;
      const patch: Partial<DeliveryRow> = {
        attempts,
        lastStatusCode: result.statusCode ?? null,
        lastError: error,
        progress: result.progress ?? current.progress,
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: now,
      };
      const giveUp = (channelBroken: boolean) => {
        patch.status = 'failed';
        out.notice = { accountId: row.accountId, siteId: integration.siteId, kind: integration.kind, leadId: row.leadId, attempts, error, channelBroken };
      };
      const countFailure = () => {
        patch.failures = current.failures + 1;
        const delay = retryDelay(patch.failures, random);
        if (delay === null) giveUp(false);
        else patch.nextAttemptAt = now + delay;
      };

      if (result.kind === 'delivered') {
        logged = 'delivered';
        Object.assign(patch, { status: 'delivered', deliveredAt: now });
      } else if (result.kind === 'partial') {
        logged = 'partial';
        patch.nextAttemptAt = result.until;
      } else if (result.kind === 'throttled' && attempts - current.failures <= FREE_THROTTLES) {
        logged = 'throttled';
        patch.nextAttemptAt = result.until;
      } else if (result.kind === 'failed' || result.kind === 'throttled') {
        logged = 'failed';
        countFailure();
      } else if (result.kind === 'broken') {
        logged = 'failed';
        patch.status = 'failed';
        // One mail when the channel breaks, not one per queued lead.
        const changed = tx
          .update(integrations)
          .set({ status: result.integrationStatus, statusReason: error, updatedAt: now })
          .where(and(eq(integrations.id, integration.id), eq(integrations.status, 'active')))
          .returning({ id: integrations.id })
          .all();
        if (changed.length > 0) giveUp(true);
      } else {
        logged = 'refused';
        patch.status = 'failed';
      }

      tx.update(deliveries).set(patch).where(eq(deliveries.id, row.id)).run();
      tx.insert(deliveryAttempts).values({ deliveryId: row.id, at: now, durationMs, outcome: logged, statusCode: result.statusCode ?? null, error }).run();
      out.logged = logged;
      if (result.kind !== 'refused' && result.pauseUntil) {
        tx.update(integrations)
          .set({ pausedUntil: sql`max(${integrations.pausedUntil}, ${result.pauseUntil})` })
          .where(eq(integrations.id, integration.id))
          .run();
      }
      if (result.kind === 'throttled' && result.configPatch) {
        const config = openConfig(sealer, integration);
        if (config) tx.update(integrations).set({ config: sealConfig(sealer, integration.id, { ...config, ...result.configPatch }), updatedAt: now }).where(eq(integrations.id, integration.id)).run();
      }
    });
    const { logged, notice } = out;
    if (logged) {
      const level = logged === 'delivered' || logged === 'partial' ? 'debug' : 'info';
      logger[level]('delivery.attempt', { deliveryId: row.id, integrationId: integration.id, kind: integration.kind, outcome: logged, statusCode: result.statusCode ?? null });
    }
    if (notice) {
      logger.warn('delivery.failed', { deliveryId: row.id, integrationId: integration.id, kind: integration.kind });
      await notifyDeliveryFailed(deps, notice);
    }
  }

  async function runOnce(): Promise<number> {
    renewLeases();
    const free = concurrency - inflight.size;
    if (free <= 0) return 0;
    const claimed = claim(free);
    if (claimed.length === 0) return 0;
    // One destination's rows go one after another, so its pace (pausedUntil) is read fresh before each.
    const byIntegration = new Map<string, DeliveryRow[]>();
    for (const row of claimed) {
      inflight.add(row.id);
      byIntegration.set(row.integrationId, [...(byIntegration.get(row.integrationId) ?? []), row]);
    }
    const batch = Promise.all(
      [...byIntegration.values()].map(async (rows) => {
        for (const row of rows) {
          try {
            await processOne(row);
          } catch (err) {
            logger.error('delivery.worker_error', { deliveryId: row.id, error: err instanceof Error ? err.name : 'unknown' });
            try {
              release(row.id);
            } catch {
              // the database is closing; the lease will lapse
            }
          } finally {
            inflight.delete(row.id);
          }
        }
      }),
    ).then(() => undefined);
    batches.add(batch);
    try {
      await batch;
    } finally {
      batches.delete(batch);
    }
    return claimed.length;
  }

  return {
    runOnce,
    start() {
      if (timer) return;
      // A batch that found work is followed at once by the next, so a backlog (after an outage)
      // drains at network speed, not one batch per tick; ticks add batches while slots are free.
      const tick = () => {
        runOnce().then(
          (taken) => {
            if (taken > 0 && timer) tick();
          },
          (err: unknown) => logger.error('delivery.worker_error', { error: err instanceof Error ? err.name : 'unknown' }),
        );
      };
      timer = setInterval(tick, options.pollMs ?? 1000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      const waited = new Promise((resolve) => setTimeout(resolve, DELIVERY_TIMEOUT_MS + 1000).unref());
      await Promise.race([Promise.all(batches), waited]);
    },
  };
}
