import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardUrl } from './dashboard-url.js';

const env = { PUBLIC_URL: 'https://widgetry.example' };

describe('dashboardUrl', () => {
  it('asks for English in an English mail and for nothing in a Russian one', () => {
    expect(dashboardUrl(env, 'leads', 'en')).toBe('https://widgetry.example/app/leads?lang=en');
    expect(dashboardUrl(env, 'leads', 'ru')).toBe('https://widgetry.example/app/leads');
  });

  it('links the dashboard’s home with its trailing slash', () => {
    expect(dashboardUrl(env, '', 'en')).toBe('https://widgetry.example/app/?lang=en');
    expect(dashboardUrl(env, '', 'ru')).toBe('https://widgetry.example/app/');
  });

  it('keeps a query of the page’s own and takes a leading slash', () => {
    expect(dashboardUrl(env, 'confirm-email?token=abc', 'en')).toBe('https://widgetry.example/app/confirm-email?token=abc&lang=en');
    expect(dashboardUrl(env, '/admin/abuse', 'en')).toBe('https://widgetry.example/app/admin/abuse?lang=en');
  });
});

describe('links into the dashboard', () => {
  // A link built by hand is how mails forgot ?lang=en before; only these two are not in a mail.
  const NOT_MAIL = new Set([
    // The startup banner in the console.
    'index.ts',
    // YooKassa sends the payer back to the device that started the payment, whose language is chosen there.
    'platform/billing/checkout.ts',
    'platform/mail/dashboard-url.ts',
  ]);
  it('are all built by dashboardUrl', () => {
    const root = resolve(import.meta.dirname, '../..');
    const byHand = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_MAIL.has(f.split(sep).join('/')))
      .filter((f) => /PUBLIC_URL\}\/app\b/.test(readFileSync(join(root, f), 'utf8')));
    expect(byHand).toEqual([]);
  });
});
