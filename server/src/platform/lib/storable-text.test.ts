import { describe, expect, it } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { BROWSER_UA, createSite, formWidgetInput, signIn } from '../../testing/harness.js';
import { AppError } from './errors.js';
import { storableJson } from './storable-text.js';

const t = appPerTest();
const ORIGIN = 'https://shop.example.ru';

const parse = (text: string) => storableJson(text, JSON.parse(text));

describe('storableJson', () => {
  it('leaves a body without \\u escapes as parsed, and mends half an emoji into U+FFFD', () => {
    const value = { a: ['Иван 💥'] };
    expect(storableJson(JSON.stringify(value), value)).toBe(value);
    expect(parse('{"name":"Ив\\ud800ан","list":["\\udc00x","\\ud83d\\udca5"]}')).toEqual({ name: 'Ив\uFFFDан', list: ['\uFFFDx', '💥'] });
    expect(parse('"\\ud800"')).toBe('\uFFFD');
  });

  it('refuses a NUL in a value or a key, naming where', () => {
    for (const [text, path] of [
      ['{"fields":{"name":"a\\u0000b"}}', 'fields.name'],
      ['{"list":[1,"\\u0000"]}', 'list.1'],
      ['{"x\\u0000":1}', 'x\u0000'],
      ['"\\u0000"', ''],
    ] as const) {
      const error = (() => {
        try {
          parse(text);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 422, code: 'validation_failed', details: { issues: [{ path }] } });
    }
  });

  it('walks a body nested deeper than the call stack goes', () => {
    const depth = 30_000;
    expect(() => parse(`${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}`)).toThrow(AppError);
  });
});

describe('requests PostgreSQL could not store', () => {
  async function setup() {
    const s = await signIn(t, 'owner@example.ru');
    const site = await createSite(s);
    const widget = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
    return { s, site, widget };
  }
  const post = (path: string, body: string) =>
    t.app.request(path, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA, 'x-forwarded-for': '10.9.0.1' }, body });
  const lead = (siteKey: string, widget: string, name: string) => `{"site":"${siteKey}","widget":"${widget}","fields":{"name":"${name}","phone":"+7 (900) 123-45-67"},"consent":true,"elapsedMs":4200}`;

  it('a NUL in a lead or a beacon is a 422 and nothing is stored, on either engine', async () => {
    const { site, widget } = await setup();
    const res = await post('/v1/leads', lead(site.siteKey, widget.id, 'Ив\\u0000ан'));
    expect(res.status).toBe(422);
    expect(((await res.json()) as any).error).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'fields.name' }] } });
    const beacon = await post('/v1/events', `{"site":"${site.siteKey}","events":[{"widget":"${widget.id}","type":"impression"}],"path":"/\\u0000"}`);
    expect(beacon.status).toBe(422);
    expect(await t.store.db.select().from(t.store.tables.leads)).toHaveLength(0);
    expect(await t.store.db.select().from(t.store.tables.widgetDailyStats)).toHaveLength(0);
  });

  it('a lead with half an emoji is stored with U+FFFD in its place, on either engine', async () => {
    const { site, widget } = await setup();
    expect((await post('/v1/leads', lead(site.siteKey, widget.id, 'Ив\\ud83dан'))).status).toBe(201);
    const [stored] = await t.store.db.select().from(t.store.tables.leads);
    expect(stored!.fields.name).toBe('Ив\uFFFDан');
  });

  it('a %00 in a path id or a query value is a 400 in the error shape', async () => {
    const { s } = await setup();
    for (const path of ['/api/leads/%00', '/api/widgets?siteId=%00', '/v1/sites/%00/config']) {
      const res = await s.request('GET', path);
      expect([path, res.status, ((await res.json()) as any).error.code]).toEqual([path, 400, 'bad_request']);
    }
    expect((await s.request('DELETE', '/api/sites/%00')).status).toBe(400);
  });
});
