// The zod schemas over core/: what the server validates every request with, and what the
// dashboard checks forms with before sending.
export * from './accounts.js';
export * from './admin.js';
export * from './billing.js';
export * from './chat.js';
export * from './embed.js';
export * from './errors.js';
export * from './integrations.js';
export * from './leads.js';
export * from './live.js';
export * from './operator.js';
export * from './realtime.js';
export * from './requisites.js';
export * from './rules.js';
export * from './services.js';
export * from './sites.js';
export * from './widget.js';
export * from './team.js';
export * from './stats.js';
