// The transaction context: who is inside, who is not, and that tracking is on only while a
// transaction runs (the stores' own behaviour is in store.test.ts, on both engines).
import { describe, expect, it } from 'vitest';
import { createTransactionContext } from './transaction-context.js';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('transaction context', () => {
  it('the callback and what it awaits or schedules are inside; a context started elsewhere is not', async () => {
    const ctx = createTransactionContext<{ done: boolean; name: string }>();
    const tx = { done: false, name: 'a' };
    const seen: (string | undefined)[] = [];
    const elsewhere = (async () => {
      await tick(5);
      seen.push(`elsewhere ${ctx.current()?.name}`);
    })();
    await ctx.run(tx, async () => {
      seen.push(`start ${ctx.current()?.name}`);
      await tick(10);
      seen.push(`after await ${ctx.current()?.name}`);
      await new Promise<void>((r) =>
        setTimeout(() => {
          seen.push(`timer ${ctx.current()?.name}`);
          r();
        }, 1),
      );
    });
    await elsewhere;
    expect(seen).toEqual(['start a', 'elsewhere undefined', 'after await a', 'timer a']);
  });

  it('tracking is off between transactions, and work a transaction left running reads as outside', async () => {
    const ctx = createTransactionContext<{ done: boolean }>();
    expect(ctx.tracking).toBe(false);
    const tx = { done: false };
    let leftover: Promise<unknown> = Promise.resolve();
    await ctx.run(tx, async () => {
      expect(ctx.tracking).toBe(true);
      leftover = tick(10).then(() => ctx.current());
    });
    tx.done = true;
    expect(ctx.tracking).toBe(false);
    // Leftover work fires while a second transaction runs: it is still not part of either.
    const second = { done: false };
    const inSecond = ctx.run(second, async () => {
      await tick(20);
      return ctx.current();
    });
    expect(await leftover).toBeUndefined();
    expect(await inSecond).toBe(second);
    expect(ctx.tracking).toBe(false);
  });

  it('overlapping transactions (PostgreSQL has several connections) each see their own; tracking ends with the last', async () => {
    const ctx = createTransactionContext<{ done: boolean; name: string }>();
    const a = { done: false, name: 'a' };
    const b = { done: false, name: 'b' };
    const runA = ctx.run(a, async () => {
      await tick(10);
      return ctx.current()?.name;
    });
    const runB = ctx.run(b, async () => {
      await tick(30);
      return ctx.current()?.name;
    });
    expect(await runA).toBe('a');
    expect(ctx.tracking).toBe(true);
    expect(await runB).toBe('b');
    expect(ctx.tracking).toBe(false);
  });
});
