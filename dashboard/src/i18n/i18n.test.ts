// @vitest-environment happy-dom
// Plural rules and number formats in both languages: Russian one|few|many, English one|other.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentLang, formatDate, formatDateTime, formatDay, formatNumber, initialLang, setLang, t, tn } from './i18n.js';

afterEach(async () => {
  await setLang('ru');
  localStorage.clear();
});

describe('Russian plurals', () => {
  it.each([
    [1, '1 заявка'],
    [2, '2 заявки'],
    [4, '4 заявки'],
    [5, '5 заявок'],
    [11, '11 заявок'],
    [12, '12 заявок'],
    [14, '14 заявок'],
    [21, '21 заявка'],
    [22, '22 заявки'],
    [25, '25 заявок'],
    [101, '101 заявка'],
    [111, '111 заявок'],
    [0, '0 заявок'],
  ])('%i → %s', (n, text) => {
    expect(tn('leads.total', n)).toBe(text);
  });

  it('a fraction takes the "few" form, and large numbers are grouped with a non-breaking space', () => {
    expect(tn('leads.total', 1.5)).toBe('1,5 заявки');
    expect(tn('leads.total', 12_345)).toBe(`12${'\u00a0'}345 заявок`);
  });

  it('a form without {n} is used as it is (the first of several new leads)', () => {
    expect(tn('leads.newArrived', 1)).toBe('Новая заявка');
    expect(tn('leads.newArrived', 3)).toBe('Новые заявки: 3');
    expect(tn('leads.newArrived', 7)).toBe('Новых заявок: 7');
  });
});

/**
 * "Plan" where "tariff" is meant: after a word that makes it the licensee's or a tariff's (your plan,
 * the Pro plan, paid plans), before a billing word (plan limits, Plan: Pro), as a label, or as the
 * object of changing one. The verb ("we plan to…") and a plan of any other kind stay allowed.
 */
const BILLING_PLAN =
  /\b(?:your|the|current|this|that|new|higher|lower|another|each|every|which|same|tariff)\s+(?:[\w-]+\s+)?plan\b|\b(?:paid|free|all|our|other|higher|lower)\s+plans\b|\bplans?\s*(?:limits?|prices?|names?|features?)\b|\bplans?\s*[:(«“"]|^plans?$|\b(?:change|upgrade|downgrade|choose|select|pick|switch)\s+(?:your\s+|the\s+|a\s+)?plans?\b/i;
/** The billing sections' keys: there "plan" in any sense would read as the tariff. */
const BILLING_KEYS = /^(?:tariff|bill|pay|autopay|upgrade|inv|usage)\./;

describe('English', () => {
  it('has two forms, one and other; numbers grouped with commas; the document says its language', async () => {
    await setLang('en');
    expect(currentLang()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect([0, 1, 2, 21].map((n) => tn('leads.total', n))).toEqual(['0 leads', '1 lead', '2 leads', '21 leads']);
    expect(formatNumber(12_345)).toBe('12,345');
  });

  it('the choice is remembered, and a fresh page starts in it', async () => {
    expect(initialLang()).toBe('ru');
    await setLang('en');
    expect(initialLang()).toBe('en');
  });

  it('a default is no choice: not saved, so the account’s language (GET /api/me) may replace it', async () => {
    // A page of its own: the choice is remembered for the module's life.
    vi.resetModules();
    const fresh = await import('./i18n.js');
    expect(fresh.chosenLang()).toBeNull();
    await fresh.setLang('ru', false);
    expect([fresh.currentLang(), fresh.langChosen(), localStorage.getItem('wg_lang')]).toEqual(['ru', false, null]);
    await fresh.setLang('en');
    expect([fresh.currentLang(), fresh.langChosen(), fresh.chosenLang()]).toEqual(['en', true, 'en']);
  });

  it('a link may ask for a language (the English product page signs in with ?lang=en)', () => {
    history.replaceState(null, '', '/app/?lang=en');
    expect(initialLang()).toBe('en');
    history.replaceState(null, '', '/app/?lang=xx');
    expect(initialLang()).toBe('ru');
    history.replaceState(null, '', '/app/');
  });
});

describe('the English dictionary', () => {
  // A domain zone is a name, not a word: ".рф" is how English readers see it too.
  const NAMES_IN_CYRILLIC = ['.рф'];

  it('has no Russian letter in any text', async () => {
    const { en } = await import('./en.js');
    const russian = Object.entries(en).filter(([, text]) => /[\u0400-\u04ff]/.test(NAMES_IN_CYRILLIC.reduce((s, name) => s.replaceAll(name, ''), text)));
    expect(russian).toEqual([]);
  });

  it('names the legal documents, which are Russian only, as such wherever the sign-in links them', async () => {
    const { en } = await import('./en.js');
    for (const key of ['auth.docOffer', 'auth.docConsent', 'auth.docPrivacy'] as const) expect(en[key], key).toMatch(/\(in Russian\)$/);
  });

  it('calls a tariff a tariff: not "plan" in one section and "tariff" in the others', async () => {
    const { en } = await import('./en.js');
    const billingPlan = (key: string, text: string) => (BILLING_KEYS.test(key) && /\bplans?\b/i.test(text)) || BILLING_PLAN.test(text);
    expect(Object.entries(en).filter(([key, text]) => billingPlan(key, text))).toEqual([]);
  });

  it('bans "plan" in the billing sense only: the verb and other plans stay free', () => {
    for (const text of ['Your plan: Pro', 'Change plan', 'Upgrade your plan to add widgets', 'the Business plan', 'Paid plans drop the link', 'Plan limits', 'Plan']) {
      expect(BILLING_PLAN.test(text), text).toBe(true);
    }
    for (const text of ['We plan to add more widgets', 'Planned maintenance', 'The team plans a sale', 'A plan for the launch', 'Plan your campaign']) {
      expect(BILLING_PLAN.test(text), text).toBe(false);
    }
  });

  it('has every Russian text’s placeholders, so a value is never lost in translation', async () => {
    const { en } = await import('./en.js');
    const { ru } = await import('./ru.js');
    const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
    const differ = Object.keys(ru).filter((k) => JSON.stringify(placeholders(ru[k as keyof typeof ru])) !== JSON.stringify(placeholders(en[k as keyof typeof en])));
    expect(differ).toEqual([]);
  });
});

describe('texts', () => {
  it('fills {placeholders} and leaves unknown ones visible', () => {
    expect(t('v.tooLong', { n: 80 })).toBe('Не длиннее 80 символов.');
    expect(t('v.tooLong')).toBe('Не длиннее {n} символов.');
  });

  it('Russian dates do not end in "г." (it doubled the full stop at the end of a sentence)', () => {
    expect(formatDate(Date.UTC(2027, 0, 1, 12))).toBe('1 янв. 2027');
  });

  it('every date and time has one format, with the year, in the dashboard’s language', async () => {
    const at = new Date(2027, 0, 1, 9, 5).getTime();
    expect(formatDateTime(at)).toBe('1 янв. 2027, 09:05');
    expect(formatDay('2026-12-06')).toBe('6 дек. 2026');
    await setLang('en');
    expect(formatDate(at)).toBe('1 Jan 2027');
    expect(formatDateTime(at)).toBe('1 Jan 2027, 09:05');
    expect(formatDay('2026-12-06')).toBe('6 Dec 2026');
  });
});
