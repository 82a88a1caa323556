// A demo account, site and live form widget, so `npm start` shows a working widget at once.
import { eq } from 'drizzle-orm';
import { LEGAL_DOCUMENTS_VERSION } from '../../platform/accounts/consent.js';
import { DEFAULT_RULES } from '#contracts/core/rules.js';
import type { WidgetInput } from '#contracts/schemas/widget.js';
import { accounts, sites, widgets } from '../../platform/db/schema/index.js';
import type { AppDeps } from '../../deps.js';
import { newId, randomId } from '../../platform/lib/ids.js';

export const DEMO_EMAIL = 'demo@widgetry.local';

function demoWidget(publicUrl: string, siteId: string): WidgetInput {
  return {
    type: 'form',
    name: 'Демо: заявка на консультацию',
    siteId,
    active: true,
    position: 'bottom-right',
    colors: { background: '#ffffff', text: '#1f2937', accent: '#2563eb' },
    urlRule: { match: 'any', value: '' },
    rules: structuredClone(DEFAULT_RULES),
    content: {
      title: 'Получите консультацию',
      text: 'Оставьте телефон — перезвоним в течение 15 минут.',
      fields: [
        { key: 'name', kind: 'name', label: 'Имя', required: true },
        { key: 'phone', kind: 'phone', label: 'Телефон', required: true, placeholder: '+7 900 123-45-67' },
      ],
      submitText: 'Жду звонка',
      successText: 'Спасибо! Мы скоро перезвоним.',
      consentUrl: `${publicUrl}/demo/consent`,
      privacyUrl: `${publicUrl}/demo/privacy`,
      marketingConsent: false,
    },
  };
}

/** Idempotent: returns the demo site key, creating the demo data on first run. */
export function seedDemo(deps: AppDeps): string {
  const { db, env, clock } = deps;
  const existing = db.select({ siteKey: sites.siteKey }).from(sites).innerJoin(accounts, eq(accounts.id, sites.accountId)).where(eq(accounts.email, DEMO_EMAIL)).get();
  if (existing) return existing.siteKey;
  const now = clock.now();
  const publicHost = new URL(env.PUBLIC_URL).hostname;
  return db.transaction((tx) => {
    const account = tx
      .insert(accounts)
      .values({ id: newId('acc'), email: DEMO_EMAIL, tariffId: 'free', periodAnchorAt: now, consentAt: now, consentVersion: LEGAL_DOCUMENTS_VERSION, createdAt: now })
      .returning()
      .get();
    const site = tx
      .insert(sites)
      .values({ id: newId('site'), accountId: account.id, name: 'Демо-сайт', siteKey: randomId(20), domains: [...new Set([publicHost, 'localhost', '127.0.0.1'])], createdAt: now, updatedAt: now })
      .returning()
      .get();
    const { name, siteId, active, type, ...definition } = demoWidget(env.PUBLIC_URL, site.id);
    tx.insert(widgets).values({ id: newId('wdg'), accountId: account.id, siteId, name, type, active, definition, createdAt: now, updatedAt: now }).run();
    return site.siteKey;
  });
}
