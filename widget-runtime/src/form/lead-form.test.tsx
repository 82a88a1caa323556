// @vitest-environment happy-dom
// The lead form in a DOM (happy-dom), driven as a visitor drives it: our validation messages
// instead of the browser's, the consent box required, hidden fields sent but not drawn, prefill
// from widgetry('identify'), and the submission as the server receives it. fetch is the only stub:
// the network is not what these tests are about (the e2e specs post to a real server).
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEAD_URL_MAX, type EmbedFormWidget, type LeadSubmission } from '#contracts/core/embed.js';
import type { MountContext } from '#contracts/core/mount.js';
import type { FormField, LeadContent } from '#contracts/core/widget.js';
import { LeadForm } from './lead-form.js';
import { PROBLEMS } from './problems.js';
import { FAILED } from './strings.js';

const CONSENT_REQUIRED = PROBLEMS.consent;

const FIELDS: FormField[] = [
  { key: 'name', kind: 'name', label: 'Имя', required: true },
  { key: 'phone', kind: 'phone', label: 'Телефон', required: true },
  { key: 'email', kind: 'email', label: 'E-mail', required: false },
  { key: 'topic', kind: 'select', label: 'Тема', required: false, options: ['Опт', 'Розница'] },
  { key: 'campaign', kind: 'hidden', label: 'Кампания', required: false, value: 'spring-sale' },
];

const content = (over: Partial<LeadContent> = {}): LeadContent => ({
  fields: FIELDS,
  submitText: 'Отправить',
  successText: 'Спасибо!',
  consentUrl: 'https://shop.example/consent',
  privacyUrl: 'javascript:alert(1)',
  marketingConsent: false,
  ...over,
});

const widget = (c: LeadContent, over: Partial<EmbedFormWidget> = {}): EmbedFormWidget => ({
  id: 'wdg_1',
  type: 'form',
  position: 'bottom-right',
  colors: { background: '#ffffff', text: '#111111', accent: '#2563eb', onAccent: '#ffffff' },
  content: { title: 'Перезвоним', text: '', ...c },
  consentText: 'Я согласен на обработку персональных данных',
  ...over,
});

let root: HTMLElement;
let fetchMock: ReturnType<typeof vi.fn<(url: string, init: RequestInit) => Promise<Response>>>;
/** The events beacon (shell/events.ts): happy-dom's own would go to the network. */
let beacon: ReturnType<typeof vi.fn<(url: string, data: string) => boolean>>;
const ctx = (over: Partial<MountContext> = {}): MountContext => ({ api: 'https://api.widgetry.test', site: 'k_1', badge: null, on: [], user: {}, ...over });

function show(c = content(), options: { ctx?: MountContext; widget?: EmbedFormWidget; extra?: Record<string, string> } = {}) {
  render(<LeadForm widget={options.widget ?? widget(c)} ctx={options.ctx ?? ctx()} content={c} extra={options.extra} />, root);
}

const $ = <T extends Element = HTMLInputElement>(selector: string) => root.querySelector<T>(selector)!;
/** Types into a control as a person does: the value, then the `input` event the form listens to. */
function type(name: string, value: string) {
  const el = $<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}
function tick(name: string) {
  const el = $(`[name="${name}"]`);
  el.checked = true;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}
