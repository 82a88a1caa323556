// The public abuse form: what it refuses, and that a refusal stores nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abuseComplaints } from '../db/schema/index.js';
import { createTestApp, freshIp, type TestApp } from '../testing/harness.js';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.cleanup());

const complaint = {
  pageUrl: 'https://shop.example.ru/page',
  rightInfringed: 'Исключительное право на фотографию',
  proof: 'Оригинал опубликован 01.10.2026 по адресу https://photo.example/1',
  purpose: 'Удалить виджет с фотографией',
  contacts: 'author@photo.example',
};
const post = (body: unknown) =>
  t.app.request('/api/abuse', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() }, body: JSON.stringify(body) });

describe('POST /api/abuse', () => {
  it('takes only http(s) page addresses: the operator opens them, and javascript: would run in the dashboard', async () => {
    for (const pageUrl of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
      const res = await post({ ...complaint, pageUrl });
      expect([pageUrl, res.status]).toEqual([pageUrl, 422]);
      expect(((await res.json()) as any).error.code).toBe('validation_failed');
    }
    expect(t.db.select().from(abuseComplaints).all()).toHaveLength(0);
    expect((await post(complaint)).status).toBe(201);
  });
});
