// The widget tariffs of SPEC §4 as data: what each tariff contains (prices are in prices.ts).
// Only tariffs/policy.ts compares usage to these.
import { INTEGRATIONS, type Integration, PERIOD_DAYS, PERIOD_MS, type TariffId } from '#contracts/core/tariffs.js';
import type { WidgetType } from '#contracts/core/widget.js';

export type { Integration, TariffId };

/** null means unlimited. */
export interface TariffLimits {
  activeWidgets: number | null;
  widgetTypes: readonly WidgetType[] | 'all';
  impressionsPerPeriod: number | null;
  sites: number | null;
  badge: boolean;
  integrations: readonly Integration[];
}

/** The all-inclusive tariffs' service: widget requests to the operator per week, and the report kind. */
export interface ManagedService {
  requestsPerWeek: number;
  report: 'monthly' | 'extended';
  text: { ru: string; en: string };
}

export interface Tariff {
  id: TariffId;
  name: { ru: string; en: string };
  limits: TariffLimits;
  managedService: ManagedService | null;
}

const BASIC_INTEGRATIONS = ['email', 'telegram', 'webhook'] as const;

export const TARIFFS: Record<TariffId, Tariff> = {
  free: {
    id: 'free',
    name: { ru: 'Начальный', en: 'Free' },
    limits: { activeWidgets: 1, widgetTypes: ['banner', 'form'], impressionsPerPeriod: 10_000, sites: 1, badge: true, integrations: ['email'] },
    managedService: null,
  },
  start: {
    id: 'start',
    name: { ru: 'Старт', en: 'Start' },
    limits: { activeWidgets: 5, widgetTypes: 'all', impressionsPerPeriod: null, sites: null, badge: false, integrations: BASIC_INTEGRATIONS },
    managedService: null,
  },
  advanced: {
    id: 'advanced',
    name: { ru: 'Продвинутый', en: 'Advanced' },
    limits: { activeWidgets: 10, widgetTypes: 'all', impressionsPerPeriod: null, sites: null, badge: false, integrations: BASIC_INTEGRATIONS },
    managedService: null,
  },
  single: {
    id: 'single',
    name: { ru: 'Одиночный', en: 'Single' },
    limits: { activeWidgets: 5, widgetTypes: 'all', impressionsPerPeriod: null, sites: 1, badge: false, integrations: BASIC_INTEGRATIONS },
    managedService: { requestsPerWeek: 1, report: 'monthly', text: { ru: 'Обновление виджетов 1 раз в неделю, ежемесячный отчёт', en: 'Widget updates once a week, monthly report' } },
  },
  multi: {
    id: 'multi',
    name: { ru: 'Многофункциональный', en: 'Multi' },
    limits: { activeWidgets: 10, widgetTypes: 'all', impressionsPerPeriod: null, sites: null, badge: false, integrations: [...BASIC_INTEGRATIONS, 'amocrm', 'bitrix24'] },
    managedService: { requestsPerWeek: 2, report: 'extended', text: { ru: 'Обновление виджетов 2 раза в неделю, расширенные отчёты', en: 'Widget updates twice a week, extended reports' } },
  },
  network: {
    id: 'network',
    name: { ru: 'Сетевой', en: 'Network' },
    limits: { activeWidgets: 40, widgetTypes: 'all', impressionsPerPeriod: null, sites: null, badge: false, integrations: INTEGRATIONS },
    managedService: { requestsPerWeek: 3, report: 'extended', text: { ru: 'Обновление виджетов 3 раза в неделю, расширенные отчёты', en: 'Widget updates three times a week, extended reports' } },
  },
  individual: {
    id: 'individual',
    name: { ru: 'Индивидуальный', en: 'Individual' },
    // Placeholder only: an Individual account always carries its own limits (accounts.individual_limits).
    limits: { activeWidgets: 1, widgetTypes: ['banner', 'form'], impressionsPerPeriod: 10_000, sites: 1, badge: true, integrations: ['email'] },
    // What an Individual account gets is in its commercial offer; the operator works it by hand.
    managedService: null,
  },
};

/** Tariffs in the order they are offered, cheapest first: used to name "the tariff that lifts a limit". */
export const UPGRADE_ORDER: readonly TariffId[] = ['free', 'start', 'advanced', 'single', 'multi', 'network'];

/** The period is shared with the dashboard, which dates a period's end: contracts/core/tariffs.ts. */
export { PERIOD_DAYS, PERIOD_MS };
