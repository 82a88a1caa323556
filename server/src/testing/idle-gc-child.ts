// A child process for idle-gc.test.ts: a plain HTTP server whose requests leave garbage behind,
// with the real idle collector (the inspector's low-memory collection) on a fast trigger. Each
// collection is announced on stdout ("collected N"), so the parent can load it, wait for the
// collection and check that the process still answers.
import { createServer } from 'node:http';
import { processReading, startIdleGc } from '../platform/lib/idle-gc.js';
import { collectLowMemory } from '../platform/lib/low-memory-gc.js';

let requests = 0;
let collections = 0;
let kept: unknown[] = [];
const server = createServer((req, res) => {
  requests++;
  // About 1 MB of short-lived objects per request, a few of them kept until the next request.
  const garbage = Array.from({ length: 20_000 }, (_, i) => ({ i, s: `item ${i}` }));
  kept = garbage.slice(0, 100);
  res.end(JSON.stringify({ path: req.url, kept: kept.length }));
});
startIdleGc({
  collect: collectLowMemory,
  read: () => processReading(() => requests),
  // Two quiet checks 25 ms apart, whatever the CPU and however little there is to gain: a
  // collection after every burst of load.
  rule: { quietTicks: 2, quietCpuMicros: Number.MAX_SAFE_INTEGER, minGainBytes: 0 },
  tickMs: 25,
  onCollected: () => console.log(`collected ${++collections}`),
  onUnavailable: (err) => console.log(`unavailable ${err.message}`),
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
