import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { startCheckpointer } from './checkpointer.js';
import { openSqliteStore, WAL_SIZE_LIMIT_BYTES } from './sqlite-store.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('background WAL checkpoints', () => {
  it('the app connection never checkpoints; the worker copies the WAL into the database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'widgetry-ckpt-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const store = openSqliteStore(path);
    const db = store.connection;
    const checkpointer = startCheckpointer(store, createLogger('silent'), 200);
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      db.exec('create table t (x text)');
      const insert = db.prepare('insert into t values (?)');
      const before = statSync(path).size;
      // ~3 MB through the WAL; nothing on this connection copies it into the database file.
      db.transaction(() => {
        for (let i = 0; i < 3000; i++) insert.run('x'.repeat(1000));
      })();
      const deadline = Date.now() + 5000;
      while (statSync(path).size < before + 2_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(statSync(path).size).toBeGreaterThan(before + 2_000_000);
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });
});

describe('the WAL file after a backlog', () => {
  it('goes back to the size limit once the backlog is checkpointed and the next write starts the WAL over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'widgetry-ckpt-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const limit = 1 << 20;
    const store = openSqliteStore(path, { walSizeLimitBytes: limit });
    const db = store.connection;
    expect(openSqliteStore(join(dir, 'default.sqlite')).connection.pragma('journal_size_limit', { simple: true })).toBe(WAL_SIZE_LIMIT_BYTES);
    const checkpointer = startCheckpointer(store, createLogger('silent'), 50);
    const walSize = () => statSync(`${path}-wal`).size;
    try {
      db.exec('create table t (x text)');
      const insert = db.prepare('insert into t values (?)');
      // A backlog: ~10 MB in one transaction, so the WAL file grows to hold all of it.
      db.transaction(() => {
        for (let i = 0; i < 10_000; i++) insert.run('x'.repeat(1000));
      })();
      expect(walSize()).toBeGreaterThan(8 * limit);
      // The worker's checkpoint copies it all into the database file...
      const copied = statSync(path).size;
      const deadline = Date.now() + 5000;
      while (statSync(path).size < copied + 7 * limit && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // ...then a write finds the WAL fully copied and starts it over, cutting the file.
      let cut = walSize();
      for (let i = 0; i < 100 && cut > limit; i++) {
        insert.run('y');
        cut = walSize();
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(cut).toBeLessThanOrEqual(limit);
      expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: expect.any(Number) });
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });
});

describe('when the checkpoint worker cannot run', () => {
  it('the app connection takes automatic checkpoints back and the failure is logged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'widgetry-ckpt-'));
    dirs.push(dir);
    const store = openSqliteStore(join(dir, 'db.sqlite'));
    const db = store.connection;
    const lines: string[] = [];
    // The worker opens a file in a folder that does not exist: it dies at start.
    const checkpointer = startCheckpointer(
      { ...store, path: join(dir, 'missing', 'db.sqlite') },
      createLogger('info', (l) => lines.push(l)),
      50,
    );
    try {
      const deadline = Date.now() + 5000;
      while (db.pragma('wal_autocheckpoint', { simple: true }) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(lines.some((l) => l.includes('db.checkpointer_failed'))).toBe(true);
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });
});
