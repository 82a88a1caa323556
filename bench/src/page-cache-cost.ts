// What the size of SQLite's page cache (sqlite-store.ts PAGE_CACHE_KIB) costs where it can: the
// dashboard's reads on an account with many leads — the leads list (plain, by status, over 90 days,
// searched), statistics and the funnel over 90 days, the CSV export of 30 days. A smaller cache
// re-reads pages from the OS's file cache and parses them again, as CPU on the one event loop.
// For each build (a checkout with its own dist/, e.g. one with a different PAGE_CACHE_KIB), a fresh
// production server on a copy of one grown database answers the same requests one at a time; the
// figure is the server's CPU time (/proc/PID/stat) per request. Builds alternate which goes first
// per round.
//
//   npx tsx bench/src/page-cache-cost.ts ROUNDS LEADS LABEL=/path/to/checkout[,ENV=VALUE...] [LABEL=...]
// LEADS: how many leads the account has (copies of one real lead with other names, contacts,
// statuses and dates spread over 120 days). Needs this checkout's build (the seeding runs it).
// Another cache size without another checkout: a directory with copies of dist/, drizzle/ and
// package.json and a link to node_modules, in whose dist/server/index.js the line
// `var PAGE_CACHE_KIB = 2e3;` says another size (how the figures in README "Memory at rest" were taken).
import { copyFileSync, mkdtempSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signInOverHttp, type HttpSession } from '../../tests/e2e/support/api-session.js';
import { inRoundOrder, parseBuild } from './interleaving.js';
import { installFormOnStart, LOAD_ORIGIN, OPERATOR, onDevelopmentInstance } from './seed.js';
import { procCpuSeconds, startProductionServer } from './server.js';
import { asBenchSession, signIn } from './session.js';
import { medianAndRange, minToMax, sleep, summarize } from './stats.js';
import { leadBody, textPlainHeaders } from './visitor-requests.js';

const [roundsArg, leadsArg, ...buildArgs] = process.argv.slice(2);
const ROUNDS = Number(roundsArg ?? 3);
const LEADS = Number(leadsArg ?? 50_000);
const builds = buildArgs.map(parseBuild);
const EMAIL = 'cache@bench.widgetry.test';
const DAY_MS = 86_400_000;
const NOW = Date.now();
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The account, its site and form widget and one lead through the API; the other leads are copies of it. */
function seedDatabase(path: string) {
  return onDevelopmentInstance({ DATABASE_PATH: path }, async (base) => {
    const ops = await signIn(base, OPERATOR);
    // Kept for the servers under test: sessions live in the database, the sign-in code only in this instance's outbox.
    const http = await signInOverHttp(EMAIL, base);
    const form = await installFormOnStart(base, ops, asBenchSession(EMAIL, http), 'Bench shop');
    const res = await fetch(`${base}/v1/leads`, { method: 'POST', headers: textPlainHeaders(), body: leadBody(form.siteKey, form.widgetId) });
    if (!res.ok) throw new Error(`lead: ${res.status} ${await res.text()}`);
    return { widgetId: form.widgetId, session: http };
  });
}

