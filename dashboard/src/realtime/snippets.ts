// Ready-to-paste client code for a project, built from the host settings the server sends
// (views.ts connectionSettings): pusher-js, Laravel Echo (+ its .env) and the `pusher` Node SDK.
// The secret is never in them: it is shown once, and goes into the licensee's own env.
import type { RtProject } from './types.js';

export type SnippetId = 'pusherJs' | 'echo' | 'laravelEnv' | 'node';
export const SNIPPET_IDS: readonly SnippetId[] = ['pusherJs', 'echo', 'laravelEnv', 'node'];

type Conn = RtProject['connection'];

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The options pusher-js and Echo share; `cluster` is required by pusher-js but unused by us. */
function clientOptions(c: Conn, indent: string): string {
  return [
    `cluster: ${q(c.pusherJs.cluster)}, // required by pusher-js, not used by this host`,
    `wsHost: ${q(c.host)},`,
    `wsPort: ${c.port},`,
    `wssPort: ${c.port},`,
    `forceTLS: ${c.useTLS},`,
    `enabledTransports: ['ws', 'wss'],`,
  ]
    .map((l) => indent + l)
    .join('\n');
}

export function snippet(id: SnippetId, c: Conn): string {
  switch (id) {
    case 'pusherJs':
      return [
        `import Pusher from 'pusher-js';`,
        ``,
        `const pusher = new Pusher(${q(c.key)}, {`,
        clientOptions(c, '  '),
        `  // private- and presence- channels: your backend signs (see the Node SDK tab)`,
        `  channelAuthorization: { endpoint: '/pusher/auth', transport: 'ajax' },`,
        `});`,
        `pusher.subscribe('orders').bind('order-created', (data) => console.log(data));`,
      ].join('\n');
    case 'echo':
      return [
        `import Echo from 'laravel-echo';`,
        `import Pusher from 'pusher-js';`,
        ``,
        `window.Pusher = Pusher;`,
        `window.Echo = new Echo({`,
        `  broadcaster: 'pusher',`,
        `  key: ${q(c.key)},`,
        clientOptions(c, '  '),
        `});`,
        `window.Echo.channel('orders').listen('.order-created', (e) => console.log(e));`,
      ].join('\n');
    case 'laravelEnv':
      return [
        `BROADCAST_CONNECTION=pusher`,
        `PUSHER_APP_ID=${c.appId}`,
        `PUSHER_APP_KEY=${c.key}`,
        `PUSHER_APP_SECRET=<secret>`,
        `PUSHER_HOST=${c.host}`,
        `PUSHER_PORT=${c.port}`,
        `PUSHER_SCHEME=${c.useTLS ? 'https' : 'http'}`,
        `PUSHER_APP_CLUSTER=${c.pusherJs.cluster}`,
      ].join('\n');
    case 'node':
      return [
        `// npm install pusher`,
        `const Pusher = require('pusher');`,
        ``,
        `const pusher = new Pusher({`,
        `  appId: ${q(c.appId)},`,
        `  key: ${q(c.key)},`,
        `  secret: process.env.PUSHER_APP_SECRET, // shown once in the dashboard`,
        `  host: ${q(c.host)},`,
        `  port: ${q(String(c.port))},`,
        `  useTLS: ${c.useTLS},`,
        `});`,
        ``,
        `await pusher.trigger('orders', 'order-created', { id: 1 });`,
        `// your channel authorization endpoint for private-/presence- channels:`,
        `// res.json(pusher.authorizeChannel(req.body.socket_id, req.body.channel_name));`,
      ].join('\n');
  }
}
