// A demo account, site and live form widget, so `npm start` shows a working widget at once.
import { eq } from 'drizzle-orm';
import { LEGAL_DOCUMENTS_VERSION } from '../../platform/accounts/consent.js';
import { DEFAULT_RULES } from '#contracts/core/rules.js';
import type { WidgetInput } from '#contracts/schemas/widget.js';
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
export async function seedDemo(deps: AppDeps): Promise<string> {
  const { store, env, clock } = deps;
  const { accounts, sites, widgets } = store.tables;
  const now = clock.now();
  const publicHost = new URL(env.PUBLIC_URL).hostname;
  return store.transaction(async (tx) => {
    // Look, then create: under a lock, so two processes starting on one database seed it once.
    await store.lock(tx, 'demo:seed');
    const [existing] = await tx.select({ siteKey: sites.siteKey }).from(sites).innerJoin(accounts, eq(accounts.id, sites.accountId)).where(eq(accounts.email, DEMO_EMAIL));
    if (existing) return existing.siteKey;
    const [account] = await tx
      .insert(accounts)
      .values({ id: newId('acc'), email: DEMO_EMAIL, tariffId: 'free', periodAnchorAt: now, consentAt: now, consentVersion: LEGAL_DOCUMENTS_VERSION, createdAt: now })
      .returning();
    const [site] = await tx
      .insert(sites)
      .values({ id: newId('site'), accountId: account!.id, name: 'Демо-сайт', siteKey: randomId(20), domains: [...new Set([publicHost, 'localhost', '127.0.0.1'])], createdAt: now, updatedAt: now })
      .returning();
    const { name, siteId, active, type, ...definition } = demoWidget(env.PUBLIC_URL, site!.id);
    await tx.insert(widgets).values({ id: newId('wdg'), accountId: account!.id, siteId, name, type, active, definition, createdAt: now, updatedAt: now });
    return site!.siteKey;
  });
}
