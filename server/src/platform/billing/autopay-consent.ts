// The autopay consent a licensee gives (at checkout, by ticking "save the card for autopay",
// or later on the billing page): what will be charged, how often, and how to stop it. The
// exact text is stored with the time it was given.
import type { TariffId } from '#contracts/core/tariffs.js';
import type { Db } from '../db/store.js';
import { PERIOD_DAYS, TARIFFS } from '../tariffs/catalogue.js';
import { chargedKopecks, tariffPrice } from '../tariffs/prices.js';

export function autopayConsentText(priceRub: string, tariffName: string): string {
  return `Я соглашаюсь на автоматическое списание ${priceRub} ₽ с моей банковской карты каждые ${PERIOD_DAYS} дней в оплату тарифа «${tariffName}». Автоплатёж можно отключить в любой момент в разделе «Оплата» личного кабинета.`;
}

/** The consent for a tariff at today's price: the amount the scheduler charges (price less the operator's discount). */
export async function autopayConsentFor(db: Pick<Db, 'select' | 'tables'>, tariffId: string, accountId: string): Promise<string> {
  // The account matters for Individual tariffs, whose price is set per account.
  const price = await tariffPrice(db, tariffId as TariffId, accountId);
  const charged = price ? chargedKopecks(price) : 0;
  return autopayConsentText((charged / 100).toFixed(2), TARIFFS[tariffId as TariffId]?.name.ru ?? tariffId);
}
