// The bodies of POST /api/widgets that tests send most: kept apart from harness.ts, which loads
// the whole app, so a browser spec can use them too.

export const formWidgetInput = (siteId: string, overrides: Record<string, unknown> = {}) => ({
  type: 'form',
  name: 'Lead form',
  siteId,
  active: true,
  content: {
    title: 'Call me',
    fields: [
      { key: 'name', kind: 'name', label: 'Имя', required: true },
      { key: 'phone', kind: 'phone', label: 'Телефон', required: true },
      { key: 'email', kind: 'email', label: 'E-mail', required: false },
    ],
    consentUrl: 'https://shop.example.ru/consent',
    privacyUrl: 'https://shop.example.ru/privacy',
  },
  ...overrides,
});

export const bannerWidgetInput = (siteId: string, overrides: Record<string, unknown> = {}) => ({
  type: 'banner',
  name: 'Sale banner',
  siteId,
  active: true,
  content: { title: 'Скидка 20%', text: 'Только сегодня', buttonText: 'Подробнее', buttonUrl: 'https://shop.example.ru/sale' },
  ...overrides,
});
