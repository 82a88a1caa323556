// Backups and restores on this project's engine (SQLite: the online backup API; PostgreSQL:
// pg_dump / pg_restore): a backup taken while the app serves, a lead deleted afterwards, and the
// restore — the deleted lead stays gone, what fell due for destruction since goes too, the rest
// comes back.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyRetention, JOBS } from '../../jobs.js';
import { createSite, createTestApp, formWidgetInput, signIn, type Session, type TestApp } from '../../testing/harness.js';
import { DAY, HOUR } from '../lib/clock.js';
import { openStore } from '../db/open-store.js';
import type { PgStore } from '../db/pg-store.js';
import type { SqliteStore } from '../db/sqlite-store.js';
import { backupFileName, listBackups, listSavedJournals, pruneBackups, savedJournalFileName } from './files.js';
import { restoreBackup } from './restore.js';
import { takeBackup, type BackupConfig } from './take.js';

let t: TestApp;
let config: BackupConfig;
beforeEach(async () => {
  t = await createTestApp({ env: { LEAD_RATE_PER_IP_PER_MINUTE: '1000', LEAD_RATE_PER_WIDGET_PER_MINUTE: '1000' } });
  const store = t.store as SqliteStore | PgStore;
  config = {
    DATABASE_PATH: store.dialect === 'sqlite' ? store.path : 'unused',
    DATABASE_URL: store.dialect === 'postgres' ? (store.pool.options.connectionString as string) : undefined,
    BACKUP_DIR: join(t.dir, 'backups'),
    BACKUP_RETENTION_DAYS: 7,
  };
});
afterEach(async () => t.cleanup());

async function formOf(s: Session) {
  const site = await createSite(s);
  const w = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
  const ids = async () => new Set((await t.store.db.select({ id: t.store.tables.leads.id }).from(t.store.tables.leads)).map((l) => l.id));
  return async (name: string) => {
    const before = await ids();
    const res = await t.app.request('/v1/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru' },
      body: JSON.stringify({ site: site.siteKey, widget: w.id, fields: { name, phone: '+79001112233' }, consent: true, elapsedMs: 3000 }),
    });
    expect(res.status).toBe(201);
    return [...(await ids())].find((id) => !before.has(id))!;
  };
}

/** The restored database, read through a store of its own (as the server would after the restore). */
async function leadNamesAfterRestore(): Promise<string[]> {
  const store = await openStore(config);
  try {
    return (await store.db.select({ fields: store.tables.leads.fields }).from(store.tables.leads)).map((l) => String(l.fields.name)).sort();
  } finally {
    await store.close();
  }
}

/**
 * The server is stopped for a restore. SQLite: its connection closes (cleanup's second close is
 * a no-op). PostgreSQL: the test's pool stays for cleanup to end; its idle connections hold no locks.
 */
const stopServer = async () => {
  if (!config.DATABASE_URL) await t.store.close();
};

const retention = (store: Parameters<typeof applyRetention>[0], now: number) => applyRetention(store, now, t.deps.logger);

