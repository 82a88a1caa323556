// The billing mails — a payment received or failed, the reminder 3 days before a period ends
// (autopay or not), the end of an unpaid period — in the account's language (accounts.lang: its
// dashboard's at the last sign-in or switch). Dates are Moscow days, as the offer reckons periods.
import { localeOf, type Lang } from '#contracts/core/lang.js';
import type { AppDeps } from '../../deps.js';
import { TARIFFS } from '../tariffs/catalogue.js';
import { cancellationText } from './cancellation-reasons.js';
import { dashboardUrl } from '../mail/dashboard-url.js';

type Env = Pick<AppDeps['env'], 'BRAND_NAME' | 'PUBLIC_URL'>;
export interface BillingMail {
  subject: string;
  text: string;
}

const day = (ms: number, lang: Lang) => new Date(ms).toLocaleDateString(localeOf(lang), { timeZone: 'Europe/Moscow' });
const rub = (kopecks: number, lang: Lang) => `${(kopecks / 100).toLocaleString(localeOf(lang), { minimumFractionDigits: 2 })} ₽`;
const billingUrl = (env: Env, lang: Lang) => dashboardUrl(env, 'billing', lang);

export function paymentReceivedMail(env: Env, lang: Lang, p: { amountKopecks: number; paidUntil: number; receiptByYooKassa: boolean }): BillingMail {
  const [amount, until] = [rub(p.amountKopecks, lang), day(p.paidUntil, lang)];
  return lang === 'en'
    ? {
        subject: `${env.BRAND_NAME}: payment received`,
        text: `Payment of ${amount} received. The tariff is paid until ${until}.${p.receiptByYooKassa ? ' The receipt comes in a separate mail from YooKassa.' : ''}\n${billingUrl(env, lang)}`,
      }
    : {
        subject: `${env.BRAND_NAME}: оплата получена`,
        text: `Оплата ${amount} получена. Тариф оплачен до ${until}.${p.receiptByYooKassa ? ' Чек придёт отдельным письмом от ЮKassa.' : ''}\n${billingUrl(env, lang)}`,
      };
}

/** `switchedOff`: the widgets a failed autopay charge switched off, null when it ended no period. */
export function paymentFailedMail(env: Env, lang: Lang, p: { amountKopecks: number; reason: string | undefined; switchedOff: number | null }): BillingMail {
  const [amount, why] = [rub(p.amountKopecks, lang), cancellationText(p.reason, lang) ?? ''];
  if (lang === 'en') {
    const ended = p.switchedOff !== null ? ` The paid period has ended and the widgets are switched off (${p.switchedOff}). Pay for the tariff to switch them on again.` : '';
    return { subject: `${env.BRAND_NAME}: payment failed`, text: `The payment of ${amount} did not go through. ${why}${ended}\n${billingUrl(env, lang)}` };
  }
  const ended = p.switchedOff !== null ? ` Оплаченный период закончился, виджеты отключены (${p.switchedOff}). Оплатите тариф, чтобы включить их снова.` : '';
  return { subject: `${env.BRAND_NAME}: платёж не прошёл`, text: `Платёж ${amount} не прошёл. ${why}${ended}\n${billingUrl(env, lang)}` };
}

/**
 * Three days ahead: the saved card is charged (`autopay` with its title and the amount, null when
 * the tariff has no price), or the period simply ends.
 */
export function periodEndingMail(env: Env, lang: Lang, p: { periodEnd: number; autopay: { cardTitle: string; amountKopecks: number | null } | null }): BillingMail {
  const [end, url] = [day(p.periodEnd, lang), billingUrl(env, lang)];
  const amount = p.autopay?.amountKopecks != null ? rub(p.autopay.amountKopecks, lang) : '';
  if (lang === 'en') {
    return p.autopay
      ? {
          subject: `${env.BRAND_NAME}: autopay coming soon`,
          text: `On ${end}, ${amount} will be charged to the card ${p.autopay.cardTitle} for the next 30 days (autopay). You can switch autopay off in the dashboard at any time: ${url}`,
        }
      : { subject: `${env.BRAND_NAME}: the paid period ends in 3 days`, text: `The paid period ends on ${end}. Unless the tariff is renewed, every widget will be switched off. Renew: ${url}` };
  }
  return p.autopay
    ? {
        subject: `${env.BRAND_NAME}: скоро автоплатёж`,
        text: `${end} с карты ${p.autopay.cardTitle} будет списано ${amount} за следующие 30 дней (автоплатёж). Отключить автоплатёж можно в кабинете в любой момент: ${url}`,
      }
    : { subject: `${env.BRAND_NAME}: период заканчивается через 3 дня`, text: `Оплаченный период заканчивается ${end}. Если не продлить тариф, все виджеты отключатся. Продлить: ${url}` };
}

export function periodEndedMail(env: Env, lang: Lang, switchedOff: number): BillingMail {
  const free = TARIFFS.free.name[lang];
  return lang === 'en'
    ? {
        subject: `${env.BRAND_NAME}: the paid period has ended, widgets are switched off`,
        text: `The paid period has ended: the account is on the “${free}” tariff now and every widget is switched off (${switchedOff}). Nothing is deleted: pay for a tariff and the widgets switch on again. ${billingUrl(env, lang)}`,
      }
    : {
        subject: `${env.BRAND_NAME}: оплаченный период закончился, виджеты отключены`,
        text: `Оплаченный период закончился, аккаунт переведён на тариф «${free}», все виджеты отключены (${switchedOff}). Ничего не удалено: оплатите тариф — и виджеты включатся снова. ${billingUrl(env, lang)}`,
      };
}
