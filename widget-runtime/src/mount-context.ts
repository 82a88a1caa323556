// The contract between loader.js and the runtime modules rt/{type}.js (types only).
import type { EmbedConfig, EmbedWidget } from '../../server/src/contracts/embed.js';

/** What the loader hands every widget; one object per page, shared by all its widgets. */
export interface MountContext {
  /** API origin without a trailing slash, e.g. "https://widgetry.ru"; events and leads go here. */
  api: string;
  /** Site key as echoed by the config; addresses events and leads. */
  site: string;
  /** From the server config only (the tariff decides); null means no badge. */
  badge: EmbedConfig['badge'];
}

/** Returned by mount(); backs the page's `widgetry('open' | 'close', id)` commands. */
export interface WidgetHandle {
  open(): void;
  close(): void;
}

/**
 * The one export of every rt/{type}.js. Returns undefined when nothing was drawn (wrong type
 * for this module, or an inline widget whose selector matches nothing on this page).
 */
export type MountFn = (widget: EmbedWidget, ctx: MountContext) => WidgetHandle | undefined;

export interface RuntimeModule {
  mount: MountFn;
}
