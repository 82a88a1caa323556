// Destruction is for real on SQLite: after a lead is deleted, none of its values is left in the
// bytes of the database file or its WAL (secure_delete zeroes the content; forgetErased()
// truncates the WAL, whose older frames held the page before the deletion).
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSite, createTestApp, formWidgetInput, signIn, type TestApp } from '../../testing/harness.js';
import { testDialect } from '../../testing/test-store.js';
import type { SqliteStore } from '../../platform/db/sqlite-store.js';

const sqliteOnly = testDialect() !== 'sqlite';
let t: TestApp;
beforeEach(async () => {
  if (!sqliteOnly) t = await createTestApp();
});
afterEach(async () => t?.cleanup());

const fileBytes = (path: string) => (existsSync(path) ? readFileSync(path) : Buffer.alloc(0));

describe.skipIf(sqliteOnly)('secure deletion (SQLite file and WAL)', () => {
  it('a destroyed lead’s distinctive values are in neither the database file nor the WAL', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const site = await createSite(s);
    const w = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
    const submit = async (name: string, phone: string) => {
      const res = await t.app.request('/v1/leads', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru' },
        body: JSON.stringify({ site: site.siteKey, widget: w.id, fields: { name, phone }, consent: true, elapsedMs: 3000 }),
      });
      expect(res.status).toBe(201);
      const listed = (await (await s.request('GET', `/api/leads?q=${encodeURIComponent(phone)}`)).json()) as { leads: { id: string }[] };
      return listed.leads[0]!.id;
    };
    const doomed = await submit('Ефросинья Зыкова-Квазимодова', '+79991234567');
    await submit('Остаётся Наместе', '+79990000001');
    const path = (t.store as SqliteStore).path;
    const present = (needle: string) => fileBytes(path).includes(needle) || fileBytes(`${path}-wal`).includes(needle);
    // The values are there to be found before: the check reads the right bytes.
    expect(present('Зыкова-Квазимодова')).toBe(true);

    expect((await s.request('DELETE', `/api/leads/${doomed}`)).status).toBe(204);

    // Its random id stays, in the erasure journal only: that is what a restore replays.
    for (const value of ['Зыкова-Квазимодова', '+79991234567']) expect(present(value)).toBe(false);
    // The other lead is untouched.
    expect(present('Наместе')).toBe(true);
  });
});
