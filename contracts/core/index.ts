// What the loader, runtime, dashboard and server share, free of dependencies: types, constants
// and pure functions the embed may import as values within its byte budgets.
export * from './chat.js';
export * from './cross-border.js';
export * from './display-rules.js';
export * from './domains.js';
export * from './embed-widget.js';
export * from './embed.js';
export * from './errors.js';
export * from './lang.js';
export * from './layout.js';
export * from './leads.js';
export * from './live.js';
export * from './messengers.js';
export * from './phone-format.js';
export * from './rules.js';
export * from './tariffs.js';
export * from './team.js';
export * from './template-examples.js';
export * from './timezone.js';
export * from './url-match.js';
export * from './validation.js';
export * from './widget.js';
