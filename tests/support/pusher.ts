// A licensee's stock realtime clients pointed at our host: pusher-js (its Node build) subscribes,
// and the official `pusher` server SDK signs its private and presence channels, as the
// licensee's own backend would.
import type PusherServer from 'pusher';
import Pusher from 'pusher-js';

export interface PusherHost {
  key: string;
  host: string;
  port: number;
  useTLS: boolean;
}

/** A pusher-js client of `at`, over WebSocket only; `signer` authorizes its private and presence channels (as `presence` on the latter). */
export function pusherClient(at: PusherHost, signer: PusherServer, presence?: { user_id: string }): Pusher {
  return new Pusher(at.key, {
    cluster: 'mt1',
    wsHost: at.host,
    wsPort: at.port,
    forceTLS: at.useTLS,
    enabledTransports: ['ws'],
    channelAuthorization: { endpoint: '/unused', transport: 'ajax', customHandler: ({ socketId, channelName }, cb) => cb(null, signer.authorizeChannel(socketId, channelName, presence)) },
  });
}

/** Subscribes and waits for the server's answer: resolves with the members (of a presence channel), rejects on a refusal. */
export const subscribed = (client: Pusher, channel: string) =>
  new Promise<{ count: number }>((resolve, reject) => {
    const ch = client.subscribe(channel);
    ch.bind('pusher:subscription_succeeded', (members: { count: number }) => resolve(members));
    ch.bind('pusher:subscription_error', (err: unknown) => reject(new Error(`subscription_error ${JSON.stringify(err)}`)));
  });
