// Group commit: writes that arrive in the same turn of the event loop share one transaction.
//
// On SQLite a commit is most of a small write's cost (it appends every page the transaction
// touched to the WAL), and the one connection runs writes one after another anyway: a burst of
// k queued lead submissions cost k commits, back to back, while every other request waited.
// Grouped, the burst costs one BEGIN/COMMIT, and pages the writes share (the table's last leaf,
// its index leaves, a daily counter row) go to the WAL once.
//
// What each caller gets is unchanged: its promise settles only after the commit that holds its
// write (or with its own error), never before. One write that fails must not fail the others:
// when the group's transaction throws, nothing of it was committed, and every write of the group
// is run again alone, as it would have been without grouping, so each caller gets its own answer.

export interface GroupCommitOptions {
  /** Writes per transaction at most; the rest go in the next one, at once. */
  maxGroup?: number;
}

/** The most writes one transaction takes: keeps the writer lock's hold to a few milliseconds. */
export const MAX_GROUP = 64;

interface Pending<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Returns `write(item)`, which runs `writeOne(tx, item)` in a transaction of `store` — shared
 * with the other writes made in the same turn of the event loop — and resolves
 * with its result once that transaction has committed.
 */
export function createGroupCommit<Tx, I, R>(
  store: { transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> },
  writeOne: (tx: Tx, item: I) => Promise<R>,
  options: GroupCommitOptions = {},
): (item: I) => Promise<R> {
  const alone = (item: I) => store.transaction((tx) => writeOne(tx, item));
  const maxGroup = options.maxGroup ?? MAX_GROUP;
  let waiting: Pending<I, R>[] = [];
  let scheduled = false;

  const flush = async () => {
    scheduled = false;
    const group = waiting.slice(0, maxGroup);
    waiting = waiting.slice(group.length);
    if (waiting.length > 0) schedule();
    if (group.length === 1) {
      const [only] = group as [Pending<I, R>];
      return alone(only.item).then(only.resolve, only.reject);
    }
    let results: R[];
    try {
      results = await store.transaction(async (tx) => {
        const out: R[] = [];
        for (const p of group) out.push(await writeOne(tx, p.item));
        return out;
      });
    } catch {
      // Rolled back whole: each write again on its own, so only the failing one fails.
      for (const p of group) await alone(p.item).then(p.resolve, p.reject);
      return;
    }
    group.forEach((p, i) => p.resolve(results[i]!));
  };
  // setImmediate: after the poll phase, so every request read in this turn has joined.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      schedule();
    });
}
