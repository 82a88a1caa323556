// What most browser specs start with: the platform (the built server as a process), the host
// pages on another origin and a browser. `useStack` registers the hooks that start and stop them;
// the object's fields are set once `beforeAll` has run.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { type HostPages, startHostPages } from './host-pages.js';
import { type Platform, startPlatform } from './platform.js';

export interface Stack {
  platform: Platform;
  host: HostPages;
  browser: BrowserContext;
}

export function useStack(env: Record<string, string> = {}): Stack {
  const stack = {} as Stack;
  beforeAll(async () => {
    [stack.platform, stack.host, stack.browser] = await Promise.all([startPlatform(env), startHostPages(), launchBrowser()]);
  }, 60_000);
  afterAll(async () => {
    await stack.browser?.close();
    await stack.host?.stop();
    await stack.platform?.stop();
  });
  return stack;
}
