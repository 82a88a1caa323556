// The platform's own realtime "app": the dashboard's live account channel and the chat widget
// ride the same WebSocket endpoint and hub as licensees' projects, but under a reserved key
// that has no database row. It is not a licensee's project, so its traffic is never counted
// against any project's message or connection limits, and it is not logged as theirs.
import { createHmac } from 'node:crypto';
import type { AppDeps } from '../deps.js';
import type { Env } from '../env.js';
import { integrationsKey } from '../widgets/integrations/key.js';
import { CODES } from './protocol.js';
import { publishInternal } from './publish.js';
import { realtimeFor } from './service.js';
import { signChannel } from './signatures.js';

/** Clients connect to /app/platform. Project keys are 20 hex digits, so this can never clash. */
export const INTERNAL_APP_KEY = 'platform';
/** The hub's project id for internal traffic; real project ids start with "rtp_". */
export const INTERNAL_PROJECT_ID = 'internal';
/** Open internal sockets per node (dashboard tabs + open chats): a guard, not a tariff. */
const INTERNAL_CONNECTION_LIMIT = 20_000;
export const mayOpenInternalConnection = (openNow: number) => openNow < INTERNAL_CONNECTION_LIMIT;

/** Only private channels exist on the internal app: every subscription is authorized by us. */
export const accountChannel = (accountId: string) => `private-account-${accountId}`;
export const chatChannel = (conversationId: string) => `private-chat-${conversationId}`;

const secrets = new WeakMap<Env, string>();

/** Derived from the integrations key, so it needs no configuration and never leaves the server. */
export function internalSecret(env: Env): string {
  let s = secrets.get(env);
  if (!s) {
    s = createHmac('sha256', integrationsKey(env)).update('widgetry-internal-realtime').digest('hex');
    secrets.set(env, s);
  }
  return s;
}

export const signInternalChannel = (env: Env, socketId: string, channel: string) => signChannel(INTERNAL_APP_KEY, internalSecret(env), socketId, channel);

/** Pushes an event to every dashboard tab of the account. */
export function publishToAccount(deps: AppDeps, accountId: string, event: string, data: unknown): void {
  publishInternal(realtimeFor(deps), INTERNAL_PROJECT_ID, [accountChannel(accountId)], event, data);
}

export function publishToChat(deps: AppDeps, conversationId: string, event: string, data: unknown): void {
  publishInternal(realtimeFor(deps), INTERNAL_PROJECT_ID, [chatChannel(conversationId)], event, data);
}

/**
 * After a logout (or the account's deletion) no socket may keep receiving the account's events:
 * its dashboards are told to reconnect (4200), and each then needs a live session to get the
 * channel signed again — a signed-out tab gets 401 and shows the sign-in form. Only this node's
 * sockets; with several nodes this goes through the broker like any delivery.
 */
export const closeAccountSockets = (deps: AppDeps, accountId: string) =>
  realtimeFor(deps).hub.closeChannel(INTERNAL_PROJECT_ID, accountChannel(accountId), CODES.RECONNECT_NOW, 'Session ended: authorize again');

/**
 * Whether someone has the account's dashboard open on this node (its live channel has a
 * subscriber). With several nodes this becomes a broker-wide presence count (README, Scale-out).
 */
export const operatorsOnline = (deps: AppDeps, accountId: string) => realtimeFor(deps).hub.subscriberCount(INTERNAL_PROJECT_ID, accountChannel(accountId)) > 0;