const NAMES = ['Мария', 'Иван', 'Ольга', 'Сергей', 'Анна', 'Дмитрий', 'Елена', 'Алексей', 'Татьяна', 'Павел'];
const SURNAMES = ['Иванова', 'Петров', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева', 'Козлов', 'Новикова', 'Морозов'];
const PAGES = ['oolong', 'puer', 'sencha', 'assam', 'darjeeling', 'matcha', 'rooibos', 'earl-grey', 'jasmine', 'gift-set'];
const STATUSES = ['new', 'new', 'new', 'in_progress', 'in_progress', 'done', 'done', 'done', 'done', 'spam'];

/** LEADS copies of the one lead, newest first over 120 days, and the widget's daily counters. */
function grow(path: string, widgetId: string) {
  const db = new Database(path);
  const proto = db.prepare('select * from leads').get() as Record<string, unknown>;
  const columns = Object.keys(proto);
  const insert = db.prepare(`insert into leads (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
  const fields = JSON.parse(String(proto.fields)) as Record<string, unknown>;
  db.transaction(() => {
    for (let i = 1; i < LEADS; i++) {
      const name = `${NAMES[i % 10]} ${SURNAMES[Math.floor(i / 10) % 10]}`;
      const phone = `+7916${String(1_000_000 + ((i * 7919) % 9_000_000)).padStart(7, '0')}`;
      insert.run({
        ...proto,
        id: `${String(proto.id)}_${i}`,
        fields: JSON.stringify({ ...fields, name, phone, email: `client${i}@example.ru` }),
        status: STATUSES[i % 10],
        note: i % 4 === 0 ? 'Перезвонить после обеда, спросить про доставку в регион' : '',
        page_url: `${LOAD_ORIGIN}/tea/${PAGES[i % 10]}?utm_source=bench&utm_medium=cpc`,
        created_at: Math.round(NOW - (i / LEADS) * 120 * DAY_MS),
      });
    }
    const accountId = proto.account_id;
    const stats = db.prepare('insert or replace into widget_daily_stats (widget_id, account_id, day, impressions, leads) values (?, ?, ?, ?, ?)');
    for (let d = 0; d < 120; d++) stats.run(widgetId, accountId, isoDay(NOW - d * DAY_MS), 20 * Math.ceil(LEADS / 120), Math.ceil(LEADS / 120));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The requests, each `times` times; the first two of each untimed (JIT, the server's own first reads). */
function requests(widgetId: string) {
  const from90 = NOW - 90 * DAY_MS;
  const days90 = `from=${isoDay(from90)}&to=${isoDay(NOW)}`;
  return [
    { kind: 'list', path: '/api/leads?page=1&pageSize=50', times: 60 },
    { kind: 'listStatus', path: '/api/leads?status=in_progress&page=5&pageSize=50', times: 60 },
    { kind: 'list90d', path: `/api/leads?from=${from90}&to=${NOW}&page=3&pageSize=50`, times: 60 },
    { kind: 'search', path: '/api/leads?q=client12&page=1&pageSize=50', times: 15 },
    { kind: 'stats90d', path: `/api/stats?${days90}`, times: 60 },
    { kind: 'funnel90d', path: `/api/stats/funnel?widgetId=${widgetId}&${days90}`, times: 60 },
    { kind: 'export30d', path: `/api/leads/export.csv?from=${NOW - 30 * DAY_MS}`, times: 4 },
  ];
}

async function measure(url: string, pid: number, session: HttpSession, widgetId: string) {
  const perRequestUs: Record<string, number> = {};
  for (const r of requests(widgetId)) {
    const once = async () => {
      const res = await session.send(`${url}${r.path}`, 'GET');
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${r.path}: ${res.status} ${body.slice(0, 300)}`);
    };
    await once();
    await once();
    const before = procCpuSeconds(pid);
    for (let i = 0; i < r.times; i++) await once();
    perRequestUs[r.kind] = Math.round(((procCpuSeconds(pid) - before) / r.times) * 1e6);
  }
  return perRequestUs;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pagecache-'));
  const template = join(dir, 'seed.db');
  console.log('seeding…');
  const { widgetId, session } = await seedDatabase(template);
  grow(template, widgetId);
  console.log(`${LEADS} leads, database ${(statSync(template).size / 2 ** 20).toFixed(1)} MB`);
  const rows: { build: string; us: Record<string, number> }[] = [];
  const loads: number[] = [loadavg()[0]!];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const b of inRoundOrder(builds, round)) {
      const db = join(dir, `${b.label}-${round}.db`);
      copyFileSync(template, db);
      const srv = await startProductionServer(db, b.env, b.root);
      try {
        await sleep(1000);
        const us = await measure(srv.url, srv.pid, session, widgetId);
        rows.push({ build: b.label, us });
        loads.push(loadavg()[0]!);
        console.log(`${b.label} round ${round}: server CPU per request (µs) ${JSON.stringify(us)}; load average ${loadavg()[0]!.toFixed(1)}`);
      } catch (err) {
        console.log(srv.output().slice(-3000));
        throw err;
      } finally {
        await srv.stop();
      }
    }
  }
  console.log(`\nload average over the runs: ${minToMax(loads)}`);
  for (const b of builds) {
    const mine = rows.filter((r) => r.build === b.label);
    const kinds = Object.keys(mine[0]?.us ?? {});
    const cell = (k: string) => `${k} ${medianAndRange(summarize(mine.map((r) => r.us[k]!)))}`;
    console.log(`${b.label}: server CPU per request, µs, median (min–max): ${kinds.map(cell).join(', ')}`);
  }
  process.exit(0);
}

await main();
