// The SQLite twins of schema/*.ts as named exports, which is how drizzle-kit finds tables: the
// SQLite migrations (drizzle/sqlite) are generated from this file (drizzle.sqlite.config.ts).
// The app itself takes the twins from sqliteTwins() in sqlite-store.ts; tables.test.ts checks
// that this list names every table of the schema.
import { sqliteTwins } from '../sqlite-twins.js';
import * as schema from './index.js';

const twins = sqliteTwins(schema);
export const abuseComplaints = twins.abuseComplaints;
export const badgeVisits = twins.badgeVisits;
export const accounts = twins.accounts;
export const chatConversations = twins.chatConversations;
export const chatMessages = twins.chatMessages;
export const consentTexts = twins.consentTexts;
export const deliveries = twins.deliveries;
export const deliveryAttempts = twins.deliveryAttempts;
export const destructionRecords = twins.destructionRecords;
export const emailConfirmations = twins.emailConfirmations;
export const erasures = twins.erasures;
export const impressionPeriods = twins.impressionPeriods;
export const integrations = twins.integrations;
export const invoices = twins.invoices;
export const jobRuns = twins.jobRuns;
export const leadEvents = twins.leadEvents;
export const leadAccessJournal = twins.leadAccessJournal;
export const leads = twins.leads;
export const loginCodes = twins.loginCodes;
export const mailOutbox = twins.mailOutbox;
export const monthlyReports = twins.monthlyReports;
export const notices = twins.notices;
export const notifications = twins.notifications;
export const paymentTransitions = twins.paymentTransitions;
export const payments = twins.payments;
export const promoCodes = twins.promoCodes;
export const rateLimits = twins.rateLimits;
export const realtimeAccountStates = twins.realtimeAccountStates;
export const realtimeConnectionLogs = twins.realtimeConnectionLogs;
export const realtimeLimitUpgrades = twins.realtimeLimitUpgrades;
export const realtimeLogAccessJournal = twins.realtimeLogAccessJournal;
export const realtimeMessageLogs = twins.realtimeMessageLogs;
export const realtimeProjects = twins.realtimeProjects;
export const realtimeUsageDaily = twins.realtimeUsageDaily;
export const serviceRequests = twins.serviceRequests;
export const sessions = twins.sessions;
export const siteForeignHosts = twins.siteForeignHosts;
export const sites = twins.sites;
export const subscriptions = twins.subscriptions;
export const tariffPrices = twins.tariffPrices;
export const teamMembers = twins.teamMembers;
export const widgetDailyBreakdowns = twins.widgetDailyBreakdowns;
export const widgetDailyStats = twins.widgetDailyStats;
export const widgetSuspensions = twins.widgetSuspensions;
export const widgets = twins.widgets;
export const widgetPreviews = twins.widgetPreviews;
export const widgetVariants = twins.widgetVariants;
export const variantDailyStats = twins.variantDailyStats;
