import { copyFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../paths.js';
import { createTestApp, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeEach(async () => {
  // A stand-in build: the routes serve whatever Vite wrote, with the brand filled in.
  const dir = mkdtempSync(join(tmpdir(), 'widgetry-dashboard-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<title>{{BRAND_NAME}}</title><meta name="wg-brand" content="{{BRAND_NAME}}"><script type="module" src="/app/assets/index-abc.js"></script>');
  writeFileSync(join(dir, 'preview.html'), '<title>preview</title>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'export {};');
  t = await createTestApp({ env: { DASHBOARD_DIR: dir, BRAND_NAME: 'Виджеты & <Ко>' } });
});
afterEach(() => t.cleanup());

const directives = (csp: string | null) =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k!, v]),
  );

describe('dashboard pages', () => {
  it('every app path gets the page with a strict Content-Security-Policy and the brand, escaped', async () => {
    for (const path of ['/app/', '/app/leads', '/app/widgets/wdg_x']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(200);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('style-src')).toEqual(["'self'"]);
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect([...csp.values()].flat().join(' ')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await res.text();
      expect(html).toContain('<title>Виджеты &#38; &#60;Ко&#62;</title>');
      expect(html).not.toContain('{{BRAND_NAME}}');
    }
  });

  it('the preview frame may be framed by the dashboard only and may connect nowhere', async () => {
    const res = await t.app.request('/app/preview.html');
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('connect-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('assets are cached for good; a missing one is a 404, not the page', async () => {
    const js = await t.app.request('/app/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await t.app.request('/app/assets/index-old.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
  });
});

describe('the embed files', () => {
  it('go out as the precompressed file the browser accepts, with Vary, else as written', async () => {
    const { precompress } = await import('../../../../scripts/precompress.mjs');
    const assets = mkdtempSync(join(tmpdir(), 'widgetry-assets-'));
    const code = `/* loader */ ${'window.widgetry = window.widgetry || [];\n'.repeat(50)}`;
    writeFileSync(join(assets, 'loader.js'), code);
    await precompress(assets);
    const app = await createTestApp({ env: { ASSETS_DIR: assets } });
    try {
      const { gunzipSync, brotliDecompressSync } = await import('node:zlib');
      const br = await app.app.request('/loader.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(br.headers.get('access-control-allow-origin')).toBe('*');
      const brBytes = Buffer.from(await br.arrayBuffer());
      expect(brBytes.length).toBeLessThan(code.length / 5);
      expect(brotliDecompressSync(brBytes).toString()).toBe(code);
      const gz = await app.app.request('/loader.js', { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(code);
      const plain = await app.app.request('/loader.js');
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toBe(code);
    } finally {
      await app.cleanup();
    }
  });
});

describe('the product page', () => {
  // The real source pages (the markers are in the source and survive the Vite build): a dropped or
  // mistyped marker would link a 404 in production, and only this test would notice.
  const productDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'widgetry-product-'));
    mkdirSync(join(dir, 'product'));
    for (const name of ['index.html', 'en.html']) copyFileSync(join(PROJECT_ROOT, 'dashboard', 'product', name), join(dir, 'product', name));
    // The app's page with markers of its own: it is served as written, the cut is the product pages' only.
    writeFileSync(join(dir, 'index.html'), '<title>app</title><!--demo--><p>kept</p><!--/demo-->');
    return dir;
  };

  it.each([
    { seed: 'on', linked: true },
    { seed: 'off', linked: false },
  ])('links the demo page only where it exists (DEMO_SEED $seed)', async ({ seed, linked }) => {
    const app = await createTestApp({ env: { DASHBOARD_DIR: productDir(), DEMO_SEED: seed } });
    try {
      for (const path of ['/', '/en']) {
        const html = await (await app.app.request(path)).text();
        expect(html.includes('href="/demo/"'), path).toBe(linked);
        // The note on the markers goes with them: nothing about the demo ships where there is none.
        expect(html.includes('DEMO_SEED'), path).toBe(linked);
        expect(html, path).toContain('<footer class="foot">');
        expect(html, path).toContain('</html>');
      }
      expect(await (await app.app.request('/app/')).text()).toContain('<!--demo--><p>kept</p><!--/demo-->');
    } finally {
      await app.cleanup();
    }
  });
});
