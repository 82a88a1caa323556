// The node HTTP server's limits on slow clients. A client that trickles its headers or its body
// holds a socket and a parser; these bound how long. Long enough for a real upload on a poor
// mobile line (the largest bodies here are 64 KB), short enough that a slowloris runs out of time.
import type { ServerOptions } from 'node:http';

export const SERVER_TIMEOUTS: ServerOptions = {
  /** The whole request, headers and body, must arrive within this (Node answers 408 and closes). */
  requestTimeout: 30_000,
  /** The headers must arrive within this. */
  headersTimeout: 10_000,
  /** How often Node looks for connections over those limits (its default, 30 s, would let a slow client run 30 s late). */
  connectionsCheckingInterval: 1_000,
  /** An idle keep-alive connection is closed after this; above common proxies' own idle timeouts is not needed here. */
  keepAliveTimeout: 5_000,
};
