// Names of tariffs and integrations, shared by the catalogue, the admin API and the dashboard.
export const TARIFF_IDS = ['free', 'start', 'advanced', 'single', 'multi', 'network', 'individual'] as const;
export type TariffId = (typeof TARIFF_IDS)[number];

export const INTEGRATIONS = ['email', 'telegram', 'webhook', 'amocrm', 'bitrix24', 'calltouch', 'roistat', '1c'] as const;
export type Integration = (typeof INTEGRATIONS)[number];

/** A price less a percentage discount, rounded to whole kopecks: the one rule for every tariff and every screen. */
export const discountedKopecks = (priceKopecks: number, discountPercent: number): number => Math.round((priceKopecks * (100 - discountPercent)) / 100);

/** The widget tariffs' period: what a payment buys, and the span impressions are counted over. */
export const PERIOD_DAYS = 30;
export const PERIOD_MS = PERIOD_DAYS * 86_400_000;
