// The delivery worker. It claims due outbox rows with a lease (one conditional UPDATE ...
// RETURNING, atomic against workers in other processes on either engine: see claim()), renews
// the lease while a send is in flight, and records the outcome. A killed process's rows come
// back once their lease lapses, so a lead is delivered at least once; the stable webhook-id
// lets receivers drop a repeat.
import { performance } from 'node:perf_hooks';
import { and, eq } from 'drizzle-orm';
import type { ATTEMPT_OUTCOMES } from '../../platform/db/schema/index.js';
import type { Tables } from '../../platform/db/store.js';
import type { AppDeps } from '../../deps.js';
import { randomId } from '../../platform/lib/ids.js';
import type { LoopHeartbeat } from '../../platform/observe/readiness.js';
import { integrationAllowed } from '../../platform/tariffs/policy.js';
import type { Outcome } from './destinations/index.js';
import { DELIVERY_TIMEOUT_MS } from './http-client.js';
import { leadDocument } from './lead-document.js';
import { notifyDeliveryFailed, type FailureNotice } from './notify.js';
import { FREE_THROTTLES, retryDelay } from './schedule.js';
import { sendTo } from './send.js';
import { destinationSettings, openConfig, sealConfig, type IntegrationRow } from './store.js';
import { prepareWorkerQueries } from './worker-queries.js';

