// The production start path, as deploy/Dockerfile and deploy/widgetry.service run it: the build
// made once (`npm run build`, which npm test has done), `npm run migrate` as its own step, then the
// built server — which builds nothing, migrates nothing, and refuses to start without what
// production needs or on a database that lacks a migration.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './support/platform.js';
import { ROOT, run, waitFor } from './support/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'widgetry-prod-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BUILT = ['dist/server/index.js', 'dist/server/migrate.js', 'dist/public/loader.js', 'dist/dashboard/index.html'];
const builtAt = () => BUILT.map((f) => statSync(join(ROOT, f)).mtimeMs);

async function productionEnv(): Promise<Record<string, string>> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    PUBLIC_URL: 'https://widgets.example.test',
    DATABASE_PATH: join(dir, 'widgetry.db'),
    // Nothing in this test sends mail: a port with nobody behind it.
    SMTP_URL: 'smtp://127.0.0.1:9',
    INTEGRATIONS_KEY: randomBytes(32).toString('base64'),
    OPERATOR_EMAILS: 'ops@widgets.example.test',
  };
}

describe('production start', () => {
  it('the deploy files run the commands tested here', () => {
    const unit = readFileSync(join(ROOT, 'deploy/widgetry.service'), 'utf8');
    expect(unit).toMatch(/^ExecStartPre=\/usr\/bin\/npm run migrate$/m);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node dist\/server\/index\.js$/m);
    expect(unit).toMatch(/^Environment=NODE_ENV=production$/m);
    const dockerfile = readFileSync(join(ROOT, 'deploy/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/server\/index\.js"\]$/m);
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production$/m);
    expect(dockerfile).toMatch(/^USER /m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\/healthz/m);
    // Both start the server on jemalloc with the same settings (README "Memory at rest").
    const conf = /MALLOC_CONF=(\S+)/;
    expect(unit).toMatch(/^Environment=LD_PRELOAD=\S+\/libjemalloc\.so\.2$/m);
    expect(dockerfile).toMatch(/^ENV LD_PRELOAD=\S+\/libjemalloc\.so\.2 /m);
    expect(conf.exec(dockerfile)?.[1]).toBe(conf.exec(unit)?.[1]);
  });

  it('refuses to start without what production needs, naming each', async () => {
    const p = run(process.execPath, ['dist/server/index.js'], { NODE_ENV: 'production', DATABASE_PATH: join(dir, 'never.db') });
    const { code } = await p.exited;
    expect(code).not.toBe(0);
    for (const name of ['SMTP_URL', 'PUBLIC_URL', 'INTEGRATIONS_KEY', 'OPERATOR_EMAILS']) expect(p.output()).toContain(name);
  });

  it('migrates as its own step, then the built server starts without building and answers its probes', async () => {
    const env = await productionEnv();
    const before = builtAt();
    const url = `http://127.0.0.1:${env.PORT}`;

    // Before the migration: the server does not start on a database without the schema.
    const early = run(process.execPath, ['dist/server/index.js'], env);
    expect((await early.exited).code).toBe(1);
    expect(early.output()).toContain('npm run migrate');

    const migrate = run('npm', ['run', 'migrate'], env);
    expect((await migrate.exited).code, migrate.output()).toBe(0);
    expect(migrate.output()).toContain('Migrations applied');

    const server = run('npm', ['run', 'serve'], env);
    try {
      await waitFor(server, `${url}/healthz`);
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
      await waitFor(server, `${url}/readyz`);
      const ready = (await (await fetch(`${url}/readyz`)).json()) as { checks: { name: string; ok: boolean }[] };
      expect(ready.checks.map((c) => c.name).sort()).toEqual(['database', 'deliveries', 'migrations', 'scheduler']);
      // The dev outbox does not exist in production; metrics answer this machine (no token set).
      expect((await fetch(`${url}/dev/outbox.json`)).status).toBe(404);
      expect((await fetch(`${url}/metrics`)).status).toBe(200);
      expect((await fetch(`${url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(403);
      // A proxy's sane X-Request-Id is kept (read from Node's own request on a real server); an
      // insane one is replaced by our own id.
      expect((await fetch(`${url}/api/tariffs`, { headers: { 'x-request-id': 'proxy-req-42' } })).status).toBe(200);
      expect((await fetch(`${url}/api/tariffs`, { headers: { 'x-request-id': 'bad id with spaces' } })).status).toBe(200);
      // One JSON log line per request, by route template (stdout is written asynchronously: poll).
      const requestLines = () => server.logLines().filter((l) => l.msg === 'request');
      await expect.poll(() => requestLines().filter((l) => l.route === '/api/tariffs').length).toBe(2);
      expect(requestLines().find((l) => l.route === '/dev/outbox.json')).toMatchObject({ method: 'GET', status: 404, requestId: expect.any(String), ms: expect.any(Number) });
      const [kept, replaced] = requestLines().filter((l) => l.route === '/api/tariffs');
      expect(kept).toMatchObject({ requestId: 'proxy-req-42', status: 200 });
      expect(replaced!.requestId).toMatch(/^[0-9a-z]{12}$/);
    } finally {
      server.kill('SIGTERM');
      await server.exited;
    }
    expect(builtAt()).toEqual(before);
  });
});
