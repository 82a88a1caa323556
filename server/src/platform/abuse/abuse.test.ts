// The public abuse form: what it refuses, and that a refusal stores nothing.
import { describe, expect, it } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { freshIp } from '../../testing/harness.js';
import { abuseComplaint as complaint } from '../../testing/fixtures.js';

const t = appPerTest();

const post = (body: unknown) => t.app.request('/api/abuse', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() }, body: JSON.stringify(body) });

describe('POST /api/abuse', () => {
  it('takes only http(s) page addresses: the operator opens them, and javascript: would run in the dashboard', async () => {
    for (const pageUrl of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
      const res = await post({ ...complaint, pageUrl });
      expect([pageUrl, res.status]).toEqual([pageUrl, 422]);
      expect(((await res.json()) as any).error.code).toBe('validation_failed');
    }
    expect(await t.store.db.select().from(t.store.tables.abuseComplaints)).toHaveLength(0);
    expect((await post(complaint)).status).toBe(201);
  });
});

describe('complainant contacts', () => {
  it('are erased 3 years after the complaint is closed; open complaints keep them', async () => {
    const { COMPLAINT_CONTACTS_KEPT_MS, ERASED, eraseOldComplainantContacts } = await import('./retention.js');
    expect((await post(complaint)).status).toBe(201);
    expect((await post({ ...complaint, contacts: 'still-open@photo.example' })).status).toBe(201);
    const { abuseComplaints } = t.store.tables;
    const { eq } = await import('drizzle-orm');
    // Which one is which by its contacts, not by row order (PostgreSQL has none).
    const all = await t.store.db.select().from(abuseComplaints);
    const closed = all.find((r) => r.contacts === complaint.contacts);
    const open = all.find((r) => r.contacts === 'still-open@photo.example');
    await t.store.db.update(abuseComplaints).set({ status: 'resolved', updatedAt: t.clock.now() }).where(eq(abuseComplaints.id, closed!.id));
    t.clock.advance(COMPLAINT_CONTACTS_KEPT_MS - 1);
    expect(await eraseOldComplainantContacts(t.store, t.clock.now())).toBe(0);
    t.clock.advance(1);
    expect(await eraseOldComplainantContacts(t.store, t.clock.now())).toBe(1);
    const rows = new Map((await t.store.db.select().from(abuseComplaints)).map((r) => [r.id, r]));
    expect(rows.get(closed!.id)).toMatchObject({ contacts: ERASED, pageUrl: complaint.pageUrl, status: 'resolved' });
    expect(rows.get(open!.id)!.contacts).toBe('still-open@photo.example');
    expect(await eraseOldComplainantContacts(t.store, t.clock.now())).toBe(0);
  });
});
