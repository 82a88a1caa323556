// Debian's Chromium driven by playwright-core: no browser download, ever.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A persistent context on a fresh profile dir (Chromium as root wants its own --user-data-dir). */
export async function launchBrowser(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install chromium (.ci/run does)`);
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'widgetry-chromium-')), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

/** A new page at the desktop size (1280 × 900) the dashboard specs walk at. */
export async function desktopPage(browser: BrowserContext): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  return page;
}

/** What a spec file started, closed after it: the browser first, then the servers (one a failed beforeAll left unset is passed over). */
export async function closeAll(browser: BrowserContext | undefined, ...servers: ({ stop(): Promise<void> } | undefined)[]): Promise<void> {
  await browser?.close();
  for (const server of servers) await server?.stop();
}
