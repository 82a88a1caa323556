import { describe, expect, it } from 'vitest';
import { MAX_BACKUP_RETENTION_DAYS, loadEnv } from './env.js';

describe('env', () => {
  it('has working defaults for a fresh machine', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 8787, PUBLIC_URL: 'http://localhost:8787', DATABASE_PATH: './data/widgetry.db', BRAND_NAME: 'Widgetry', DEMO_SEED: true, BOT_FILTER: true });
    // It shows every sign-in code: off unless switched on (npm start does, for a try on this machine).
    expect(env.DEV_OUTBOX).toBe(false);
    expect(loadEnv({ DEV_OUTBOX: 'on' }).DEV_OUTBOX).toBe(true);
    expect(env.MIGRATE_ON_START).toBe(true);
    expect(env.SHUTDOWN_TIMEOUT).toBe(10);
  });

  it('follows PORT with the default public URL, so a second instance prints working links', () => {
    expect(loadEnv({ PORT: '8899' }).PUBLIC_URL).toBe('http://localhost:8899');
    expect(loadEnv({ PORT: '8899', PUBLIC_URL: 'https://w.example.ru' }).PUBLIC_URL).toBe('https://w.example.ru');
  });

  const PRODUCTION = {
    NODE_ENV: 'production',
    SMTP_URL: 'smtp://mailer:secret@smtp.example.ru:587',
    PUBLIC_URL: 'https://widgets.example.ru',
    INTEGRATIONS_KEY: 'a'.repeat(64),
    OPERATOR_EMAILS: 'ops@example.ru',
  };

  it('turns dev conveniences off in production, and leaves migrations to their own step', () => {
    const env = loadEnv(PRODUCTION);
    expect(env.DEV_OUTBOX).toBe(false);
    expect(env.DEMO_SEED).toBe(false);
    expect(env.MIGRATE_ON_START).toBe(false);
  });

  it('refuses to start production without mail, an https address, the sealing key and operators, naming each', () => {
    let message = '';
    try {
      loadEnv({ NODE_ENV: 'production' });
    } catch (err) {
      message = (err as Error).message;
    }
    for (const name of ['SMTP_URL', 'PUBLIC_URL', 'INTEGRATIONS_KEY', 'OPERATOR_EMAILS']) expect(message).toContain(`  ${name}: `);
    for (const name of ['SMTP_URL', 'PUBLIC_URL', 'INTEGRATIONS_KEY', 'OPERATOR_EMAILS'] as const) {
      const { [name]: _missing, ...rest } = PRODUCTION;
      expect(() => loadEnv(rest)).toThrowError(new RegExp(`^Invalid environment:\\n  ${name}: required in production`));
    }
    expect(() => loadEnv({ ...PRODUCTION, PUBLIC_URL: 'http://widgets.example.ru' })).toThrowError(/PUBLIC_URL: must be an https:\/\/ address in production/);
    expect(() => loadEnv({ ...PRODUCTION, OPERATOR_EMAILS: ' , ' })).toThrowError(/OPERATOR_EMAILS/);
    // The dev outbox shows every sign-in code: never in production, even when asked for.
    expect(() => loadEnv({ ...PRODUCTION, DEV_OUTBOX: 'on' })).toThrowError(/DEV_OUTBOX: never on in production/);
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
