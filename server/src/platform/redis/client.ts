// Connections to Redis (REDIS_URL), the state that several nodes share. ioredis reconnects by
// itself with a back-off, so a Redis restart heals without the app's help; commands do not wait
// in an offline queue (they fail at once), so a node without Redis says so instead of hanging.
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

export type { Redis };

// Loaded on the first connection, not with the app: ioredis adds ~25 MB to a process, and a
// single node (no REDIS_URL) never connects.
let RedisClass: typeof Redis | undefined;
const redisClass = () => (RedisClass ??= (createRequire(import.meta.url)('ioredis') as typeof import('ioredis')).Redis);

export interface RedisOptions {
  /** Shown by CLIENT LIST: which node and which part holds the connection. */
  name: string;
  /** Keep commands issued while disconnected until the connection is back (pub/sub subscriptions only). */
  queueWhileOffline?: boolean;
}

export function createRedis(url: string, { name, queueWhileOffline = false }: RedisOptions): Redis {
  const redis = new (redisClass())(url, {
    connectionName: name,
    enableOfflineQueue: queueWhileOffline,
    // One attempt per command: a refusal is better than a request held for seconds.
    maxRetriesPerRequest: 1,
    // Every 100 ms at first, at most every 2 s: a Redis that comes back is used within 2 s.
    retryStrategy: (times) => Math.min(times * 100, 2000),
    connectTimeout: 2000,
    lazyConnect: false,
  });
  // ioredis reports each failed reconnect as an 'error' event; without a listener node would throw.
  redis.on('error', () => {});
  return redis;
}

/**
 * A Lua script run by EVALSHA, loaded again after NOSCRIPT (a Redis restart empties its script
 * cache). Scripts take their keys from a prefix argument: this app runs on one Redis (or a
 * Sentinel-managed primary), not on a Redis Cluster, where keys would have to be declared.
 */
export function defineScript(redis: Redis, name: string, source: string): (...args: (string | number)[]) => Promise<unknown> {
  redis.defineCommand(name, { numberOfKeys: 0, lua: source });
  const command = (redis as unknown as Record<string, (...args: (string | number)[]) => Promise<unknown>>)[name]!;
  return (...args) => command.call(redis, ...args);
}
