// A large destruction never stalls the server: the retention job works in batches and gives the
// event loop a turn between them, so a request that arrives while it runs is answered before it
// ends. Measured by order of events over a real HTTP socket, not by timing.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { DAY } from '../../platform/lib/clock.js';
import { RETENTION_BATCH } from '../../platform/lib/batches.js';
import { destroyExpiredLeads } from './destroy.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => t.cleanup());

const LEADS = 20 * RETENTION_BATCH;

async function oldLeads(n: number) {
  const { accounts, leads } = t.store.tables;
  const at = t.clock.now();
  await t.store.db.insert(accounts).values({ id: 'acc_bulk', email: 'bulk@example.ru', periodAnchorAt: at, consentAt: at, consentVersion: 'v1', createdAt: at });
  for (let i = 0; i < n; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({
      id: `lead_bulk${String(i + k).padStart(8, '0')}`,
      accountId: 'acc_bulk',
      siteId: 'site_bulk',
      widgetId: 'wdg_bulk',
      fields: { name: `Клиент ${i + k}`, phone: '+79001234567' },
      utm: {},
      consentHash: 'h',
      consentAt: at,
      createdAt: at + i + k,
    }));
    await t.store.db.insert(leads).values(rows);
  }
}

describe('lead retention in batches', () => {
  it('answers a request that arrives during a destruction of thousands of leads before the destruction ends', async () => {
    await oldLeads(LEADS);
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
    try {
      const events: string[] = [];
      const destruction = destroyExpiredLeads(t.store, t.clock.now() + 366 * DAY).then((n) => {
        events.push('destruction done');
        return n;
      });
      const answered = fetch(url).then((res) => events.push(`answered ${res.status}`));
      await Promise.all([destruction, answered]);
      expect(events).toEqual(['answered 200', 'destruction done']);
      expect(await destruction).toBe(LEADS);
      // One destruction record per batch (one account), none of them with the data.
      const records = await t.store.db.select().from(t.store.tables.destructionRecords);
      expect(records.reduce((sum, r) => sum + r.count, 0)).toBe(LEADS);
      expect(records.length).toBeGreaterThanOrEqual(LEADS / RETENTION_BATCH);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }, 120_000);
});
