// @vitest-environment happy-dom
// The English build's lead form and submission (the *.en.ts modules scripts/build-embed.mjs puts
// in place of their namesakes in rt/en/): the English consent labels, and `lang: 'en'` with the
// lead and the label shown, so the server records the wording the visitor read. (tests/e2e/public-page.spec.ts
// checks the same through the built rt/en/ and a real server.)
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONSENT_LABEL, CONSENT_LABEL_EN, MARKETING_LABEL, MARKETING_LABEL_EN } from '#contracts/core/consent-labels.js';
import type { EmbedFormWidget, LeadSubmission } from '#contracts/core/embed.js';
import type { MountContext } from '#contracts/core/mount.js';
import type { LeadContent } from '#contracts/core/widget.js';
import { LeadForm } from './lead-form.en.js';
import { submitLead } from './submit-lead.en.js';

const content = (marketingConsent: boolean): LeadContent => ({
  fields: [{ key: 'name', kind: 'name', label: 'Name', required: true }],
  submitText: 'Send',
  successText: 'Thank you!',
  consentUrl: 'https://shop.example/consent',
  privacyUrl: 'https://shop.example/privacy',
  marketingConsent,
});
// As the server sends it: the Russian wording, whatever the page's language.
const widget = (c: LeadContent): EmbedFormWidget => ({
  id: 'wdg_1',
  type: 'form',
  position: 'bottom-right',
  colors: { background: '#ffffff', text: '#111111', accent: '#2563eb', onAccent: '#ffffff' },
  content: { title: 'Call me back', text: '', ...c },
  consentText: CONSENT_LABEL,
  ...(c.marketingConsent ? { marketingText: MARKETING_LABEL } : {}),
});
const ctx: MountContext = { api: 'https://api.widgetry.test', site: 'k_1', badge: null, on: [], user: {} };

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

describe('the English lead form', () => {
  it('shows the English consent and marketing labels instead of the Russian ones it was sent', () => {
    const c = content(true);
    render(<LeadForm widget={widget(c)} ctx={ctx} content={c} />, root);
    expect(root.querySelector('.wg-consent label')!.textContent).toBe(CONSENT_LABEL_EN);
    expect(root.querySelector('.wg-marketing label')!.textContent).toBe(MARKETING_LABEL_EN);
    expect(root.textContent).not.toContain(CONSENT_LABEL);
  });

  it('draws no marketing box the owner did not switch on', () => {
    const c = content(false);
    render(<LeadForm widget={widget(c)} ctx={ctx} content={c} />, root);
    expect(root.querySelector('.wg-marketing')).toBeNull();
  });
});

describe('the English lead submission', () => {
  it("says lang: 'en' with the lead, and the label the form shows (written out there to spare a chunk)", async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(null, { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    const lead: LeadSubmission = { site: 'k_1', widget: 'wdg_1', fields: { name: 'Mary' }, consent: true, elapsedMs: 5000 };
    expect(await submitLead(ctx, lead, () => undefined)).toBeNull();
    const c = content(false);
    render(<LeadForm widget={widget(c)} ctx={ctx} content={c} />, root);
    const shown = root.querySelector('.wg-consent label')!.textContent;
    expect(shown).toBe(CONSENT_LABEL_EN);
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1].body))).toEqual({ ...lead, lang: 'en', consentLabel: shown });
  });
});
