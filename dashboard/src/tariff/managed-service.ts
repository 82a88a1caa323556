// The all-inclusive tariffs, whose price includes the operator's widget work (service requests,
// SPEC §4). /api/me names the account's tariff but not its service, so the navigation decides by
// id; tests/managed-service-tariffs.test.ts keeps this list equal to the server's catalogue.
import type { TariffId } from '#contracts/core/tariffs.js';
import { locale, t } from '../i18n/i18n.js';
import { tariffName } from './tariff-names.js';

export const MANAGED_SERVICE_TARIFFS: readonly TariffId[] = ['single', 'multi', 'network'];

export const hasManagedService = (tariffId: string): boolean => (MANAGED_SERVICE_TARIFFS as readonly string[]).includes(tariffId);

/** «Одиночный», «Многофункциональный» и «Сетевой» / “Single”, “Multi” and “Network”. */
export const managedServiceTariffList = (): string => new Intl.ListFormat(locale(), { type: 'conjunction' }).format(MANAGED_SERVICE_TARIFFS.map((id) => t('tariff.quoted', { name: tariffName(id) })));
