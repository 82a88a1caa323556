// The realtime baseline: a bare `ws` broadcast server, the least a WebSocket fan-out can do in
// Node. POST /publish with the same JSON body our HTTP API takes ({name, channel, data}) sends
// one frame of Pusher's shape to every open socket. Run as its own process (like the server under
// test) by bench/src/realtime.ts; prints its port on stdout.
//
// It manages its memory as our server does (server/src/platform/lib/idle-gc.ts): one low-memory
// collection before the port opens, and one more each time it has gone idle (3 checks a second
// apart with no new socket or publish and under 2 % of a core) with its resident memory 8 MB
// above what the last one left. Without that, part 6's idle memory would compare two collection
// policies (V8 alone never gives a grown young generation back while nothing is allocated)
// rather than what each server keeps per socket.
import { createServer } from 'node:http';
import { Session } from 'node:inspector';
import { WebSocketServer } from 'ws';

/** V8's memory-reducing collection, as server/src/platform/lib/low-memory-gc.ts runs it. */
async function collectLowMemory() {
  const session = new Session();
  session.connect();
  try {
    await new Promise((ok, fail) => session.post('HeapProfiler.collectGarbage', (err) => (err ? fail(err) : ok())));
  } finally {
    // Never inside the command's callback (a deadlock in V8's heap profiler agent): a later turn.
    await new Promise((ok) => setImmediate(ok));
    session.disconnect();
  }
}

const QUIET_TICKS = 3;
const QUIET_CPU_MICROS = 20_000;
const MIN_GAIN_BYTES = 8 << 20;
let activity = 0;
/** Starts the idle check; `floor` is what the start-up collection left. */
function startIdleCollection(floor) {
  let quiet = 0;
  let seen = activity;
  let cpu = process.cpuUsage();
  let collecting = false;
  setInterval(() => {
    if (collecting) return;
    const now = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    quiet = activity === seen && now.user + now.system < QUIET_CPU_MICROS ? quiet + 1 : 0;
    seen = activity;
    if (quiet !== QUIET_TICKS || process.memoryUsage.rss() - floor < MIN_GAIN_BYTES) return;
    collecting = true;
    void collectLowMemory().then(() => {
      collecting = false;
      floor = process.memoryUsage.rss();
      cpu = process.cpuUsage();
    });
  }, 1000).unref();
}

const sockets = new Set();
const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/publish') return void res.writeHead(404).end();
  activity++;
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const e = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    // Serialized and encoded once per publish and the same Buffer sent to every socket as a text
    // frame, as our hub does (fanout.ts): the work per socket is ws's frame header and the write.
    const frame = Buffer.from(JSON.stringify({ event: e.name, channel: e.channel, data: e.data }), 'utf8');
    for (const ws of sockets) ws.send(frame, { binary: false });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
const wss = new WebSocketServer({ server: http, perMessageDeflate: false, clientTracking: false });
wss.on('connection', (ws) => {
  activity++;
  sockets.add(ws);
  ws.on('close', () => sockets.delete(ws));
  ws.on('error', () => undefined);
});
await collectLowMemory();
startIdleCollection(process.memoryUsage.rss());
http.listen(0, '127.0.0.1', () => console.log(`PORT ${http.address().port}`));
process.on('SIGTERM', () => process.exit(0));
