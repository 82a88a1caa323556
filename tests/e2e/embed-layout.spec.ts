// Every widget type active on one page at once (README, "Layout of widgets on a page"), at
// 1280 px and on a 375 px phone: the layout manager stacks what shares a slot so that no
// widget's button, field or close control is under another (checked with elementFromPoint,
// through the shadow roots, at the centre of each), bars push the page and its fixed header
// (unless the owner chose otherwise) and give them back when closed or run out, lead forms
// start folded on phones, pop-ups open one at a time in the owner's order. And the exit-intent
// trigger on a touch screen: a fast flick back up, in Chromium with touch emulation.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from './support/browser.js';
import { screenshot, seriousViolations, signUp } from './support/dashboard.js';
import { TYPES, bodyOf, createWidget, exercise, frameOf, startKit, visit, waitFor, widgetHost, type Kit, type Type } from './embed-kit.js';
import { layoutSettled, loaderSettled } from './support/settled.js';
import { DEFAULT_TIMEZONE } from '#contracts/schemas/sites.js';
import { zonedTimeToInstant } from '#contracts/core/timezone.js';

let kit: Kit;
/** The owner's three pop-ups, in the order they were created (the widget list's order). */
const popups: string[] = [];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

/** Where the issue found them on top of each other: bars at the top, everything else bottom right. */
const POSITION: Record<Type, string> = {
  banner: 'top-bar',
  timer: 'top-bar',
  form: 'bottom-right',
  quiz: 'bottom-right',
  callback: 'bottom-right',
  messengers: 'bottom-right',
  chat: 'bottom-right',
  popup: 'center',
};
const onLayoutPages = { url: { include: [{ match: 'contains', value: 'layout' }] } };

beforeAll(async () => {
  kit = await startKit('layout@shop.example');
  for (const type of TYPES) {
    if (type === 'popup') continue;
    kit.ids[type] = await createWidget(kit, { ...bodyOf(kit, type), position: POSITION[type], rules: onLayoutPages });
  }
  // Pop-ups open by the page's JS API only here, so the page can be checked without a modal.
  for (const n of [1, 2, 3]) {
    const body = bodyOf(kit, 'popup');
    popups.push(
      await createWidget(kit, {
        ...body,
        name: `Pop-up ${n}`,
        content: { ...(body.content as object), title: `Окно ${n}` },
        rules: { ...onLayoutPages, trigger: { kind: 'click', selector: '.nothing-here' } },
      }),
    );
  }
  kit.ids.popup = popups[0]!;
}, 60_000);
afterAll(async () => {
  await kit?.stop();
});

const FLOATING = TYPES.filter((t) => t !== 'popup');
/** The page with every widget (or, at `path`, with those whose rules ask for that path). */
const layoutPage = (path = '/layout.html') => {
  kit.host.page('/layout.css', 'layout.css', '', { 'content-type': 'text/css' });
  return kit.host.page(path, 'layout.html', kit.site.snippet);
};
/**
 * The same page under a strict CSP (no inline scripts or styles): pushing the page and folding
 * forms must get by with CSSOM, which it allows.
 */
