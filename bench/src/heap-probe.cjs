// Bench-only preload (node --require, via NODE_OPTIONS): on SIGUSR2 appends one `HEAPSTAT {json}`
// line to the file HEAP_PROBE_FILE (stderr without it) with the process's RSS, V8's heap spaces (size = committed, used, physical) and
// how many scavenges and mark-compacts ran so far, and (HEAP_PROBE_SNAPSHOTS) a heap snapshot. Used by bench/src/idle-memory.ts to split RSS
// into V8 heap and the rest; never loaded by the product.
const { appendFileSync } = require('node:fs');
const v8 = require('node:v8');
const { PerformanceObserver, constants } = require('node:perf_hooks');

const gcs = { minor: 0, major: 0, other: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = e.detail?.kind ?? e.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gcs.minor++;
    else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gcs.major++;
    else gcs.other++;
  }
}).observe({ entryTypes: ['gc'] });

process.on('SIGUSR2', () => {
  const spaces = {};
  for (const s of v8.getHeapSpaceStatistics()) {
    spaces[s.space_name.replace(/_space$/, '')] = { size: s.space_size, used: s.space_used_size, phys: s.physical_space_size };
  }
  const m = process.memoryUsage();
  const h = v8.getHeapStatistics();
  const line = `HEAPSTAT ${JSON.stringify({ rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, physical: h.total_physical_size, malloced: h.malloced_memory, gcs, spaces })}\n`;
  // HEAP_PROBE_SNAPSHOTS=dir: a heap snapshot too (it collects garbage first: what is retained).
  if (process.env.HEAP_PROBE_SNAPSHOTS) v8.writeHeapSnapshot(`${process.env.HEAP_PROBE_SNAPSHOTS}/${Date.now()}.heapsnapshot`);
  if (process.env.HEAP_PROBE_FILE) appendFileSync(process.env.HEAP_PROBE_FILE, line);
  else process.stderr.write(line);
});
