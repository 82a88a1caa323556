// Ready-made widgets the dashboard offers as starting points: at least one per buildable type.
// A template is a widget body without the site and the active flag; the licensee picks a site,
// edits the texts (and the consent links, for the types that collect personal data) and saves.
import type { z } from 'zod';
import type { WidgetType } from '#contracts/core/widget.js';
import type { widgetInputSchema } from '#contracts/schemas/widget.js';

type Draft = z.input<typeof widgetInputSchema>;
/** Omit over each member of the union (a plain Omit would merge the members). */
type DraftOf<T> = T extends unknown ? Omit<T, 'siteId' | 'active'> : never;
export type TemplateWidget = DraftOf<Draft>;

export interface WidgetTemplate {
  id: string;
  type: WidgetType;
  title: string;
  description: string;
  widget: TemplateWidget;
}

const DAY_MS = 86_400_000;

const nameAndPhone = [
  { key: 'name', kind: 'name', label: 'Имя', required: true },
  { key: 'phone', kind: 'phone', label: 'Телефон', required: true, placeholder: '+7 900 123-45-67' },
] as const;

/**
 * The catalogue. A function of the current time because the timer template needs an end in
 * the future (a week ahead, at 23:59 of the site's clock).
 */
export function widgetTemplates(now: number = Date.now()): WidgetTemplate[] {
  const inAWeek = new Date(now + 7 * DAY_MS).toISOString().slice(0, 10);
  return [
    {
      id: 'banner-sale-bar',
      type: 'banner',
      title: 'Полоса с акцией',
      description: 'Узкая полоса вверху страницы со ссылкой на распродажу.',
      widget: {
        type: 'banner',
        name: 'Акция: полоса вверху',
        position: 'top-bar',
        colors: { background: '#111827', text: '#ffffff', accent: '#f59e0b' },
        content: { title: 'Скидка 20 % на всё', text: 'Только до воскресенья', buttonText: 'Выбрать', buttonUrl: 'https://example.ru/sale' },
      },
    },
    {
      id: 'form-consultation',
      type: 'form',
      title: 'Заявка на консультацию',
      description: 'Карточка в углу: имя и телефон, согласие на обработку данных.',
      widget: {
        type: 'form',
        name: 'Заявка на консультацию',
        position: 'bottom-right',
        content: {
          title: 'Получите консультацию',
          text: 'Оставьте телефон — перезвоним в течение 15 минут.',
          fields: [...nameAndPhone],
          submitText: 'Жду звонка',
        },
      },
    },
    {
      id: 'form-inline-request',
      type: 'form',
      title: 'Форма в тексте страницы',
      description: 'Встраивается в блок страницы по CSS-селектору.',
      widget: {
        type: 'form',
        name: 'Форма на странице',
        position: 'inline',
        inlineSelector: '#widgetry-form',
        content: {
          title: 'Рассчитаем стоимость',
          fields: [...nameAndPhone, { key: 'email', kind: 'email', label: 'E-mail', required: false }, { key: 'comment', kind: 'textarea', label: 'Комментарий', required: false }],
          submitText: 'Отправить заявку',
        },
      },
    },
    {
      id: 'popup-exit-discount',
      type: 'popup',
      title: 'Скидка при уходе',
      description: 'Окно при попытке уйти со страницы: e-mail в обмен на промокод. Раз в неделю, после отправки — никогда.',
      widget: {
        type: 'popup',
        name: 'Промокод при уходе',
        content: {
          title: 'Не уходите без подарка',
          text: 'Пришлём промокод на 10 % на первый заказ.',
          fields: [{ key: 'email', kind: 'email', label: 'E-mail', required: true }],
          submitText: 'Получить промокод',
          successText: 'Промокод уже в вашей почте.',
        },
        rules: { trigger: { kind: 'exit' }, frequency: { kind: 'days', days: 7, stopAfterSubmit: true } },
      },
    },
    {
      id: 'popup-announcement',
      type: 'popup',
      title: 'Объявление',
      description: 'Окно с сообщением и кнопкой через 5 секунд после входа, раз за сеанс.',
      widget: {
        type: 'popup',
        name: 'Объявление',
        content: { title: 'Мы открыли новый магазин', text: 'Ждём вас на Тверской, 7 — с 10 до 22 без выходных.', buttonText: 'Как добраться', buttonUrl: 'https://example.ru/contacts' },
        rules: { trigger: { kind: 'delay', seconds: 5 }, frequency: { kind: 'session', days: 1, stopAfterSubmit: false } },
      },
    },
    {
      id: 'callback-button',
      type: 'callback',
      title: 'Обратный звонок',
      description: 'Круглая кнопка с трубкой в углу; по нажатию — форма «Перезвоните мне».',
      widget: { type: 'callback', name: 'Обратный звонок', position: 'bottom-right', colors: { background: '#ffffff', text: '#1f2937', accent: '#16a34a' }, content: {} },
    },
    {
      id: 'chat-online',
      type: 'chat',
      title: 'Онлайн-чат',
      description: 'Кнопка чата в углу: посетитель пишет, вы отвечаете со страницы «Чаты». Когда никого нет в сети — форма для заявки.',
      widget: {
        type: 'chat',
        name: 'Онлайн-чат',
        position: 'bottom-right',
        colors: { background: '#ffffff', text: '#1f2937', accent: '#7c3aed' },
        content: {},
      },
    },
    {
      id: 'messengers-button',
      type: 'messengers',
      title: 'Кнопка мессенджеров',
      description: 'Кнопка в углу раскрывает ссылки на Telegram, WhatsApp, ВКонтакте и телефон. Замените примеры своими контактами.',
      widget: {
        type: 'messengers',
        name: 'Мессенджеры',
        position: 'bottom-right',
        content: {
          channels: [
            { kind: 'telegram', value: '@example_shop' },
            { kind: 'whatsapp', value: '+7 900 000-00-00' },
            { kind: 'vk', value: 'vk.com/example_shop' },
            { kind: 'phone', value: '+7 900 000-00-00' },
          ],
        },
      },
    },
    {
      id: 'timer-sale-ends',
      type: 'timer',
      title: 'Отсчёт до конца акции',
      description: 'Полоса с обратным отсчётом; исчезает, когда время вышло.',
      widget: {
        type: 'timer',
        name: 'До конца распродажи',
        position: 'top-bar',
        colors: { background: '#7f1d1d', text: '#ffffff', accent: '#fbbf24' },
        content: { title: 'До конца распродажи', endsAt: `${inAWeek}T23:59`, buttonText: 'Успеть', buttonUrl: 'https://example.ru/sale' },
      },
    },
    {
      id: 'quiz-renovation',
      type: 'quiz',
      title: 'Квиз: расчёт стоимости',
      description: 'Три вопроса по одному, затем контакты; ответы приходят вместе с заявкой.',
      widget: {
        type: 'quiz',
        name: 'Квиз: стоимость ремонта',
        position: 'bottom-right',
        content: {
          title: 'Рассчитайте стоимость ремонта за минуту',
          questions: [
            { key: 'object', text: 'Что ремонтируем?', options: ['Квартиру', 'Дом', 'Офис'] },
            { key: 'area', text: 'Какая площадь?', options: ['До 40 м²', '40–80 м²', 'Больше 80 м²'] },
            { key: 'kind', text: 'Какой ремонт нужен?', options: ['Косметический', 'Капитальный', 'Дизайнерский'] },
          ],
          formTitle: 'Куда прислать расчёт?',
          fields: [...nameAndPhone],
          submitText: 'Получить расчёт',
        },
      },
    },
  ];
}
