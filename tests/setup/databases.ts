// vitest globalSetup: migrate once per run into template databases that every test app copies
// (server/src/testing/test-store.ts) — a SQLite file, and on the postgres project a PostgreSQL
// database created afresh for this run, with a few copies of it made ahead, side by side, for the
// tests to take and give back (server/src/testing/pg-test-databases.ts); all dropped after it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../server/src/platform/db/migrate.js';
import { openPgStore } from '../../server/src/platform/db/pg-store.js';
import { openSqliteStore } from '../../server/src/platform/db/sqlite-store.js';
import { databaseUrl, describeTemplate, dropRunDatabases, makeFreeDatabases, type PgTestDatabases } from '../../server/src/testing/pg-test-databases.js';

/** Copies made ahead: two test files at a time, an app each, and the next test's while one is given back. */
const COPIES_AHEAD = 4;

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'widgetry-template-'));
  const sqliteTemplate = join(dir, 'template.db');
  const sqlite = openSqliteStore(sqliteTemplate);
  await migrate(sqlite);
  // One self-contained file to copy: the WAL folded in, the journal back to rollback mode.
  sqlite.connection.pragma('journal_mode = DELETE');
  await sqlite.close();
  project.provide('sqliteTemplate', sqliteTemplate);

  let dropTemplate = async () => {};
  const serverUrl = project.config.env?.TEST_DATABASE_URL;
  if (project.config.env?.TEST_DIALECT === 'postgres' && serverUrl) {
    const template = `widgetry_tpl_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const store = await openPgStore(databaseUrl(serverUrl, template), { poolSize: 1 });
    await migrate(store);
    // A template database must have no open connections while others are created from it.
    await store.close();
    const databases: PgTestDatabases = { serverUrl, template, shape: await describeTemplate(databaseUrl(serverUrl, template)), dir: join(dir, 'postgres') };
    await makeFreeDatabases(databases, COPIES_AHEAD);
    project.provide('postgresUrl', serverUrl);
    project.provide('postgresTemplate', template);
    project.provide('postgresDatabases', databases);
    dropTemplate = async () => {
      await dropRunDatabases(serverUrl, template);
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }

  return async () => {
    await dropTemplate();
    rmSync(dir, { recursive: true, force: true });
  };
}
