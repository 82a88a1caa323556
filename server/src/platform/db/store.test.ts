// The Store's guarantees, on whichever engine this vitest project runs (SQLite or PostgreSQL).
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testDialect, type TestStore } from '../../testing/test-store.js';
import * as sqliteExports from './schema/sqlite.js';
import type { SqliteStore } from './sqlite-store.js';
import { pgTables } from './tables.js';

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterAll(async () => t.cleanup());

const account = (id: string) => ({ id, email: `${id}@example.ru`, periodAnchorAt: 1, consentAt: 1, consentVersion: 'v1', createdAt: 1 });

describe(`store (${testDialect()})`, () => {
  it('round-trips booleans, JSON, large integers and nulls the same way', async () => {
    const { accounts, sites } = t.store.tables;
    await t.store.db.insert(accounts).values(account('acc_rt'));
    const ms = Date.UTC(2030, 0, 1);
    await t.store.db.insert(sites).values({ id: 'site_rt', accountId: 'acc_rt', name: 'S', siteKey: 'k_rt', domains: ['a.ru', 'б.рф'], createdAt: ms, updatedAt: ms, dataLayer: true });
    const [site] = await t.store.db.select().from(sites).where(eq(sites.id, 'site_rt'));
    expect(site).toMatchObject({ domains: ['a.ru', 'б.рф'], createdAt: ms, dataLayer: true, metrikaCounterId: null, timezone: 'Europe/Moscow' });
    const [count] = await t.store.db.rows<{ n: number }>(sql`select count(*) as n from ${sites} where ${sites.dataLayer} = ${true}`);
    expect(count!.n).toBe(1);
  });

  it('a conditional update under 200 concurrent callers stops exactly at its cap', async () => {
    const { accounts, impressionPeriods } = t.store.tables;
    await t.store.db.insert(accounts).values(account('acc_cap'));
    await t.store.db.insert(impressionPeriods).values({ accountId: 'acc_cap', periodStart: 0 });
    const cap = 137;
    const take = () =>
      t.store.db
        .update(impressionPeriods)
        .set({ impressions: sql`${impressionPeriods.impressions} + 1` })
        .where(and(eq(impressionPeriods.accountId, 'acc_cap'), sql`${impressionPeriods.impressions} + 1 <= ${cap}`))
        .returning({ n: impressionPeriods.impressions });
    const results = await Promise.all(Array.from({ length: 200 }, take));
    expect(results.filter((r) => r.length === 1)).toHaveLength(cap);
    const [row] = await t.store.db.select().from(impressionPeriods).where(eq(impressionPeriods.accountId, 'acc_cap'));
    expect(row!.impressions).toBe(cap);
  });

  it('a transaction that throws leaves nothing behind', async () => {
    const { accounts } = t.store.tables;
    await expect(
      t.store.transaction(async (tx) => {
        await tx.insert(accounts).values(account('acc_rollback'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await t.store.db.select().from(accounts).where(eq(accounts.id, 'acc_rollback'))).toEqual([]);
  });

  it('read-then-write transactions under lock() do not lose updates', async () => {
    const { accounts, impressionPeriods } = t.store.tables;
    await t.store.db.insert(accounts).values(account('acc_lock'));
    await t.store.db.insert(impressionPeriods).values({ accountId: 'acc_lock', periodStart: 0 });
    const bump = () =>
      t.store.transaction(async (tx) => {
        await t.store.lock(tx, 'test:acc_lock');
        const [row] = await tx.select().from(impressionPeriods).where(eq(impressionPeriods.accountId, 'acc_lock'));
        // Another transaction would read the same value here without the lock.
        await new Promise((r) => setTimeout(r, 1));
        await tx
          .update(impressionPeriods)
          .set({ impressions: row!.impressions + 1 })
          .where(eq(impressionPeriods.accountId, 'acc_lock'));
      });
    await Promise.all(Array.from({ length: 20 }, bump));
    const [row] = await t.store.db.select().from(impressionPeriods).where(eq(impressionPeriods.accountId, 'acc_lock'));
    expect(row!.impressions).toBe(20);
  });

  it('statements issued inside a transaction take part in it, whichever handle they use', async () => {
    const { accounts } = t.store.tables;
    // A statement prepared once on store.db, as the hot paths do.
    const byId = t.store.db
      .select()
      .from(accounts)
      .where(eq(accounts.id, sql.placeholder('id')))
      .prepare('store_test_account_by_id');
    const writeThroughStore = () => t.store.db.insert(accounts).values(account('acc_ambient'));
    await expect(
      t.store.transaction(async () => {
        await writeThroughStore();
        expect(await byId.execute({ id: 'acc_ambient' })).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await byId.execute({ id: 'acc_ambient' })).toEqual([]);
  });

  it('statements from elsewhere see a transaction only once it commits', async () => {
    const { accounts } = t.store.tables;
    const seen: string[] = [];
    const tx = t.store.transaction(async (txDb) => {
      await txDb.insert(accounts).values(account('acc_gate'));
      await new Promise((r) => setTimeout(r, 20));
      seen.push('commit');
    });
    await new Promise((r) => setTimeout(r, 5));
    const rows = await t.store.db.select().from(accounts).where(eq(accounts.id, 'acc_gate'));
    // SQLite: the outside read waited for the commit; PostgreSQL: it ran at once and saw nothing yet.
    seen.push(`outside saw ${rows.length}`);
    await tx;
    expect(seen).toEqual(testDialect() === 'sqlite' ? ['commit', 'outside saw 1'] : ['outside saw 0', 'commit']);
  });

  it('work a transaction left running stays outside the next one, even when it fires while that one is open', async () => {
    const { accounts } = t.store.tables;
    let leftover: Promise<unknown> = Promise.resolve();
    await t.store.transaction(async (txDb) => {
      await txDb.insert(accounts).values(account('acc_first'));
      // Not awaited: it fires after this transaction has committed, while the next is open.
      leftover = new Promise((r) => setTimeout(r, 20)).then(() => t.store.db.insert(accounts).values(account('acc_leftover')));
    });
    await expect(
      t.store.transaction(async (txDb) => {
        await txDb.insert(accounts).values(account('acc_second'));
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('second rolls back');
      }),
    ).rejects.toThrow('second rolls back');
    await leftover;
    const ids = (await t.store.db.select({ id: accounts.id }).from(accounts)).map((r) => r.id).filter((id) => ['acc_first', 'acc_leftover', 'acc_second'].includes(id));
    expect(ids.sort()).toEqual(['acc_first', 'acc_leftover']);
  });

  it('a transaction opened inside another joins it', async () => {
    const { accounts } = t.store.tables;
    await expect(
      t.store.transaction(async () => {
        await t.store.transaction(async (inner) => inner.insert(accounts).values(account('acc_nested')));
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await t.store.db.select().from(accounts).where(eq(accounts.id, 'acc_nested'))).toEqual([]);
  });

  it('a relaxed transaction commits and rolls back like any other; on PostgreSQL it alone skips the wait for the disk', async () => {
    const { accounts } = t.store.tables;
    const relaxed = { durability: 'relaxed' } as const;
    await t.store.transaction(async (tx) => tx.insert(accounts).values(account('acc_relaxed')), relaxed);
    await expect(
      t.store.transaction(async (tx) => {
        await tx.insert(accounts).values(account('acc_relaxed_rollback'));
        throw new Error('roll back');
      }, relaxed),
    ).rejects.toThrow('roll back');
    expect((await t.store.db.select({ id: accounts.id }).from(accounts)).map((a) => a.id)).toContain('acc_relaxed');
    expect(await t.store.db.select().from(accounts).where(eq(accounts.id, 'acc_relaxed_rollback'))).toEqual([]);
    if (testDialect() !== 'postgres') return;
    const setting = async () => (await t.store.db.rows<{ synchronous_commit: string }>(sql`show synchronous_commit`))[0]!.synchronous_commit;
    expect(await t.store.transaction(setting, relaxed)).toBe('off');
    expect(await t.store.transaction(setting)).toBe('on');
    // SET LOCAL: the pooled connection goes back to the server's setting after the commit.
    expect(await Promise.all(Array.from({ length: 8 }, setting))).toEqual(Array(8).fill('on'));
  });

  it('gives back its cache and keeps working; SQLite caches at most 8 MB of pages, not the 16 MB better-sqlite3 builds in', async () => {
    const { accounts } = t.store.tables;
    await t.store.db.insert(accounts).values(account('acc_release'));
    await t.store.releaseMemory();
    expect(await t.store.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, 'acc_release'))).toEqual([{ id: 'acc_release' }]);
    if (t.store.dialect === 'sqlite') expect((t.store as SqliteStore).connection.pragma('cache_size', { simple: true })).toBe(-8000);
  });

  it('gives back its cache only once a transaction in progress has ended, as any statement from outside it waits', async () => {
    const { accounts } = t.store.tables;
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const tx = t.store.transaction(async (db) => {
      await db.insert(accounts).values(account('acc_release_tx'));
      await held;
    });
    let released = false;
    const release = t.store.releaseMemory().then(() => (released = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // PostgreSQL has nothing to release and no queue: it answers at once.
    expect(released).toBe(t.store.dialect !== 'sqlite');
    finish();
    await tx;
    await release;
    expect(released).toBe(true);
  });

  it('the SQLite twins file names every table of the schema', () => {
    expect(Object.keys(sqliteExports).sort()).toEqual(Object.keys(pgTables).sort());
  });
});
