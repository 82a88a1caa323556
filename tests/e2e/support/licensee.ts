// A licensee made through the API: a site on the host pages' origin (127.0.0.1) and an active
// form widget on it (name and phone), for specs that start from a working form.
import { expect } from 'vitest';
import { apiSignIn, type ApiSession } from './api-session.js';
import type { Stack } from './stack.js';

export interface Licensee {
  session: ApiSession;
  site: { id: string; siteKey: string; snippet: string };
  widgetId: string;
}

export async function licenseeWithFormWidget(stack: Stack, email: string): Promise<Licensee> {
  const session = await apiSignIn(stack.platform.url, email);
  const created = await session.request('POST', '/api/sites', { name: 'Магазин чая', domains: ['127.0.0.1'] });
  expect(created.status).toBe(201);
  const widget = await session.request('POST', '/api/widgets', {
    type: 'form',
    name: 'Заявка',
    siteId: created.body.id,
    active: true,
    content: {
      title: 'Перезвоним за 5 минут',
      fields: [
        { key: 'name', kind: 'name', label: 'Имя', required: true },
        { key: 'phone', kind: 'phone', label: 'Телефон', required: true },
      ],
      consentUrl: `${stack.host.origin}/consent`,
      privacyUrl: `${stack.host.origin}/privacy`,
    },
  });
  expect(widget.status).toBe(201);
  return { session, site: created.body, widgetId: widget.body.id as string };
}
