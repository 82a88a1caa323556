// Passes this node's cache invalidations (platform/lib/invalidations.ts) to every other node
// through a Redis channel, and applies theirs here: a dashboard change reaches the embed config
// cache of every node at once instead of after the cache's lifetime. While Redis is away the
// other nodes' changes are missed, and the caches' own lifetime (60 s) bounds how stale they get.
import { randomBytes } from 'node:crypto';
import type { Invalidations, InvalidationScope } from '../lib/invalidations.js';
import type { Logger } from '../lib/logger.js';
import { createRedis } from './client.js';

export interface InvalidationRelay {
  close(): Promise<void>;
}

export function relayInvalidations(invalidations: Invalidations, { url, prefix, logger }: { url: string; prefix: string; logger: Logger }): InvalidationRelay {
  const pub = createRedis(url, { name: 'widgetry-invalidations' });
  const sub = createRedis(url, { name: 'widgetry-invalidations-in', queueWhileOffline: true });
  const channel = `${prefix}invalidate`;
  // Every node hears its own messages too: the origin tells them apart (this node applied them already).
  const origin = randomBytes(6).toString('hex');
  const stop = invalidations.onLocal(({ scope, id }) => {
    pub.publish(channel, `${origin}\n${scope}\n${id}`).catch((err: unknown) => logger.warn('cache.invalidation_relay_failed', { error: String(err) }));
  });
  sub.on('message', (ch: string, message: string) => {
    if (ch !== channel) return;
    const [from, scope, id] = message.split('\n');
    if (from === origin || !id || (scope !== 'site' && scope !== 'account')) return;
    invalidations.apply({ scope: scope as InvalidationScope, id });
  });
  void sub.subscribe(channel).catch((err: unknown) => logger.warn('cache.invalidation_subscribe_failed', { error: String(err) }));
  return {
    async close() {
      stop();
      sub.disconnect();
      await pub.quit().catch(() => pub.disconnect());
    },
  };
}
