// What app nodes must share to act as one realtime service: the fan-out of published frames
// and the connection counters. One node uses the in-process broker below; several nodes use a
// Redis or NATS one with the same interface (README, "Scaling out"). The daily message counter
// is not here: it is one conditional UPDATE in the shared SQL database, exact on any number of
// nodes (platform/tariffs/realtime-policy.ts).

/** A frame for one channel's subscribers, on every node. */
export interface Delivery {
  projectId: string;
  channel: string;
  /** The serialized frame, built once per channel and sent as is to each subscriber. */
  frame: string;
  /** A socket that must not receive it (the sender of a client event, or the API's socket_id). */
  exceptSocketId?: string;
}

export interface Broker {
  /** Hands a delivery to every node, this one included. */
  publish(delivery: Delivery): void;
  /** This node's receiver of deliveries; returns an unsubscribe function. */
  onDelivery(handler: (delivery: Delivery) => void): () => void;
  /**
   * Takes a connection slot if `mayOpen` allows one more while the project holds `openNow` across
   * all nodes. The broker counts, the tariff decides (tariffs/realtime-policy.ts mayOpenConnection).
   * Check and take must be one atomic step: in Redis, INCR, then ask `mayOpen(n - 1)` and DECR on a no.
   */
  tryAcquireConnection(projectId: string, mayOpen: (openNow: number) => boolean): Promise<boolean>;
  releaseConnection(projectId: string): void;
  connections(projectId: string): Promise<number>;
  close(): Promise<void>;
}

/** One process: fan-out is a function call and counters are a Map — exact, since JS runs one thing at a time. */
export function createLocalBroker(): Broker {
  const handlers = new Set<(d: Delivery) => void>();
  const held = new Map<string, number>();
  return {
    publish(delivery) {
      for (const h of handlers) h(delivery);
    },
    onDelivery(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    tryAcquireConnection(projectId, mayOpen) {
      // Synchronous check-and-take before the promise is even created: no await can interleave.
      const n = held.get(projectId) ?? 0;
      if (!mayOpen(n)) return Promise.resolve(false);
      held.set(projectId, n + 1);
      return Promise.resolve(true);
    },
    releaseConnection(projectId) {
      const n = (held.get(projectId) ?? 0) - 1;
      if (n > 0) held.set(projectId, n);
      else held.delete(projectId);
    },
    connections: (projectId) => Promise.resolve(held.get(projectId) ?? 0),
    close: async () => {
      handlers.clear();
    },
  };
}
