import { describe, expect, it } from 'vitest';
import { MAX_BACKUP_RETENTION_DAYS, loadEnv } from './env.js';

describe('env', () => {
  it('has working defaults for a fresh machine', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 8787, PUBLIC_URL: 'http://localhost:8787', DATABASE_PATH: './data/widgetry.db', BRAND_NAME: 'Widgetry', DEV_OUTBOX: true, DEMO_SEED: true, BOT_FILTER: true });
  });

  it('follows PORT with the default public URL, so a second instance prints working links', () => {
    expect(loadEnv({ PORT: '8899' }).PUBLIC_URL).toBe('http://localhost:8899');
    expect(loadEnv({ PORT: '8899', PUBLIC_URL: 'https://w.example.ru' }).PUBLIC_URL).toBe('https://w.example.ru');
  });

  it('turns dev conveniences off in production', () => {
    const env = loadEnv({ NODE_ENV: 'production' });
    expect(env.DEV_OUTBOX).toBe(false);
    expect(env.DEMO_SEED).toBe(false);
  });

  it('fails fast with a readable message', () => {
    expect(() => loadEnv({ PORT: 'eighty', PUBLIC_URL: 'nope' })).toThrowError(/PORT[\s\S]*PUBLIC_URL|PUBLIC_URL[\s\S]*PORT/);
    expect(() => loadEnv({ BOT_FILTER: 'maybe' })).toThrowError(/BOT_FILTER/);
  });

  it('runs on the SQLite file unless DATABASE_URL names a PostgreSQL server', () => {
    const local = loadEnv({});
    expect(local.DATABASE_URL).toBeUndefined();
    expect(local.DATABASE_POOL_SIZE).toBe(10);
    expect(loadEnv({ DATABASE_URL: 'postgres://app:secret@db.internal:5432/widgetry', DATABASE_POOL_SIZE: '4' })).toMatchObject({
      DATABASE_URL: 'postgres://app:secret@db.internal:5432/widgetry',
      DATABASE_POOL_SIZE: 4,
    });
    expect(loadEnv({ DATABASE_URL: 'postgresql://db.internal/widgetry' }).DATABASE_URL).toBe('postgresql://db.internal/widgetry');
    expect(() => loadEnv({ DATABASE_URL: 'mysql://db.internal/widgetry' })).toThrowError(/DATABASE_URL/);
    expect(() => loadEnv({ DATABASE_POOL_SIZE: '0' })).toThrowError(/DATABASE_POOL_SIZE/);
  });

  it('parses lists and trims the public URL', () => {
    const env = loadEnv({ OPERATOR_EMAILS: ' Ops@X.ru, b@y.ru ,', PUBLIC_URL: 'https://w.example.ru/' });
    expect(env.OPERATOR_EMAILS).toEqual(['ops@x.ru', 'b@y.ru']);
    expect(env.PUBLIC_URL).toBe('https://w.example.ru');
  });

  it('keeps backups 7 days by default and refuses a retention that would keep destroyed leads in backups past the legal bound', () => {
    expect(loadEnv({})).toMatchObject({ BACKUP_DIR: './data/backups', BACKUP_RETENTION_DAYS: 7 });
    expect(loadEnv({ BACKUP_RETENTION_DAYS: String(MAX_BACKUP_RETENTION_DAYS) }).BACKUP_RETENTION_DAYS).toBe(30);
    expect(() => loadEnv({ BACKUP_RETENTION_DAYS: '31' })).toThrowError(/BACKUP_RETENTION_DAYS: at most 30/);
    expect(() => loadEnv({ BACKUP_RETENTION_DAYS: '0' })).toThrowError(/BACKUP_RETENTION_DAYS/);
  });
});
