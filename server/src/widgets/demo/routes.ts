// The demo host page: an ordinary page with the install snippet of the demo site.
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../platform/lib/errors.js';
import { renderSnippet } from '../sites/snippet.js';
import { DEMO_EMAIL } from './seed.js';

const page = (title: string, body: unknown) => html`<!doctype html>
  <html lang="ru">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title}</title>
    </head>
    <body style="font-family: Georgia, serif; max-width: 720px; margin: 3rem auto; padding: 0 1rem; line-height: 1.6">
      ${body}
    </body>
  </html>`;

export function createDemoRoutes(deps: AppDeps) {
  const { db } = deps.store;
  const { accounts, sites } = db.tables;
  const demoSiteKey = async () => (await db.select({ key: sites.siteKey }).from(sites).innerJoin(accounts, eq(accounts.id, sites.accountId)).where(eq(accounts.email, DEMO_EMAIL)))[0]?.key;

  return new Hono()
    .get('/', async (c) => {
      const key = await demoSiteKey();
      if (!key) throw notFound('Demo (DEMO_SEED is off)');
      return c.html(
        page(
          'Кофейня «Зерно» — демо-страница',
          html`<h1>Кофейня «Зерно»</h1>
            <p>Это обычная страница сайта. Внизу справа — виджет ${deps.env.BRAND_NAME}, подключённый одной строкой кода:</p>
            <pre style="white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f5; padding: 1rem; border-radius: 8px">${renderSnippet(deps, key)}</pre>
            <p>Заполните форму: заявка появится в кабинете демо-аккаунта (${DEMO_EMAIL}).</p>
            ${raw(renderSnippet(deps, key))}`,
        ),
      );
    })
    .get('/consent', (c) => c.html(page('Согласие на обработку персональных данных', html`<h1>Согласие на обработку персональных данных</h1><p>Демонстрационный документ.</p>`)))
    .get('/privacy', (c) => c.html(page('Политика конфиденциальности', html`<h1>Политика конфиденциальности</h1><p>Демонстрационный документ.</p>`)));
}
