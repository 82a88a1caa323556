// Logs under offer 000 §3.5: what is written per message and per connection, destruction on a
// moved clock (payloads after 6 months, metadata after 3 years, also for deleted projects and
// accounts), and every operator look at them journaled with its reason.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../jobs.js';
import { DAY } from '../platform/lib/clock.js';
import { signIn } from '../testing/harness.js';
import { addCalendarMonths } from '../platform/tariffs/realtime-policy.js';
import { destroyExpiredRealtimeLogs } from './retention.js';
import { pusherServer, rawClient, signedInWithProject, startRealtimeApp, type CreatedProject, type RealtimeTestApp } from '../testing/realtime.js';

let app: RealtimeTestApp;
let project: CreatedProject;
let accountId: string;
let start: number;

beforeAll(async () => {
  app = await startRealtimeApp({ env: { OPERATOR_EMAILS: 'ops@widgetry.test' } });
  const made = await signedInWithProject(app, 'logged@example.ru');
  project = made.project;
  accountId = made.s.accountId;
  start = app.t.clock.now();
  const c = rawClient(app, project.key, 'protocol=7', { 'user-agent': 'TestDevice/1.0', 'x-forwarded-for': '203.0.113.7' });
  await c.next('pusher:connection_established');
  await pusherServer(app, project).trigger(['orders', 'audit'], 'created', { orderId: 42 });
  c.ws.close();
  await c.closed;
  await new Promise((r) => setTimeout(r, 20));
  await app.realtime.settled();
});
afterAll(() => app.close());

const messages = () => app.t.store.db.select().from(app.t.store.tables.realtimeMessageLogs).where(eq(app.t.store.tables.realtimeMessageLogs.projectId, project.id));
const connections = () => app.t.store.db.select().from(app.t.store.tables.realtimeConnectionLogs).where(eq(app.t.store.tables.realtimeConnectionLogs.projectId, project.id));

describe('what is logged', () => {
  it('one row per accepted message: metadata and the payload', async () => {
    expect(await messages()).toEqual([
      expect.objectContaining({
        accountId,
        at: start,
        source: 'api',
        event: 'created',
        channels: ['orders', 'audit'],
        payload: '{"orderId":42}',
        payloadBytes: 14,
        ip: '127.0.0.1',
        payloadDestroyedAt: null,
      }),
    ]);
  });

  it('one row per connection: IP, device, session times, socket id', async () => {
    expect(await connections()).toEqual([
      expect.objectContaining({ socketId: expect.stringMatching(/^\d+\.\d+$/), ip: '203.0.113.7', userAgent: 'TestDevice/1.0', connectedAt: start, disconnectedAt: start, closeCode: 1005 }),
    ]);
  });

  it('never writes IPs, payloads or e-mails to the application log', () => {
    const all = app.t.logLines.join('\n');
    expect(all).not.toContain('203.0.113.7');
    expect(all).not.toContain('orderId');
    expect(all).not.toContain(project.secret);
  });
});

describe('operator access', () => {
  it('requires a reason, journals each read, and keeps working after the project is deleted', async () => {
    const ops = await signIn(app.t, 'ops@widgetry.test');
    const user = await signIn(app.t, 'logged@example.ru');
    expect((await user.request('GET', `/api/admin/realtime/projects/${project.id}/logs/messages?reason=curious`)).status).toBe(403);
    expect((await ops.request('GET', `/api/admin/realtime/projects/${project.id}/logs/messages`)).status).toBe(422);
    const read = await ops.request('GET', `/api/admin/realtime/projects/${project.id}/logs/messages?reason=${encodeURIComponent('Запрос суда № 12/3')}`);
    expect(((await read.json()) as any).messages).toHaveLength(1);
    expect((await ops.request('DELETE', `/api/realtime/projects/${project.id}`)).status).toBe(404); // not the operator's project
    expect((await user.request('DELETE', `/api/realtime/projects/${project.id}`)).status).toBe(204);
    const after = await ops.request('GET', `/api/admin/realtime/projects/${project.id}/logs/connections?reason=${encodeURIComponent('Инцидент безопасности')}`);
    expect(((await after.json()) as any).connections).toHaveLength(1);
    const { realtimeLogAccessJournal } = app.t.store.tables;
    const journal = await app.t.store.db.select().from(realtimeLogAccessJournal).where(eq(realtimeLogAccessJournal.projectId, project.id)).orderBy(realtimeLogAccessJournal.id);
    expect(journal).toEqual([
      expect.objectContaining({ operatorId: ops.accountId, accountId, what: 'messages', reason: 'Запрос суда № 12/3', rows: 1 }),
      expect.objectContaining({ operatorId: ops.accountId, accountId, what: 'connections', reason: 'Инцидент безопасности', rows: 1 }),
    ]);
    expect(((await (await ops.request('GET', `/api/admin/realtime/log-access?projectId=${project.id}`)).json()) as any).entries).toHaveLength(2);
  });
});

describe('retention job on a moved clock', () => {
  it('is in the scheduler', () => {
    expect(JOBS.map((j) => j.name)).toEqual(expect.arrayContaining(['realtime_log_retention', 'realtime_inactivity']));
  });

  it('keeps everything for 6 months, then destroys the payload only; the metadata goes after 3 years', async () => {
    const run = (at: number) => destroyExpiredRealtimeLogs(app.t.store, at);
    expect(await run(addCalendarMonths(start, 6) - 1)).toEqual({ payloadsDestroyed: 0, messagesDeleted: 0, connectionsDeleted: 0 });
    const sixMonths = addCalendarMonths(start, 6);
    expect(await run(sixMonths)).toEqual({ payloadsDestroyed: 1, messagesDeleted: 0, connectionsDeleted: 0 });
    expect(await messages()).toEqual([expect.objectContaining({ payload: null, payloadDestroyedAt: sixMonths, event: 'created', ip: '127.0.0.1' })]);
    expect((await run(sixMonths + DAY)).payloadsDestroyed).toBe(0); // once

    expect(await run(addCalendarMonths(start, 36) - 1)).toMatchObject({ messagesDeleted: 0, connectionsDeleted: 0 });
    // Through the scheduler's job, as it runs in production.
    app.t.clock.set(addCalendarMonths(start, 36));
    await JOBS.find((j) => j.name === 'realtime_log_retention')!.run(app.t.deps);
    expect(await messages()).toEqual([]);
    expect(await connections()).toEqual([]);
  });

  it('destroys a large backlog in batches', async () => {
    const at = addCalendarMonths(app.t.clock.now(), -40);
    const rows = Array.from({ length: 4500 }, (_, i) => ({
      projectId: 'rtp_gone',
      accountId: 'acc_gone',
      at: at + i,
      source: 'api' as const,
      event: 'e',
      channels: ['c'],
      recipients: 0,
      payloadBytes: 1,
      payload: 'x',
    }));
    for (let i = 0; i < rows.length; i += 500) await app.t.store.db.insert(app.t.store.tables.realtimeMessageLogs).values(rows.slice(i, i + 500));
    expect(await destroyExpiredRealtimeLogs(app.t.store, app.t.clock.now())).toMatchObject({ payloadsDestroyed: 4500, messagesDeleted: 4500 });
  });
});
