// The explainer's words, Russian or English by the build (rt/ or rt/en/, which the loader picks
// by <html lang>). Its own flag rather than shell/i18n.ts: rt/debug.js must share no module with
// the widget types, or the bundler would split a chunk off the one every type shares.
import type { RuleMiss } from '#contracts/core/display-rules.js';
import type { ServeReason } from '#contracts/core/debug.js';

declare const WIDGETRY_EN: boolean | undefined;
export const EN = typeof WIDGETRY_EN != 'undefined' && WIDGETRY_EN;

const date = (ms: number) => new Date(ms).toLocaleString(EN ? 'en-GB' : 'ru-RU', { dateStyle: 'medium', timeStyle: 'short' });

export const T = {
  header: (site: string, host: string | null, n: number) =>
    EN ? `debug mode: site ${site}, page on ${host ?? '(no Origin/Referer)'}, ${n} widget(s)` : `режим отладки: сайт ${site}, страница на ${host ?? '(нет Origin/Referer)'}, виджетов: ${n}`,
  siteUnknown: (site: string) => (EN ? `site key “${site}” not found: check data-site in the installation code` : `ключ сайта «${site}» не найден: проверьте data-site в коде установки`),
  noSiteKey: EN ? 'no <script data-site="…"> of Widgetry on this page' : 'на странице нет <script data-site="…"> Widgetry',
  unreachable: EN ? 'the debug answer did not arrive (network or server): see the Network tab' : 'ответ отладки не пришёл (сеть или сервер): смотрите вкладку Network',
  noWidgets: EN ? 'the site has no widgets yet' : 'у сайта пока нет виджетов',
  shows: EN ? 'shows' : 'показывается',
  notShown: EN ? 'does not show' : 'не показывается',
  serve: (reason: ServeReason, host: string | null, resetsAt?: number): string =>
    ({
      domain_not_registered: EN
        ? `this page is on ${host ?? '(unknown host)'}, which is not one of the site's domains: add it on the site's page in the dashboard`
        : `страница на ${host ?? '(неизвестный хост)'}, а это не домен сайта: добавьте его на странице сайта в панели`,
      account_blocked: EN ? 'the account is blocked by the operator (the reason is in the dashboard)' : 'аккаунт заблокирован оператором (причина — в панели)',
      widget_blocked: EN ? 'the widget is blocked by the operator (the reason is in the dashboard)' : 'виджет заблокирован оператором (причина — в панели)',
      period_expired: EN
        ? 'the paid period ended unpaid and the widget was switched off: paying again switches it back on'
        : 'оплаченный период закончился, виджет выключен: после оплаты он включится снова',
      widget_off: EN ? 'the widget is switched off: switch it on in the dashboard' : 'виджет выключен: включите его в панели',
      type_not_in_tariff: EN ? 'this widget type is not in the tariff: see Tariff in the dashboard' : 'этого типа виджета нет в тарифе: см. «Тариф» в панели',
      limit_widgets: EN
        ? 'more widgets are on than the tariff allows (the oldest are shown): switch one off or change the tariff'
        : 'включено больше виджетов, чем позволяет тариф (показываются самые старые): выключите лишний или смените тариф',
      impression_cap: EN
        ? `the tariff's impressions for the period are used up, until ${resetsAt ? date(resetsAt) : 'the next period'}`
        : `показы тарифа за период исчерпаны, до ${resetsAt ? date(resetsAt) : 'следующего периода'}`,
      not_drawable: EN ? 'nothing to show (the countdown has ended)' : 'нечего показывать (отсчёт таймера закончился)',
    })[reason],
  rule: (miss: RuleMiss, mobile: boolean, tz: string): string =>
    ({
      url: EN ? 'page URL rule: this page is not on the list, or it is excluded' : 'правило адреса: этой страницы нет в списке или она исключена',
      device: EN
        ? `device rule: the widget is for ${mobile ? 'desktops' : 'phones and tablets'}, this is ${mobile ? 'a phone or tablet' : 'a desktop'}`
        : `правило устройства: виджет для ${mobile ? 'компьютеров' : 'телефонов и планшетов'}, а это ${mobile ? 'телефон или планшет' : 'компьютер'}`,
      utm: EN ? 'UTM rule: the UTM tags of the landing page do not match' : 'правило UTM: метки страницы входа не подходят',
      ref: EN ? 'referrer rule: where the visitor came from does not match (a direct visit matches none)' : 'правило источника: переход не оттуда (прямой заход не подходит ни под одно условие)',
      schedule: EN ? `schedule: not the time to show now (time zone ${tz})` : `расписание: сейчас не время показа (часовой пояс ${tz})`,
    })[miss],
  delay: (s: number) => (EN ? `trigger still waiting: ${s} s after the page opened` : `условие показа ещё не наступило: через ${s} с после открытия страницы`),
  scroll: (p: number) => (EN ? `trigger still waiting: scrolling ${p} % of the page` : `условие показа ещё не наступило: прокрутка страницы на ${p} %`),
  exit: EN ? 'trigger still waiting: the visitor about to leave (exit intent)' : 'условие показа ещё не наступило: посетитель собирается уйти (exit intent)',
  click: (sel: string, found: boolean) =>
    EN
      ? `trigger still waiting: a click on “${sel}”${found ? '' : ' (no such element on this page)'}`
      : `условие показа ещё не наступило: клик по «${sel}»${found ? '' : ' (такого элемента на странице нет)'}`,
  submitted: EN ? 'frequency: the form was submitted in this browser, never again after that' : 'частота: форма уже отправлена в этом браузере, больше не показывается',
  session: EN ? 'frequency: already shown in this tab (once per session); resets when the tab is closed' : 'частота: уже показан в этой вкладке (раз за сеанс); сбросится, когда вкладку закроют',
  every: (days: number, at: number) => (EN ? `frequency: once per ${days} day(s), shown again after ${date(at)}` : `частота: раз в ${days} дн., снова после ${date(at)}`),
  resetHint: EN ? 'to reset in this browser, open the page with ?widgetry_debug=reset' : 'сбросить в этом браузере: откройте страницу с ?widgetry_debug=reset',
  inline: (sel: string) => (EN ? `inline target “${sel}” not found on this page` : `место для встраивания «${sel}» на странице не найдено`),
  failed: EN ? 'could not be drawn (the error is above in the console)' : 'не удалось нарисовать (ошибка — выше в консоли)',
  missing: EN ? 'not in the config this page loaded: reload the page' : 'нет в конфигурации, которую загрузила страница: обновите страницу',
  previewShown: (id: string) =>
    EN ? `preview of the draft of ${id}: shown to this browser tab only, nothing is counted` : `предпросмотр черновика ${id}: виден только в этой вкладке, ничего не засчитывается`,
  previewExpired: EN ? 'the preview link has expired (it lasts 10 minutes): open it again from the editor' : 'ссылка предпросмотра устарела (она живёт 10 минут): откройте её снова из редактора',
  previewForeign: EN
    ? 'this preview link was opened in another browser or tab first, so it shows nothing here: open it again from the editor'
    : 'эту ссылку предпросмотра уже открыли в другом браузере или вкладке, здесь она ничего не покажет: откройте её снова из редактора',
  previewInvalid: EN
    ? 'the preview link is not valid (damaged or not ours): open it again from the editor'
    : 'ссылка предпросмотра недействительна (повреждена или не наша): откройте её снова из редактора',
  reset: (n: number) => (EN ? `frequency caps reset for ${n} widget(s): reload the page` : `частота показа сброшена для виджетов: ${n}; обновите страницу`),
};
