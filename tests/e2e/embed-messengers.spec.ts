// Messenger buttons in Chromium: each channel of the unfolded list carries its messenger's sign
// in its own colour, and the button shows the owner's button text beside its sign.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bodyOf, createWidget, startKit, visit, widgetHost, type Kit } from './embed-kit.js';

let kit: Kit;
let id = '';

beforeAll(async () => {
  kit = await startKit('messengers@shop.example');
  const body = bodyOf(kit, 'messengers');
  id = await createWidget(kit, { ...body, content: { ...(body.content as object), buttonText: 'Написать в мессенджер' } });
}, 90_000);

afterAll(async () => {
  await kit?.stop();
});

it('each messenger shows its own sign and colour; the button carries the owner’s text', { timeout: 60_000 }, async () => {
  const v = await visit(kit, `${kit.host.page('/messengers.html', 'shop.html', kit.site.snippet)}?w=messengers`);
  const h = widgetHost(v.page, id);
  const fab = h.getByRole('button', { name: 'Написать в мессенджер' });
  // The text is on the button for a visitor to read, not only its accessible name, on a
  // computer and on a phone, and the button stays on the screen.
  for (const width of [375, 1280]) {
    await v.page.setViewportSize({ width, height: 800 });
    await fab.getByText('Написать в мессенджер').waitFor();
    const box = (await fab.boundingBox())!;
    expect(box.width, `at ${width} px`).toBeGreaterThan(150);
    expect(box.x, `at ${width} px`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `at ${width} px`).toBeLessThanOrEqual(width);
  }
  // In the widgets' own type, not the browser's default serif: the host element resets every
  // inherited property (all:initial), so "inherit" on the button would give Times.
  expect(await fab.evaluate((b) => getComputedStyle(b).fontFamily)).toBe('system-ui, sans-serif');
  await fab.click();
  const links = h.locator('a.wg-ch');
  await links.first().waitFor();
  const seen = await links.evaluateAll((as) =>
    as.map((a) => {
      const sign = a.querySelector('i');
      return { kind: a.className.replace('wg-ch wg-', ''), colour: sign ? getComputedStyle(sign).backgroundColor : null, drawn: !!sign?.querySelector('svg path')?.getAttribute('d') };
    }),
  );
  expect(seen).toEqual([
    { kind: 'telegram', colour: 'rgb(34, 153, 221)', drawn: true },
    { kind: 'whatsapp', colour: 'rgb(34, 204, 102)', drawn: true },
    { kind: 'phone', colour: 'rgb(17, 170, 68)', drawn: true },
  ]);
  expect(v.errors).toEqual([]);
  await v.page.close();
});
