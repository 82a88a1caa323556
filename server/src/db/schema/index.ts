export * from './accounts.js';
export * from './sites.js';
export * from './widgets.js';
export * from './leads.js';
export * from './usage.js';
export * from './billing.js';
export * from './operator.js';