const strictLayoutPage = () => {
  layoutPage();
  const csp = [
    "default-src 'none'",
    `script-src ${kit.platform.url}`,
    `connect-src ${kit.platform.url}`,
    `img-src ${kit.platform.url}`,
    `style-src ${kit.host.origin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
  return kit.host.page('/layout-csp.html', 'layout.html', kit.bareSnippet, { 'content-security-policy': csp });
};
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

/** The interactive elements of every widget on screen whose centre is not the element itself. */
const coveredControls = (page: Page) =>
  page.evaluate(() => {
    const name = (el: Element | null | undefined) => (el ? el.localName + (el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : '') : 'nothing');
    const problems: string[] = [];
    for (const host of document.querySelectorAll('widgetry-widget')) {
      const root = host.shadowRoot!;
      const id = host.getAttribute('data-widgetry-widget') || `teaser ${host.getAttribute('data-widgetry-teaser')}`;
      // The honeypot is off-screen on purpose, for bots only.
      for (const el of root.querySelectorAll('button, input:not([name="wg-website"]), select, textarea, a[href]')) {
        if (!el.checkVisibility({ visibilityProperty: true })) continue;
        // The first line box of a link that wraps (its bounding box's centre may be between lines).
        const r = el.getClientRects()[0]!;
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) {
          problems.push(`${name(el)} of ${id} is off the screen`);
          continue;
        }
        const top = document.elementFromPoint(x, y);
        const inner = top === host ? root.elementFromPoint(x, y) : null;
        if (!inner || !(inner === el || el.contains(inner))) problems.push(`${name(el)} of ${id} is under ${name(top)}${inner ? ` > ${name(inner)}` : ''}`);
      }
    }
    return problems;
  });

/** What is at the centre of the page's element `selector`: the element itself (or inside it)? */
const seen = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const el = document.querySelector(selector)!;
    const r = el.getBoundingClientRect();
    const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!at && (at === el || el.contains(at));
  }, selector);

/** Hosts the layout manager keeps back for want of room. */
const waiting = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('widgetry-widget[data-wait]')].map((h) => h.getAttribute('data-widgetry-widget') || h.getAttribute('data-widgetry-teaser')));

/** The top bars' height together. */
const topBars = (page: Page) => page.evaluate(() => [...document.querySelectorAll('widgetry-widget[data-pos=top-bar]')].reduce((n, h) => n + h.getBoundingClientRect().height, 0));
/** How far the page is pushed down: the root's top margin, and where its fixed header is. */
const pageAt = (page: Page) =>
  page.evaluate(() => ({ margin: parseFloat(getComputedStyle(document.documentElement).marginTop), header: document.querySelector('.site-header')!.getBoundingClientRect().top }));

const teaser = (page: Page, type: Type) => page.locator(`[data-widgetry-teaser="${kit.ids[type]}"] button`);

/** Waits until every floating widget is drawn (or stands folded) and placed. */
async function settled(page: Page, folded: Type[] = []) {
  for (const type of FLOATING) await (folded.includes(type) ? teaser(page, type) : frameOf(page, kit, type)).waitFor();
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll('widgetry-widget[data-widgetry-widget]')].some(
        (h) =>
          (h as HTMLElement).hidden &&
          !h.closest('[data-pos=center]') &&
          h.getAttribute('data-pos') !== 'center' &&
          !document.querySelector(`[data-widgetry-teaser="${h.getAttribute('data-widgetry-widget')}"]`),
      ),
  );
  await layoutSettled(page); // fonts and late chunks: the last relayout
}

const openDialogs = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('widgetry-widget')].filter((h) => h.shadowRoot!.querySelector('dialog[open]')).map((h) => h.getAttribute('data-widgetry-widget')));

describe('every widget type on one page', () => {
  it('at 1280 px: nothing covers any button, field or close control; by default the bars push the page and its header', async () => {
    const v = await visit(kit, layoutPage(), DESKTOP);
    await settled(v.page);
    expect(await waiting(v.page)).toEqual([]);
    expect(await coveredControls(v.page)).toEqual([]);
    // What an owner expects of a bar: the site's header and menu stay in sight below it.
    expect(await seen(v.page, '.site-header')).toBe(true);
    expect(await seen(v.page, 'h1')).toBe(true);
    // The quiz's "Next" and the call button were on top of each other: both work by real clicks.
    await exercise(v.page, kit, 'quiz');
    // An unfolded messenger list grows its host; the neighbours move out of its way.
    await widgetHost(v.page, kit.ids.messengers).locator('.wg-fab').click();
    await layoutSettled(v.page);
    expect(await coveredControls(v.page)).toEqual([]);
    expect(v.errors).toEqual([]);
    expect(v.warnings).toEqual([]);
    await v.page.close();
  });

  it('at 375 px, under a strict CSP: bars push the page and its fixed header; lead forms start folded and unfold on a tap', async () => {
    const v = await visit(kit, strictLayoutPage(), PHONE);
    await settled(v.page, ['form', 'quiz']);
    expect(await frameOf(v.page, kit, 'form').isVisible()).toBe(false);
    expect(await waiting(v.page)).toEqual([]);
    expect(await coveredControls(v.page)).toEqual([]);
    expect(await seen(v.page, 'h1')).toBe(true);
    expect(await seen(v.page, '.site-header')).toBe(true);
    // Tapped open, the form comes first in its corner; whatever has no room waits meanwhile.
    await teaser(v.page, 'form').click();
    await frameOf(v.page, kit, 'form').waitFor();
    await layoutSettled(v.page);
    expect(await coveredControls(v.page)).toEqual([]);
    expect(await exercise(v.page, kit, 'form')).toBe(true);
    expect(await cspViolations(v.page)).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  it('at 1280 px by default, under a strict CSP: the bars move the page and its fixed header down, and give them back when closed', async () => {
    const v = await visit(kit, strictLayoutPage(), DESKTOP);
    await settled(v.page);
    const bars = await topBars(v.page);
    const pushed = () => pageAt(v.page);
    const now = await pushed();
    // Whole pixels: the bars' heights are measured as offsetHeight.
    expect(now.margin).toBeCloseTo(bars, 0);
    expect(now.header).toBeCloseTo(bars, 0);
    expect(await seen(v.page, 'h1')).toBe(true);
    expect(await seen(v.page, '.site-header')).toBe(true);
    expect(await coveredControls(v.page)).toEqual([]);
    for (const type of ['banner', 'timer'] as const) await widgetHost(v.page, kit.ids[type]).locator('.wg-close').click();
    await waitFor(pushed, (p) => p.margin === 0 && p.header === 0, 'the page to be given back');
    expect(await v.page.evaluate(() => [document.documentElement.getAttribute('style'), document.querySelector('.site-header')!.getAttribute('style')])).toEqual(['', '']);
    expect(await cspViolations(v.page)).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  it('at 1280 px, bars the owner set to push on phones only lie over the page there', async () => {
    for (const type of ['banner', 'timer'] as const) {
      const body = bodyOf(kit, type);
      const res = await kit.owner.request('PATCH', `/api/widgets/${kit.ids[type]}`, { content: { ...(body.content as object), push: 'phones' } });
      expect(res.status).toBe(200);
    }
    const v = await visit(kit, layoutPage(), DESKTOP);
    await settled(v.page);
    expect(await pageAt(v.page)).toEqual({ margin: 0, header: 0 });
    expect(await seen(v.page, '.site-header')).toBe(false);
    expect(await coveredControls(v.page)).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.page.close();
  });

  it('at 1280 and 375 px: an open chat covers no other widget; on a phone it is a sheet the others wait under', async () => {
    const chat = () => widgetHost(v.page, kit.ids.chat);
    let v = await visit(kit, 'about:blank', DESKTOP);
    for (const viewport of [DESKTOP, PHONE]) {
      const phone = viewport === PHONE;
      await v.page.close();
      v = await visit(kit, layoutPage(), viewport);
      await settled(v.page, phone ? ['form', 'quiz'] : []);
      // At 1280 px the quiz is open beside it; on a phone it stands folded (unfolded, it would come
      // first in the corner and the chat's button would wait for room).
      const quiz = phone ? teaser(v.page, 'quiz') : frameOf(v.page, kit, 'quiz');
      await quiz.waitFor();
      await chat().locator('.wg-fab').click();
      const message = chat().getByRole('textbox', { name: 'Сообщение' });
      await message.waitFor();
      await layoutSettled(v.page);
      expect(await coveredControls(v.page)).toEqual([]);
      const panel = (await chat().getByRole('dialog').boundingBox())!;
      if (phone) {
        // The whole screen, and nothing else in sight (the others wait, and come back below).
        expect([panel.x, panel.y, panel.width, panel.height]).toEqual([0, 0, viewport.width, viewport.height]);
        expect((await waiting(v.page)).sort()).toEqual(
          FLOATING.filter((t) => t !== 'chat')
            .map((t) => kit.ids[t])
            .sort(),
        );
        expect(await quiz.isVisible()).toBe(false);
      } else {
        // Docked in its corner, the quiz and every other widget in sight beside it.
        expect(panel.x + panel.width).toBeCloseTo(viewport.width - 16, 0);
        expect(await waiting(v.page)).toEqual([]);
        expect(await quiz.isVisible()).toBe(true);
      }
      // Typed into, it keeps the focus; closed, focus goes back to its button and all is as before.
      await message.fill('Есть ли улун?');
      await chat().locator('.wg-panel .wg-close').click();
      await layoutSettled(v.page);
      expect(await chat().evaluate((h) => h.shadowRoot!.activeElement?.className)).toBe('wg-fab');
      expect(await waiting(v.page)).toEqual([]);
      expect(await coveredControls(v.page)).toEqual([]);
      expect(await quiz.isVisible()).toBe(true);
      expect(v.errors).toEqual([]);
    }
    await v.page.close();
  });

  it("opens one pop-up at a time: those asked for meanwhile wait, then come in the owner's order", async () => {
    const v = await visit(kit, 'about:blank', DESKTOP);
    // Impressions as the page sends them (beacons, whose bodies the network log leaves out): a
    // pop-up waiting its turn is not on screen, so it is not counted yet.
    await v.page.addInitScript(() => {
      const w = window as unknown as { __impressions: string[] };
      w.__impressions = [];
      const send = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url, data) => {
        // The runtime sends a string (text/plain;charset=UTF-8); a Blob is read the same way.
        void Promise.resolve(typeof data === 'string' ? data : (data as Blob).text()).then((t) =>
          JSON.parse(t).events.forEach((e: { widget: string; type: string }) => e.type === 'impression' && w.__impressions.push(e.widget)),
        );
        return send(url, data);
      };
    });
    const impressions = async () => (await v.page.evaluate(() => (window as unknown as { __impressions: string[] }).__impressions)).filter((id) => popups.includes(id));
    await v.page.goto(layoutPage());
    await settled(v.page);
    const open = (id: string) => v.page.evaluate((id) => (window as unknown as { widgetry: (...a: unknown[]) => void }).widgetry('open', id), id);
    const [first, second, third] = popups as [string, string, string];
    await open(third);
    await widgetHost(v.page, third).locator('dialog[open]').waitFor();
    // Asked for later, the second before the first: both wait behind the third.
    await open(second);
    await open(first);
    // Both are drawn and were asked to open; whatever they do about it has happened.
    await loaderSettled(v.page);
    await layoutSettled(v.page);
    expect(await openDialogs(v.page)).toEqual([third]);
    expect(await impressions()).toEqual([third]);
    for (const [closing, next] of [
      [third, first],
      [first, second],
    ] as const) {
      await widgetHost(v.page, closing).locator('dialog[open] .wg-close').click();
      await widgetHost(v.page, next).locator('dialog[open]').waitFor();
      expect(await openDialogs(v.page)).toEqual([next]);
    }
    expect(await waitFor(impressions, (l) => l.length === 3, 'each pop-up counted once shown')).toEqual([third, first, second]);
    await v.page.keyboard.press('Escape');
    await waitFor(
      () => openDialogs(v.page),
      (o) => o.length === 0,
      'the last pop-up to close',
    );
    expect(v.errors).toEqual([]);
    await v.page.close();
  });
});

describe('a bar that runs out', () => {
  it('at 1280 and 375 px: a timer bar pushes the page while it counts, and gives the page back, untouched, when it runs out', async () => {
    const endsAt = '2030-01-01T00:00';
    const timer = await createWidget(kit, {
      ...bodyOf(kit, 'timer'),
      name: 'Runs out',
      position: 'top-bar',
      content: { ...(bodyOf(kit, 'timer').content as object), endsAt },
      rules: { url: { include: [{ match: 'contains', value: 'runs-out' }] } },
    });
    const end = zonedTimeToInstant(endsAt, DEFAULT_TIMEZONE);
    for (const viewport of [DESKTOP, PHONE]) {
      const v = await visit(kit, 'about:blank', viewport);
      // The page's clock a few seconds before the end; it runs on by itself from there.
      await v.page.clock.install({ time: end - 4000 });
      await v.page.goto(layoutPage('/runs-out.html'));
      await widgetHost(v.page, timer).locator('.wg-timer').waitFor();
      await layoutSettled(v.page);
      const bar = await topBars(v.page);
      expect(bar).toBeGreaterThan(0);
      const now = await pageAt(v.page);
      expect(now.margin).toBeCloseTo(bar, 0);
      expect(now.header).toBeCloseTo(bar, 0);
      expect(await seen(v.page, '.site-header')).toBe(true);
      await v.page.clock.fastForward(5000);
      await waitFor(
        () => pageAt(v.page),
        (p) => p.margin === 0 && p.header === 0,
        'the page to be given back',
      );
      expect(await widgetHost(v.page, timer).locator('.wg-timer').count()).toBe(0);
      expect(await v.page.evaluate(() => [document.documentElement.getAttribute('style'), document.querySelector('.site-header')!.getAttribute('style')])).toEqual(['', '']);
      expect(v.errors).toEqual([]);
      await v.page.close();
    }
  });
});

describe('without the layout manager', () => {
  it('when rt/layout.js cannot be fetched, the widgets stay unseen and nothing is thrown into the page', async () => {
    const v = await visit(kit, 'about:blank', DESKTOP);
    await v.page.route('**/rt/layout.js', (route) => route.abort('connectionrefused'));
    await v.page.goto(layoutPage());
    await v.page.waitForLoadState('networkidle');
    expect(await v.page.locator('[data-widgetry-widget]').count()).toBeGreaterThan(0);
    expect(await v.page.locator('[data-widgetry-widget]:not([hidden])').count()).toBe(0);
    expect(await seen(v.page, 'h1')).toBe(true);
    expect(v.errors).toEqual([]);
    expect(v.warnings).toHaveLength(1);
    await v.page.close();
  });
});

describe('the dashboard', () => {
  it('warns in the widget list and the editor that widgets share a place, and shows how they stack', async () => {
    const page = await kit.browser.newPage();
    await signUp(page, kit.platform.url, 'layout@shop.example');
    await page.goto(`${kit.platform.url}/app/widgets`);
    const notice = page.locator('.notice', { hasText: 'Несколько виджетов в одном месте страницы' });
    await notice.waitFor();
    const text = (await notice.textContent())!;
    expect(text).toContain('Магазин чая · Справа внизу:');
    // Buttons from the edge, then cards, each in the order they were created.
    expect(text).toContain('«E2E callback» → «E2E messengers» → «E2E chat» → «E2E form» → «E2E quiz»');
    expect(text).toContain('Магазин чая · Полоса вверху: полосы встанут одна за другой от края экрана: «E2E banner» → «E2E timer»');
    expect(text).toContain('«Pop-up 1» → «Pop-up 2» → «Pop-up 3»');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'widgets-shared-slots');
    await page.goto(`${kit.platform.url}/app/widgets/${kit.ids.quiz}`);
    const here = page.locator('.notice', { hasText: 'здесь показываются и другие включённые виджеты' });
    await here.waitFor();
    expect(await here.textContent()).toContain('«E2E form» → «E2E quiz» (этот)');
    // A floating quiz says what phones get, and lets the owner open it at once there.
    await page.getByLabel('На телефонах открывать форму сразу').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'editor-shared-slot');
    await page.close();
  });
});

describe('exit intent on a touch screen', () => {
  let browser: Browser;
  let exitPopup: string;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    exitPopup = await createWidget(kit, { ...bodyOf(kit, 'popup'), name: 'Уже уходите?', rules: { url: { include: [{ match: 'contains', value: 'touch-exit' }] }, trigger: { kind: 'exit' } } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a fast flick back up opens the exit pop-up; reading upwards slowly does not', async () => {
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${kit.host.page('/long.html', 'long.html', kit.site.snippet)}?touch-exit`);
    const cdp = await context.newCDPSession(page);
    /** A finger dragged over the screen from `from` to `to` (y, px) in `ms`, then lifted. */
    const drag = async (from: number, to: number, ms: number) => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 180, y: from }] });
      for (let i = 1; i <= 10; i++) {
        await new Promise((r) => setTimeout(r, ms / 10));
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 180, y: from + ((to - from) * i) / 10 }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await layoutSettled(page); // the fling, if any, runs out
    };
    await page.waitForLoadState('networkidle');
    // Down the page (the finger moves up), as a reader does.
    for (let i = 0; i < 4; i++) await drag(600, 100, 400);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(1500);
    await drag(200, 500, 1500); // reading back up: 0.2 px/ms
    expect(await page.locator(`[data-widgetry-widget="${exitPopup}"]`).count()).toBe(0);
    await drag(150, 650, 100); // a flick back up
    await widgetHost(page, exitPopup).locator('dialog[open]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
