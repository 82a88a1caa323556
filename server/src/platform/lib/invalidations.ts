// Invalidation of what is cached from the database, by the smallest scope a write touched: one
// site, or one account (everything its sites serve). A write calls `site()` or `account()` after
// its transaction committed; every cache of this node listens with `onApply`. With several nodes,
// a relay (a Redis channel, say) listens with `onLocal` to pass this node's invalidations on, and
// hands the other nodes' ones to `apply`, which does not relay them again.
export type InvalidationScope = 'site' | 'account';

export interface Invalidation {
  scope: InvalidationScope;
  id: string;
}

export type InvalidationListener = (invalidation: Invalidation) => void;

export interface Invalidations {
  /** A committed write changed what this site serves (its domains, settings, one of its widgets). */
  site(siteId: string): void;
  /** A committed write changed what every site of the account serves (tariff, blocks, which widgets count). */
  account(accountId: string): void;
  /** An invalidation made on another node: applied to this node's caches, not relayed. */
  apply(invalidation: Invalidation): void;
  /** Caches: called for every invalidation, made here or applied from another node. Returns an unsubscribe. */
  onApply(listener: InvalidationListener): () => void;
  /** Relays: called for invalidations made on this node only. Returns an unsubscribe. */
  onLocal(listener: InvalidationListener): () => void;
}

export function createInvalidations(): Invalidations {
  const appliers = new Set<InvalidationListener>();
  const relays = new Set<InvalidationListener>();
  const apply = (i: Invalidation) => {
    for (const listener of appliers) listener(i);
  };
  const local = (i: Invalidation) => {
    apply(i);
    for (const relay of relays) relay(i);
  };
  const subscribe = (set: Set<InvalidationListener>, listener: InvalidationListener) => {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
  return {
    site: (id) => local({ scope: 'site', id }),
    account: (id) => local({ scope: 'account', id }),
    apply,
    onApply: (listener) => subscribe(appliers, listener),
    onLocal: (listener) => subscribe(relays, listener),
  };
}