type DeliveryRow = Tables['deliveries']['$inferSelect'];
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
  const { store, env, clock, logger, sealer } = deps;
  const { integrations } = store.tables;
  // Resolve the sealing key up front: production without INTEGRATIONS_KEY fails at start, not at the first lead.
  sealer.key();
  const owner = `wrk_${randomId(10)}`;
  const leaseMs = env.DELIVERY_LEASE_SECONDS * 1000;
  const concurrency = options.concurrency ?? 4;
  const random = options.random ?? Math.random;
  const inflight = new Set<string>();
  /** Slots taken by claims still on their way back from the database. */
  let claiming = 0;
  const batches = new Set<Promise<void>>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let heartbeat: LoopHeartbeat | undefined;
  const pollMs = options.pollMs ?? 1000;
  const q = prepareWorkerQueries(store.db, owner);

  async function renewLeases(): Promise<void> {
    if (inflight.size === 0) return;
    await q.renew([...inflight], clock.now() + leaseMs);
  }

  /**
   * Each due row is claimed by a conditional UPDATE of that row alone, so two workers never both
   * hold a row. On SQLite it runs under the file's single write lock. On PostgreSQL (READ
   * COMMITTED) two workers may pick the same candidates, but the second UPDATE waits on the
   * first one's row lock and then re-evaluates its WHERE against the row as committed:
   * `claimable` (worker-queries.ts) is in the claim's UPDATE for that re-check, and it is false for a row just
   * leased, so the row is skipped, not claimed twice (that worker just takes fewer rows).
   *
   * Not one UPDATE ... WHERE id IN (due subquery) AND claimable: SQLite's planner answers that
   * through the due index, i.e. it walks every due row of the backlog on each claim (~6-9 ms
   * with 20,000 queued, on the event loop, every few sends); by id, each row is one lookup.
   */
  async function claim(limit: number): Promise<DeliveryRow[]> {
    const now = clock.now();
    const due = await q.due.execute({ now, limit });
    const claimed: DeliveryRow[] = [];
    for (const { id } of due) {
      const [row] = await q.claim.execute({ id, now, leaseUntil: now + leaseMs });
      if (row) claimed.push(row);
    }
    return claimed;
  }

  const release = async (id: string, nextAttemptAt?: number): Promise<void> => {
    await (nextAttemptAt === undefined ? q.release.execute({ id }) : q.releaseUntil.execute({ id, nextAttemptAt }));
  };

  async function processOne(row: DeliveryRow): Promise<void> {
    const [found] = await q.context.execute({ leadId: row.leadId, integrationId: row.integrationId, accountId: row.accountId });
    // Destroyed while queued (the lead, its destination or the account): the foreign-key cascade has taken (or is taking) the row too.
    if (!found) return await release(row.id);
    const { lead, integration, account } = found;
    const now = clock.now();
    if (integration.status !== 'active') return record(row, integration, { kind: 'refused', error: `channel ${integration.status}` }, 0);
    if (!integrationAllowed(account, integration.kind)) return record(row, integration, { kind: 'refused', error: 'not included in the tariff' }, 0);
    // Pacing, not failure: come back when the destination accepts messages again.
    if (integration.pausedUntil > now) return await release(row.id, integration.pausedUntil);
    const config = destinationSettings(sealer, integration, account.email);
    if (!config) return record(row, integration, { kind: 'refused', error: 'no settings' }, 0);

    const started = performance.now();
    let result: Result;
    try {
      result = await sendTo(integration.kind, {
        env,
        mailer: deps.mailer,
        clock,
        doc: leadDocument(lead, found.site, found.widget),
        lang: account.lang,
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
    const outcome = await store.transaction(async (tx): Promise<{ notice: FailureNotice | null; logged: AttemptOutcome } | null> => {
      // Read through a no-op write: on PostgreSQL it holds the row's lock until the commit, so
      // a worker whose claim finds our lease lapsed waits, then sees the row as we leave it
      // (SQLite's transaction already holds the only write lock).
      const [current] = await q.lockMine.execute({ id: row.id });
      // Gone (the lead was destroyed) or our lease lapsed and another worker owns it now.
      if (!current) return null;
      const attempts = current.attempts + 1;
      let logged: AttemptOutcome;
      let notice: FailureNotice | null = null;
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
        notice = { accountId: row.accountId, siteId: integration.siteId, kind: integration.kind, leadId: row.leadId, attempts, error, channelBroken };
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
        // One mail when the channel breaks, not one per queued lead: only the update that
        // changes the status (conditional, so atomic on both engines) sends it.
        const changed = await tx
          .update(integrations)
          .set({ status: result.integrationStatus, statusReason: error, updatedAt: now })
          .where(and(eq(integrations.id, integration.id), eq(integrations.status, 'active')))
          .returning({ id: integrations.id });
        if (changed.length > 0) giveUp(true);
      } else {
        logged = 'refused';
        patch.status = 'failed';
      }

      // Every column the statement writes: those the patch leaves alone keep their values.
      await q.writeOutcome.execute({ ...current, ...patch, id: row.id });
      await q.insertAttempt.execute({ deliveryId: row.id, at: now, durationMs, outcome: logged, statusCode: result.statusCode ?? null, error });
      if (result.kind !== 'refused' && result.pauseUntil) {
        await tx
          .update(integrations)
          .set({ pausedUntil: store.sql.greatest(integrations.pausedUntil, result.pauseUntil) })
          .where(eq(integrations.id, integration.id));
      }
      if (result.kind === 'throttled' && result.configPatch) {
        const config = openConfig(sealer, integration);
        if (config)
          await tx
            .update(integrations)
            .set({ config: sealConfig(sealer, integration.id, { ...config, ...result.configPatch }), updatedAt: now })
            .where(eq(integrations.id, integration.id));
      }
      return { notice, logged };
    });
    if (!outcome) return;
    const { logged, notice } = outcome;
    deps.metrics.deliveries.inc({ kind: integration.kind, outcome: logged });
    const level = logged === 'delivered' || logged === 'partial' ? 'debug' : 'info';
    logger[level]('delivery.attempt', { deliveryId: row.id, integrationId: integration.id, kind: integration.kind, outcome: logged, statusCode: result.statusCode ?? null });
    if (notice) {
      logger.warn('delivery.failed', { deliveryId: row.id, integrationId: integration.id, kind: integration.kind });
      await notifyDeliveryFailed(deps, notice);
    }
  }

  async function claimAndSend(): Promise<number> {
    await renewLeases();
    const free = concurrency - inflight.size - claiming;
    if (free <= 0) return 0;
    // The slots are reserved across the claim's await: a tick running meanwhile must not fill them too.
    claiming += free;
    let claimed: DeliveryRow[];
    try {
      claimed = await claim(free);
      for (const row of claimed) inflight.add(row.id);
    } finally {
      claiming -= free;
    }
    if (claimed.length === 0) return 0;
    // One destination's rows go one after another, so its pace (pausedUntil) is read fresh before each.
    const byIntegration = new Map<string, DeliveryRow[]>();
    for (const row of claimed) byIntegration.set(row.integrationId, [...(byIntegration.get(row.integrationId) ?? []), row]);
    await Promise.all(
      [...byIntegration.values()].map(async (rows) => {
        for (const row of rows) {
          try {
            await processOne(row);
          } catch (err) {
            logger.error('delivery.worker_error', { deliveryId: row.id, error: err instanceof Error ? err.name : 'unknown' });
            try {
              await release(row.id);
            } catch {
              // the database is closing; the lease will lapse
            }
          } finally {
            inflight.delete(row.id);
          }
        }
      }),
    );
    return claimed.length;
  }

  // Tracked from before the claim, so stop() also waits for rows claimed just before it was called.
  function runOnce(): Promise<number> {
    const run = claimAndSend();
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    batches.add(settled);
    void settled.then(() => batches.delete(settled));
    return run;
  }

  return {
    runOnce,
    start() {
      if (timer) return;
      // Leases carry the owner's name: this line tells which process holds a lease.
      logger.info('delivery.worker_started', { owner });
      // A batch that found work is followed at once by the next, so a backlog (after an outage)
      // drains at network speed, not one batch per tick; ticks add batches while slots are free.
      // Beats on every tick: GET /readyz fails when this loop stops turning.
      heartbeat = deps.readiness.loop('deliveries', Math.max(30_000, 10 * pollMs));
      const tick = () => {
        heartbeat?.beat();
        runOnce().then(
          (taken) => {
            if (taken > 0 && timer) tick();
          },
          (err: unknown) => logger.error('delivery.worker_error', { error: err instanceof Error ? err.name : 'unknown' }),
        );
      };
      timer = setInterval(tick, pollMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      heartbeat?.stop();
      const waited = new Promise((resolve) => setTimeout(resolve, DELIVERY_TIMEOUT_MS + 1000).unref());
      await Promise.race([Promise.all(batches), waited]);
    },
  };
}