const submit = () => $<HTMLFormElement>('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
const errorOf = (name: string) => {
  const id = $(`[name="${name}"]`).getAttribute('aria-describedby');
  return id ? root.querySelector(`#${id}`)?.textContent : undefined;
};
const sent = (): LeadSubmission[] => fetchMock.mock.calls.map(([, init]) => JSON.parse(String(init.body)));

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  fetchMock = vi.fn(async () => new Response(null, { status: 201 }));
  vi.stubGlobal('fetch', fetchMock);
  beacon = vi.fn(() => true);
  vi.stubGlobal('navigator', { sendBeacon: beacon });
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('drawing', () => {
  it('draws every visible field with its label, required mark and mobile keyboard; hidden fields are not drawn', () => {
    show();
    expect([...root.querySelectorAll('.wg-field label')].map((l) => l.textContent)).toEqual(['Имя *', 'Телефон *', 'E-mail', 'Тема']);
    expect($('[name="phone"]').type).toBe('tel');
    expect($('[name="phone"]').autocomplete).toBe('tel');
    expect($('[name="email"]').type).toBe('email');
    expect($('[name="name"]').maxLength).toBe(500);
    expect([...$<HTMLSelectElement>('select[name="topic"]').options].map((o) => o.value)).toEqual(['', 'Опт', 'Розница']);
    expect(root.querySelector('[name="campaign"]')).toBeNull();
  });

  it('shows the consent box unticked with the server’s wording, links only to http(s) documents, and a honeypot out of reach', () => {
    show();
    const consent = $('.wg-consent input[type="checkbox"]');
    expect(consent.checked).toBe(false);
    expect($('.wg-consent label').textContent).toBe('Я согласен на обработку персональных данных');
    // The privacy URL is javascript:, so only the consent document is linked.
    expect([...root.querySelectorAll('.wg-links a')].map((a) => a.getAttribute('href'))).toEqual(['https://shop.example/consent']);
    const hp = $('.wg-hp input');
    expect(hp.tabIndex).toBe(-1);
    expect($('.wg-hp').getAttribute('aria-hidden')).toBe('true');
  });

  it('prefills from widgetry("identify") by key, else by kind; only strings', () => {
    show(content(), { ctx: ctx({ user: { name: 'Мария', phone: 79001234567, email: 'maria@example.ru' } }) });
    expect($('[name="name"]').value).toBe('Мария');
    expect($('[name="phone"]').value).toBe('');
    expect($('[name="email"]').value).toBe('maria@example.ru');
  });

  it('offers the marketing box only when the widget enables it and the server sent its wording', () => {
    show(content({ marketingConsent: true }));
    expect(root.querySelector('.wg-marketing')).toBeNull();
    render(null, root);
    const c = content({ marketingConsent: true });
    show(c, { widget: widget(c, { marketingText: 'Хочу получать новости' }) });
    expect($('.wg-marketing').textContent).toBe('Хочу получать новости');
  });
});

describe('validation', () => {
  it('an empty submit shows our messages under each required control and the consent, focuses the first, and sends nothing', async () => {
    show();
    submit();
    await vi.waitFor(() => expect(errorOf('name')).toBe(PROBLEMS.required));
    expect(errorOf('phone')).toBe(PROBLEMS.required);
    expect(errorOf('email')).toBeUndefined();
    expect($('.wg-consent #wg-consent-e').textContent).toBe(CONSENT_REQUIRED);
    expect($('[name="name"]').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe($('[name="name"]'));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('checks formats by the contract’s rules: phone, e-mail, a select’s options', async () => {
    show();
    type('name', 'Мария');
    type('phone', '12-34');
    type('email', 'maria@');
    tick('wg-consent');
    submit();
    await vi.waitFor(() => expect(errorOf('phone')).toBe(PROBLEMS.phone));
    expect(errorOf('email')).toBe(PROBLEMS.email);
    expect(errorOf('name')).toBeUndefined();
    expect(root.querySelector('#wg-consent-e')).toBeNull();
    // The first invalid control on screen gets the focus.
    expect(document.activeElement).toBe($('[name="phone"]'));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('the consent box alone still blocks the submit', async () => {
    show();
    type('name', 'Мария');
    type('phone', '+7 900 123-45-67');
    submit();
    await vi.waitFor(() => expect(root.querySelector('#wg-consent-e')?.textContent).toBe(CONSENT_REQUIRED));
    expect(document.activeElement).toBe($('[name="wg-consent"]'));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('typing into a control clears its message, and only its own', async () => {
    show();
    submit();
    await vi.waitFor(() => expect(errorOf('name')).toBe(PROBLEMS.required));
    type('name', 'М');
    await vi.waitFor(() => expect(errorOf('name')).toBeUndefined());
    expect($('[name="name"]').hasAttribute('aria-invalid')).toBe(false);
    expect(errorOf('phone')).toBe(PROBLEMS.required);
  });
});

describe('submitting', () => {
  it('posts the lead as text: trimmed values, hidden fields, earlier answers, consent, honeypot, elapsed time and the page', async () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1_000);
    show(content(), { extra: { kind: 'Улун' } });
    now.mockReturnValue(4_321.4);
    type('name', '  Мария  ');
    type('phone', '+7 900 123-45-67');
    type('topic', 'Опт');
    tick('wg-consent');
    submit();
    await vi.waitFor(() => expect($('.wg-success').textContent).toBe('Спасибо!'));
    expect(fetchMock).toHaveBeenCalledOnce();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('https://api.widgetry.test/v1/leads');
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit' });
    // A string body: text/plain, a CORS-safelisted type, so no preflight.
    expect(typeof init.body).toBe('string');
    expect(sent()[0]).toEqual({
      site: 'k_1',
      widget: 'wdg_1',
      fields: { kind: 'Улун', name: 'Мария', phone: '+7 900 123-45-67', email: '', topic: 'Опт', campaign: 'spring-sale' },
      consent: true,
      hp: '',
      elapsedMs: 3321,
      page: location.href,
      referrer: '',
    });
    // The thank-you takes the focus from the vanished button.
    expect(document.activeElement).toBe($('.wg-success'));
    // The funnel's `submit` step goes out once the server took the lead.
    await vi.waitFor(() => expect(beacon).toHaveBeenCalledOnce());
    const [beaconUrl, body] = beacon.mock.calls[0]!;
    expect(beaconUrl).toBe('https://api.widgetry.test/v1/events');
    expect(JSON.parse(body).events).toEqual([{ widget: 'wdg_1', type: 'submit' }]);
  });

  it('cuts the page and referrer to the contract’s LEAD_URL_MAX, and elapsed time to a day', async () => {
    const long = `https://shop.example/catalog?utm_content=${'x'.repeat(3 * LEAD_URL_MAX)}`;
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(long);
    Object.defineProperty(document, 'referrer', { value: `https://yandex.ru/search/?text=${'чай'.repeat(LEAD_URL_MAX)}`, configurable: true });
    const now = vi.spyOn(performance, 'now').mockReturnValue(0);
    show();
    now.mockReturnValue(3 * 86_400_000);
    type('name', 'Мария');
    type('phone', '+79001234567');
    tick('wg-consent');
    submit();
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledOnce());
    const lead = sent()[0]!;
    expect(lead.page).toBe(long.slice(0, LEAD_URL_MAX));
    expect(lead.referrer).toHaveLength(LEAD_URL_MAX);
    expect(lead.referrer!.startsWith('https://yandex.ru/search/?text=чай')).toBe(true);
    expect(lead.elapsedMs).toBe(86_400_000);
  });

  it('sends the marketing choice only where the box is offered, and what a bot typed into the honeypot', async () => {
    const c = content({ marketingConsent: true });
    show(c, { widget: widget(c, { marketingText: 'Хочу получать новости' }) });
    type('name', 'Мария');
    type('phone', '+79001234567');
    type('wg-website', 'https://spam.example');
    tick('wg-consent');
    submit();
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledOnce());
    expect(sent()[0]).toMatchObject({ marketingConsent: false, hp: 'https://spam.example' });
  });

  it('a second submit while sending does not send twice; the button says it is sending', async () => {
    let answer!: (r: Response) => void;
    fetchMock.mockImplementation(() => new Promise((r) => (answer = r)));
    show();
    type('name', 'Мария');
    type('phone', '+79001234567');
    tick('wg-consent');
    submit();
    submit();
    await vi.waitFor(() => expect($<HTMLButtonElement>('.wg-submit').disabled).toBe(true));
    expect($('.wg-submit').textContent).toBe('Отправка…');
    answer(new Response(null, { status: 201 }));
    await vi.waitFor(() => expect(root.querySelector('.wg-success')).not.toBeNull());
    expect(fetchMock).toHaveBeenCalledOnce();
  });

  it('tells page listeners about the submit, never with what was typed', async () => {
    const heard = vi.fn();
    show(content(), { ctx: ctx({ on: [['submit', heard]] }) });
    type('name', 'Мария');
    type('phone', '+79001234567');
    tick('wg-consent');
    submit();
    await vi.waitFor(() => expect(heard).toHaveBeenCalledOnce());
    expect(heard).toHaveBeenCalledWith({ widget: 'wdg_1', type: 'form' });
  });

  it('in the dashboard preview nothing leaves the page, and the form still thanks the visitor', async () => {
    show(content(), { ctx: ctx({ preview: true }) });
    type('name', 'Мария');
    type('phone', '+79001234567');
    tick('wg-consent');
    submit();
    await vi.waitFor(() => expect(root.querySelector('.wg-success')).not.toBeNull());
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('when the lead is refused or the network fails', () => {
  const fillAndSend = async () => {
    type('name', 'Мария');
    type('phone', '+79001234567');
    tick('wg-consent');
    submit();
    await vi.waitFor(() => expect(root.querySelector('.wg-error')).not.toBeNull());
  };

  it('a server validation message is shown as it is, and what was typed stays', async () => {
    fetchMock.mockResolvedValue(Response.json({ error: { code: 'validation_failed', message: 'Телефон указан неверно' } }, { status: 422 }));
    show();
    await fillAndSend();
    expect($('.wg-error').getAttribute('role')).toBe('alert');
    expect($('.wg-error').textContent).toBe('Телефон указан неверно');
    expect($('[name="name"]').value).toBe('Мария');
    expect($('[name="wg-consent"]').checked).toBe(true);
    expect($<HTMLButtonElement>('.wg-submit').disabled).toBe(false);
  });

  it('anything else (a rate limit, an outage, no network) gets the generic "try again", and a retry can succeed', async () => {
    fetchMock.mockResolvedValueOnce(Response.json({ error: { code: 'rate_limited', message: 'Too many requests' } }, { status: 429 }));
    show();
    await fillAndSend();
    expect($('.wg-error').textContent).toBe(FAILED);
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    submit();
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect($('.wg-error').textContent).toBe(FAILED));
    submit();
    await vi.waitFor(() => expect(root.querySelector('.wg-success')).not.toBeNull());
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });
});
