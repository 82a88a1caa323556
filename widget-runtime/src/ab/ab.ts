// rt/ab.js: imported by the loader, and waited for, when the config says a widget runs an A/B
// test (EmbedConfig.ab), after it has listed the widgets (`widgetry.l`) and before it reads any
// rule: draws each tested widget's variant for this page view (draw.ts).
import type { LoaderWidgetState } from '#contracts/core/debug.js';
import { createStore } from '#contracts/core/frequency-store.js';
import { drawVariants } from './draw.js';

drawVariants((window as unknown as { widgetry?: { l?: LoaderWidgetState[] } }).widgetry?.l ?? [], createStore(window), Math.random, document);
