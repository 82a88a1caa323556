// Group commit on both engines: writes of one turn share a transaction, each caller is answered
// with its own result once that transaction has committed, and a failing write fails alone.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { createGroupCommit } from './group-commit.js';
import type { Db } from './store.js';

const t = appPerTest();

/** The store, counting the transactions begun through it. */
function countingStore() {
  const counted = {
    transactions: 0,
    transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      counted.transactions++;
      return t.store.transaction(fn);
    },
  };
  return counted;
}

/** One row per write in a table with a primary key: a repeated key is a real constraint failure. */
const insertText = async (tx: Db, hash: string) => {
  await tx.insert(tx.tables.consentTexts).values({ hash, text: `text of ${hash}`, firstShownAt: 1 });
  return `stored ${hash}`;
};

const storedHashes = async () => (await t.store.db.select({ hash: t.store.tables.consentTexts.hash }).from(t.store.tables.consentTexts)).map((r) => r.hash).sort();

const isStored = async (hash: string) => (await t.store.db.select().from(t.store.tables.consentTexts).where(eq(t.store.tables.consentTexts.hash, hash))).length === 1;

describe('group commit', () => {
  it('writes made in the same turn share one transaction; each caller gets its own result, after the commit', async () => {
    const store = countingStore();
    const write = createGroupCommit(store, insertText);
    const hashes = ['a', 'b', 'c', 'd', 'e'];
    // Read from outside the transaction the moment each caller is answered: the row must be there.
    const answers = await Promise.all(hashes.map((h) => write(h).then(async (result) => ({ result, visible: await isStored(h) }))));
    expect(answers).toEqual(hashes.map((h) => ({ result: `stored ${h}`, visible: true })));
    expect(store.transactions).toBe(1);
    expect(await storedHashes()).toEqual(hashes);
  });

  it('a failing write fails alone: the group is rolled back and each of its writes runs again by itself', async () => {
    await t.store.transaction((tx) => insertText(tx, 'taken'));
    const store = countingStore();
    const write = createGroupCommit(store, insertText);
    const results = await Promise.allSettled(['a', 'b', 'taken', 'c'].map((h) => write(h)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => r.value)).toEqual(['stored a', 'stored b', 'stored c']);
    // The group's transaction, then one per write.
    expect(store.transactions).toBe(5);
    expect(await storedHashes()).toEqual(['a', 'b', 'c', 'taken']);
  });

  it('a group takes at most maxGroup writes; the rest follow in the next transactions', async () => {
    const store = countingStore();
    const write = createGroupCommit(store, insertText, { maxGroup: 3 });
    const hashes = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(await Promise.all(hashes.map((h) => write(h)))).toEqual(hashes.map((h) => `stored ${h}`));
    expect(store.transactions).toBe(3);
    expect(await storedHashes()).toEqual(hashes);
  });

  it('writes of different turns do not wait for each other’s company', async () => {
    const store = countingStore();
    const write = createGroupCommit(store, insertText);
    expect(await write('a')).toBe('stored a');
    expect(await write('b')).toBe('stored b');
    expect(store.transactions).toBe(2);
  });
});