describe('backup and restore', () => {
  it('backs up while serving; after a restore a lead deleted since stays deleted, and retention catches up', async () => {
    let s = await signIn(t, 'owner@example.ru');
    const submit = await formOf(s);
    const t0 = t.clock.now();
    const deleted = await submit('Удалённая Потом');
    await submit('Старая Заявка');
    t.clock.advance(200 * DAY);
    await submit('Свежая Заявка');
    s = await signIn(t, 'owner@example.ru');

    // Online: requests are answered while the backup runs.
    const [backup, listed] = await Promise.all([takeBackup(config, t.clock.now()), s.request('GET', '/api/leads')]);
    expect(listed.status).toBe(200);
    expect(backup.path).toBe(join(config.BACKUP_DIR, backupFileName(t.clock.now(), config.DATABASE_URL ? 'pgdump' : 'sqlite')));
    expect(statSync(backup.path).mode & 0o777).toBe(0o600);

    expect((await s.request('DELETE', `/api/leads/${deleted}`)).status).toBe(204);
    await stopServer();

    // Restored 166 days later: the old lead is past its year by then.
    const result = await restoreBackup(config, backup.path, t0 + 366 * DAY, retention, { olderThanJournal: true });
    expect(result.erased).toBe(1);
    expect(result.uncoveredDays).toBe(166 - 8);
    expect(await leadNamesAfterRestore()).toEqual(['Свежая Заявка']);
  });

  it('with the database lost too, the journals of newer backups keep deletions deleted', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const submit = await formOf(s);
    const gone = await submit('Удалена Между Бэкапами');
    await submit('Остаётся');
    const first = await takeBackup(config, t.clock.now());
    expect((await s.request('DELETE', `/api/leads/${gone}`)).status).toBe(204);
    t.clock.advance(HOUR);
    const second = await takeBackup(config, t.clock.now());
    // The newest backup is unusable (say, corrupt) and the database is lost: only its journal helps.
    if (config.DATABASE_URL) await t.store.db.delete(t.store.tables.erasures);
    await stopServer();
    if (!config.DATABASE_URL) rmSync(config.DATABASE_PATH);
    expect(listBackups(config.BACKUP_DIR).map((b) => b.path)).toEqual([first.path, second.path]);

    await restoreBackup(config, first.path, t.clock.now(), retention);
    expect(await leadNamesAfterRestore()).toEqual(['Остаётся']);
  });

  it('refuses a backup that cannot be read in full before touching the database or its journal', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const submit = await formOf(s);
    const deleted = await submit('Удалена После Бэкапа');
    await submit('Остаётся');
    const backup = await takeBackup(config, t.clock.now());
    expect((await s.request('DELETE', `/api/leads/${deleted}`)).status).toBe(204);
    t.clock.advance(HOUR);
    // A copy cut short (a transfer that broke off), named as a backup of its own.
    const cut = join(config.BACKUP_DIR, backupFileName(t.clock.now(), config.DATABASE_URL ? 'pgdump' : 'sqlite'));
    writeFileSync(cut, readFileSync(backup.path).subarray(0, Math.floor(statSync(backup.path).size / 2)));
    await stopServer();

    await expect(restoreBackup(config, cut, t.clock.now(), retention)).rejects.toThrow('cannot be read in full');
    expect(await leadNamesAfterRestore()).toEqual(['Остаётся']);
    // The journal is still there: restoring the good backup keeps the deletion.
    rmSync(cut);
    await restoreBackup(config, backup.path, t.clock.now(), retention);
    expect(await leadNamesAfterRestore()).toEqual(['Остаётся']);
  });

  it('refuses a backup older than the journal reaches back unless asked, and says how many days are uncovered', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const submit = await formOf(s);
    await submit('Была В Бэкапе');
    const backup = await takeBackup(config, t.clock.now());
    await submit('Новее Бэкапа');
    await stopServer();
    // The journal reaches back 7 + 1 days; the backup is 10 days old.
    const now = t.clock.now() + 10 * DAY;
    await expect(restoreBackup(config, backup.path, now, retention)).rejects.toThrow(/taken 10 days ago.*up to 2 days.*--older-than-journal; nothing was changed/);
    expect(await leadNamesAfterRestore()).toEqual(['Была В Бэкапе', 'Новее Бэкапа']);
    // 8 days is within the reach.
    expect((await restoreBackup(config, backup.path, t.clock.now() + 8 * DAY, retention)).uncoveredDays).toBe(0);
    expect((await restoreBackup(config, backup.path, now, retention, { olderThanJournal: true })).uncoveredDays).toBe(2);
    expect(await leadNamesAfterRestore()).toEqual(['Была В Бэкапе']);
  });

  it('names a newer backup whose journal cannot be read, and changes nothing', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const submit = await formOf(s);
    await submit('Остаётся');
    const backup = await takeBackup(config, t.clock.now());
    t.clock.advance(HOUR);
    const broken = join(config.BACKUP_DIR, backupFileName(t.clock.now(), config.DATABASE_URL ? 'pgdump' : 'sqlite'));
    writeFileSync(broken, 'not a backup at all, not even its first page '.repeat(200));
    await submit('Новее Бэкапа');
    await stopServer();
    await expect(restoreBackup(config, backup.path, t.clock.now(), retention)).rejects.toThrow(`${broken}, a backup newer than`);
    expect(await leadNamesAfterRestore()).toEqual(['Новее Бэкапа', 'Остаётся']);
    rmSync(broken);
    await restoreBackup(config, backup.path, t.clock.now(), retention);
    expect(await leadNamesAfterRestore()).toEqual(['Остаётся']);
  });

  it("saves the replaced database's journal before dropping it: a restore that fails afterwards loses no erasure", async () => {
    const s = await signIn(t, 'owner@example.ru');
    const submit = await formOf(s);
    const deleted = await submit('Удалена После Бэкапа');
    await submit('Остаётся');
    const backup = await takeBackup(config, t.clock.now());
    expect((await s.request('DELETE', `/api/leads/${deleted}`)).status).toBe(204);
    t.clock.advance(HOUR);
    await stopServer();
    const restoreAt = t.clock.now();

    if (config.DATABASE_URL) {
      // pg_restore fails once the schemas are dropped (a full disk, a killed process).
      const bin = join(t.dir, 'bin');
      mkdirSync(bin);
      const real = execFileSync('sh', ['-c', 'command -v pg_restore'], { encoding: 'utf8' }).trim();
      writeFileSync(join(bin, 'pg_restore'), `#!/bin/sh\ncase "$*" in *--dbname=*) echo 'could not write: No space left on device' >&2; exit 1;; esac\nexec ${real} "$@"\n`);
      chmodSync(join(bin, 'pg_restore'), 0o755);
      const path = process.env.PATH;
      process.env.PATH = `${bin}:${path}`;
      try {
        await expect(restoreBackup(config, backup.path, restoreAt, retention)).rejects.toThrow('No space left');
      } finally {
        process.env.PATH = path;
      }
    } else {
      // The restored database is lost after the restore (the SQLite restore has no step left to
      // fail once the file is removed): its own journal goes with it.
      await restoreBackup(config, backup.path, restoreAt, retention);
      for (const f of [config.DATABASE_PATH, `${config.DATABASE_PATH}-wal`, `${config.DATABASE_PATH}-shm`]) rmSync(f, { force: true });
    }
    const [saved] = listSavedJournals(config.BACKUP_DIR);
    expect(saved!.path).toBe(join(config.BACKUP_DIR, savedJournalFileName(restoreAt)));
    expect(statSync(saved!.path).mode & 0o777).toBe(0o600);

    // Only the saved file still records the deletion.
    await restoreBackup(config, backup.path, restoreAt + 1, retention);
    expect(await leadNamesAfterRestore()).toEqual(['Остаётся']);
    // Kept, and removed with the backups of its age.
    expect(pruneBackups(config.BACKUP_DIR, restoreAt + 7 * DAY, 7)).toEqual([backup.path]);
    expect(pruneBackups(config.BACKUP_DIR, restoreAt + 7 * DAY + 2, 7)).toEqual([saved!.path]);
  });

  it('removes backups past the retention (the backup_retention job) and journal entries no backup needs', async () => {
    mkdirSync(config.BACKUP_DIR, { recursive: true });
    const now = t.clock.now();
    const kind = config.DATABASE_URL ? 'pgdump' : 'sqlite';
    const ages = [8 * DAY, 7 * DAY + 1, 7 * DAY - 1, HOUR];
    for (const age of ages) writeFileSync(join(config.BACKUP_DIR, backupFileName(now - age, kind)), 'x');
    writeFileSync(join(config.BACKUP_DIR, 'notes.txt'), 'kept: not a backup');
    const { erasures } = t.store.tables;
    await t.store.db.insert(erasures).values([
      { id: 'ers_old', kind: 'lead', subjectId: 'lead_old', basis: 'licensee_request', erasedAt: now - 8 * DAY - 1 },
      { id: 'ers_new', kind: 'lead', subjectId: 'lead_new', basis: 'licensee_request', erasedAt: now - 7 * DAY },
    ]);
    await JOBS.find((j) => j.name === 'backup_retention')!.run({ ...t.deps, env: { ...t.deps.env, ...config } });
    expect(listBackups(config.BACKUP_DIR).map((b) => now - b.takenAt)).toEqual([7 * DAY - 1, HOUR]);
    expect(existsSync(join(config.BACKUP_DIR, 'notes.txt'))).toBe(true);
    expect((await t.store.db.select({ id: erasures.id }).from(erasures)).map((e) => e.id)).toEqual(['ers_new']);
    expect(pruneBackups(join(t.dir, 'no-such-folder'), now, 7)).toEqual([]);
  });
});
