// The widgets the bench installs, one per measured type. The form comes from the server's test
// harness; popup and quiz come from it too once it exports `popupWidgetInput`/`quizWidgetInput`,
// and until then from the samples below (written against contracts/schemas/widget.ts).
import * as harness from '../../server/src/testing/harness.js';

export const MEASURED_TYPES = ['form', 'popup', 'quiz'] as const;
export type MeasuredType = (typeof MEASURED_TYPES)[number];

type InputFactory = (siteId: string, overrides?: Record<string, unknown>) => Record<string, unknown>;

const consent = { consentUrl: 'https://shop.example.ru/consent', privacyUrl: 'https://shop.example.ru/privacy' };
const contactFields = [
  { key: 'name', kind: 'name', label: 'Имя', required: true },
  { key: 'phone', kind: 'phone', label: 'Телефон', required: true },
];

const SAMPLES: Record<Exclude<MeasuredType, 'form'>, InputFactory> = {
  popup: (siteId, overrides = {}) => ({
    type: 'popup',
    name: 'Sale popup',
    siteId,
    active: true,
    content: { title: 'Скидка 10% на первый заказ', text: 'Оставьте телефон — пришлём промокод.', fields: contactFields, ...consent },
    ...overrides,
  }),
  quiz: (siteId, overrides = {}) => ({
    type: 'quiz',
    name: 'Tea quiz',
    siteId,
    active: true,
    content: {
      title: 'Подберём чай за минуту',
      questions: [
        { key: 'taste', text: 'Какой вкус вам ближе?', options: ['Терпкий', 'Мягкий', 'Цветочный'] },
        { key: 'when', text: 'Когда пьёте чай?', options: ['Утром', 'Днём', 'Вечером'] },
      ],
      fields: contactFields,
      ...consent,
    },
    ...overrides,
  }),
};

/** The dashboard-API input for a widget of `type` on `siteId`. */
export function widgetInput(type: MeasuredType, siteId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  if (type === 'form') return harness.formWidgetInput(siteId, overrides);
  const fromHarness = (harness as unknown as Record<string, unknown>)[`${type}WidgetInput`];
  return typeof fromHarness === 'function' ? (fromHarness as InputFactory)(siteId, overrides) : SAMPLES[type](siteId, overrides);
}
