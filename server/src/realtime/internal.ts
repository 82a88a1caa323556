// The platform's own realtime "app": the dashboard's live account channel and the chat widget
// ride the same WebSocket endpoint and hub as licensees' projects, but under a reserved key
// that has no database row. It is not a licensee's project, so its traffic is never counted
// against any project's message or connection limits, and it is not logged as theirs.
// createInternalLive implements the platform's LivePublisher port on the broker: every node.
import { createHmac } from 'node:crypto';
import type { LivePublisher } from '../platform/live/port.js';
import { CODES } from './protocol.js';
import { publishInternal } from './publish.js';
import type { Realtime } from './service.js';
import { signChannel } from './signatures.js';

/** Clients connect to /app/platform. Project keys are 20 hex digits, so this can never clash. */
export const INTERNAL_APP_KEY = 'platform';
/** The hub's project id for internal traffic; real project ids start with "rtp_". */
export const INTERNAL_PROJECT_ID = 'internal';
/** Open internal sockets per node (dashboard tabs + open chats): a guard, not a tariff. */
const INTERNAL_CONNECTION_LIMIT = 20_000;
export const mayOpenInternalConnection = (openNow: number) => openNow < INTERNAL_CONNECTION_LIMIT;

/** Only private channels exist on the internal app: every subscription is authorized by us. */
const accountChannel = (accountId: string) => `private-account-${accountId}`;
const chatChannel = (conversationId: string) => `private-chat-${conversationId}`;

/** Derived from the sealing key, so it needs no configuration and never leaves the server. */
export const deriveInternalSecret = (sealingKey: Buffer): string => createHmac('sha256', sealingKey).update('widgetry-internal-realtime').digest('hex');

/** The live channel, through the broker: a publish reaches the account's dashboards on every node. */
export function createInternalLive(rt: Realtime): LivePublisher {
  return {
    appKey: INTERNAL_APP_KEY,
    accountChannel,
    chatChannel,
    sign: (socketId, channel) => signChannel(INTERNAL_APP_KEY, rt.internalSecret(), socketId, channel),
    toAccount: (accountId, event, data) => publishInternal(rt, INTERNAL_PROJECT_ID, [accountChannel(accountId)], event, data),
    toChat: (conversationId, event, data) => publishInternal(rt, INTERNAL_PROJECT_ID, [chatChannel(conversationId)], event, data),
    /**
     * No socket may keep receiving the account's events after a logout (or the account's
     * deletion): its dashboards are told to reconnect (4200), and each then needs a live session
     * to get the channel signed again — a signed-out tab gets 401 and shows the sign-in form.
     * Every node's sockets: the order goes through the broker like any delivery.
     */
    closeAccount: (accountId) => rt.hub.closeEverywhere(INTERNAL_PROJECT_ID, accountChannel(accountId), CODES.RECONNECT_NOW, 'Session ended: authorize again'),
    /** A subscriber on the account's channel on any node. Unknown (Redis away) reads as offline: the chat then says replies come later. */
    operatorsOnline: async (accountId) => {
      try {
        const [subscribers] = await rt.broker.subscriptionCounts(INTERNAL_PROJECT_ID, [accountChannel(accountId)]);
        return (subscribers ?? 0) > 0;
      } catch {
        return false;
      }
    },
  };
}
