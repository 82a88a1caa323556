// Ready-made widgets the dashboard offers as starting points: at least one per buildable type.
// A template is a widget body without the site and the active flag; the licensee picks a site,
// edits the texts (and the consent links, for the types that collect personal data) and saves.
// Everything a visitor or the licensee reads — titles, texts, labels, buttons — is written in
// both languages side by side and taken in the dashboard's language, so an English dashboard
// starts English widgets.
import type { z } from 'zod';
import { TEMPLATE_EXAMPLES } from '#contracts/core/template-examples.js';
import type { WidgetType } from '#contracts/core/widget.js';
import type { widgetInputSchema } from '#contracts/schemas/widget.js';
import type { Lang } from '../i18n/i18n.js';

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

/**
 * The catalogue in one language. A function of the current time because the timer template
 * needs an end in the future (a week ahead, at 23:59 of the site's clock).
 */
export function widgetTemplates(lang: Lang, now: number = Date.now()): WidgetTemplate[] {
  const inAWeek = new Date(now + 7 * DAY_MS).toISOString().slice(0, 10);
  /** The text in the dashboard's language: Russian first, English beside it. */
  const l = (ru: string, en: string) => (lang === 'en' ? en : ru);
  // Example values come from contracts: the server refuses to switch on a widget still holding one.
  const site = l(TEMPLATE_EXAMPLES.siteRu, TEMPLATE_EXAMPLES.siteEn);
  // An English account's example number is not a Russian one (the form fields' placeholders agree).
  const phone = l(TEMPLATE_EXAMPLES.phoneRu, TEMPLATE_EXAMPLES.phoneEn);
  const thanks = l('Спасибо! Мы скоро свяжемся с вами.', 'Thank you! We will be in touch soon.');
  const nameAndPhone = [
    { key: 'name', kind: 'name', label: l('Имя', 'Name'), required: true },
    // An English page gets the international example the English runtime's own hint gives (form/problems.ts), not a Russian number.
    { key: 'phone', kind: 'phone', label: l('Телефон', 'Phone'), required: true, placeholder: l('+7 900 123-45-67', '+44 20 7946 0958') },
  ] as const;
  return [
    {
      id: 'banner-sale-bar',
      type: 'banner',
      title: l('Полоса с акцией', 'Sale bar'),
      description: l('Узкая полоса вверху страницы со ссылкой на распродажу.', 'A thin bar at the top of the page linking to a sale.'),
      widget: {
        type: 'banner',
        name: l('Акция: полоса вверху', 'Sale: top bar'),
        position: 'top-bar',
        colors: { background: '#111827', text: '#ffffff', accent: '#f59e0b' },
        content: { title: l('Скидка 20 % на всё', '20% off everything'), text: l('Только до воскресенья', 'Until Sunday only'), buttonText: l('Выбрать', 'Shop now'), buttonUrl: `${site}/sale` },
      },
    },
    {
      id: 'form-consultation',
      type: 'form',
      title: l('Заявка на консультацию', 'Consultation request'),
      description: l('Карточка в углу: имя и телефон, согласие на обработку данных.', 'A card in the corner: name and phone, with consent to data processing.'),
      widget: {
        type: 'form',
        name: l('Заявка на консультацию', 'Consultation request'),
        position: 'bottom-right',
        content: {
          title: l('Получите консультацию', 'Get a consultation'),
          text: l('Оставьте телефон — перезвоним в течение 15 минут.', 'Leave your phone number and we will call you back within 15 minutes.'),
          fields: [...nameAndPhone],
          submitText: l('Жду звонка', 'Call me back'),
          successText: thanks,
        },
      },
    },
    {
      id: 'form-inline-request',
      type: 'form',
      title: l('Форма в тексте страницы', 'Form inside the page'),
      description: l('Встаёт в блок страницы, который вы отметите, например в Tilda или WordPress.', 'Sits in a block of the page that you mark, in Tilda or WordPress for example.'),
      widget: {
        type: 'form',
        name: l('Форма на странице', 'Form on the page'),
        position: 'inline',
        inlineSelector: '#widgetry-form',
        content: {
          title: l('Рассчитаем стоимость', 'Get a quote'),
          fields: [...nameAndPhone, { key: 'email', kind: 'email', label: 'E-mail', required: false }, { key: 'comment', kind: 'textarea', label: l('Комментарий', 'Comment'), required: false }],
          submitText: l('Отправить заявку', 'Send the request'),
          successText: thanks,
        },
      },
    },
    {
      id: 'popup-exit-discount',
      type: 'popup',
      title: l('Скидка при уходе', 'Discount on leaving'),
      description: l(
        'Окно при попытке уйти со страницы: e-mail в обмен на промокод. Раз в неделю, после отправки — никогда.',
        'A window when the visitor is about to leave: an e-mail address for a promo code. Once a week, never again after sending.',
      ),
      widget: {
        type: 'popup',
        name: l('Промокод при уходе', 'Promo code on leaving'),
        content: {
          title: l('Не уходите без подарка', 'Don’t leave without a gift'),
          text: l('Пришлём промокод на 10 % на первый заказ.', 'We will send you a 10% promo code for your first order.'),
          fields: [{ key: 'email', kind: 'email', label: 'E-mail', required: true }],
          submitText: l('Получить промокод', 'Get the promo code'),
          successText: l('Промокод уже в вашей почте.', 'The promo code is in your inbox.'),
        },
        rules: { trigger: { kind: 'exit' }, frequency: { kind: 'days', days: 7, stopAfterSubmit: true } },
      },
    },
    {
      id: 'popup-announcement',
      type: 'popup',
      title: l('Объявление', 'Announcement'),
      description: l('Окно с сообщением и кнопкой через 5 секунд после входа, раз за сеанс.', 'A window with a message and a button 5 seconds after arrival, once a session.'),
      widget: {
        type: 'popup',
        name: l('Объявление', 'Announcement'),
        content: {
          title: l('Мы открыли новый магазин', 'Our new shop is open'),
          text: l('Ждём вас на Тверской, 7 — с 10 до 22 без выходных.', 'Come and see us at 7 Tverskaya Street, 10 am to 10 pm every day.'),
          buttonText: l('Как добраться', 'How to get there'),
          buttonUrl: `${site}/contacts`,
          // No form yet; the words are ready for when the licensee adds fields.
          submitText: l('Отправить', 'Send'),
          successText: thanks,
        },
        rules: { trigger: { kind: 'delay', seconds: 5 }, frequency: { kind: 'session', days: 1, stopAfterSubmit: false } },
      },
    },
    {
      id: 'callback-button',
      type: 'callback',
      title: l('Обратный звонок', 'Callback'),
      description: l('Круглая кнопка с трубкой в углу; по нажатию — форма «Перезвоните мне».', 'A round phone button in the corner that opens a “Call me back” form.'),
      widget: {
        type: 'callback',
        name: l('Обратный звонок', 'Callback'),
        position: 'bottom-right',
        colors: { background: '#ffffff', text: '#1f2937', accent: '#16a34a' },
        content: {
          buttonText: l('Заказать звонок', 'Request a call'),
          title: l('Перезвоним за 5 минут', 'We will call you back in 5 minutes'),
          fields: [{ ...nameAndPhone[0], required: false }, nameAndPhone[1]],
          submitText: l('Жду звонка', 'Call me back'),
          successText: thanks,
        },
      },
    },
    {
      id: 'chat-online',
      type: 'chat',
      title: l('Онлайн-чат', 'Live chat'),
      description: l(
        'Кнопка чата в углу: посетитель пишет, вы отвечаете со страницы «Чаты». Когда никого нет в сети — форма для заявки.',
        'A chat button in the corner: the visitor writes, you answer from the “Chats” page. When nobody is online, a form takes a lead.',
      ),
      widget: {
        type: 'chat',
        name: l('Онлайн-чат', 'Live chat'),
        position: 'bottom-right',
        colors: { background: '#ffffff', text: '#1f2937', accent: '#7c3aed' },
        content: {
          buttonText: l('Чат с нами', 'Chat with us'),
          title: l('Онлайн-чат', 'Live chat'),
          greeting: l('Здравствуйте! Чем можем помочь?', 'Hello! How can we help?'),
          offlineText: l('Сейчас все операторы заняты. Оставьте контакты — мы ответим.', 'Everyone is busy right now. Leave your contacts and we will answer.'),
          fields: [
            { key: 'name', kind: 'name', label: l('Имя', 'Name'), required: false },
            { key: 'contact', kind: 'text', label: l('Телефон или e-mail', 'Phone or e-mail'), required: true },
            { key: 'message', kind: 'textarea', label: l('Сообщение', 'Message'), required: true },
          ],
          submitText: l('Отправить', 'Send'),
          successText: l('Спасибо! Мы ответим вам в ближайшее время.', 'Thank you! We will answer you shortly.'),
        },
      },
    },
    {
      id: 'messengers-button',
      type: 'messengers',
      title: l('Кнопка мессенджеров', 'Messenger button'),
      description: l(
        'Кнопка в углу раскрывает ссылки на Telegram, WhatsApp, ВКонтакте и телефон. Замените примеры своими контактами.',
        'A button in the corner opens links to Telegram, WhatsApp, VK and your phone. Replace the examples with your own contacts.',
      ),
      widget: {
        type: 'messengers',
        name: l('Мессенджеры', 'Messengers'),
        position: 'bottom-right',
        content: {
          buttonText: l('Написать нам', 'Message us'),
          // A channel without a label shows the server's default, which is Russian: English gets its own.
          channels: [
            { kind: 'telegram', value: TEMPLATE_EXAMPLES.telegram, label: '' },
            { kind: 'whatsapp', value: phone, label: '' },
            { kind: 'vk', value: TEMPLATE_EXAMPLES.vk, label: l('', 'VK') },
            { kind: 'phone', value: phone, label: l('', 'Call us') },
          ],
        },
      },
    },
    {
      id: 'timer-sale-ends',
      type: 'timer',
      title: l('Отсчёт до конца акции', 'Countdown to the end of a sale'),
      description: l('Полоса с обратным отсчётом; исчезает, когда время вышло.', 'A bar with a countdown; it disappears when the time is up.'),
      widget: {
        type: 'timer',
        name: l('До конца распродажи', 'Sale ends in'),
        position: 'top-bar',
        colors: { background: '#7f1d1d', text: '#ffffff', accent: '#fbbf24' },
        content: { title: l('До конца распродажи', 'The sale ends in'), endsAt: `${inAWeek}T23:59`, buttonText: l('Успеть', 'Shop now'), buttonUrl: `${site}/sale` },
      },
    },
    {
      id: 'quiz-renovation',
      type: 'quiz',
      title: l('Квиз: расчёт стоимости', 'Quiz: a price estimate'),
      description: l('Три вопроса по одному, затем контакты; ответы приходят вместе с заявкой.', 'Three questions one at a time, then contacts; the answers arrive with the lead.'),
      widget: {
        type: 'quiz',
        name: l('Квиз: стоимость ремонта', 'Quiz: renovation cost'),
        position: 'bottom-right',
        content: {
          title: l('Рассчитайте стоимость ремонта за минуту', 'Estimate your renovation cost in a minute'),
          questions: [
            { key: 'object', text: l('Что ремонтируем?', 'What are we renovating?'), options: [l('Квартиру', 'A flat'), l('Дом', 'A house'), l('Офис', 'An office')] },
            { key: 'area', text: l('Какая площадь?', 'How large is it?'), options: [l('До 40 м²', 'Up to 40 m²'), l('40–80 м²', '40–80 m²'), l('Больше 80 м²', 'Over 80 m²')] },
            { key: 'kind', text: l('Какой ремонт нужен?', 'What kind of renovation?'), options: [l('Косметический', 'Cosmetic'), l('Капитальный', 'Major'), l('Дизайнерский', 'Designer')] },
          ],
          formTitle: l('Куда прислать расчёт?', 'Where shall we send the estimate?'),
          fields: [...nameAndPhone],
          submitText: l('Получить расчёт', 'Get the estimate'),
          successText: thanks,
        },
      },
    },
  ];
}
