// The realtime baseline: a bare `ws` broadcast server, the least a WebSocket fan-out can do in
// Node. POST /publish with the same JSON body our HTTP API takes ({name, channel, data}) sends
// one frame of Pusher's shape to every open socket. Run as its own process (like the server under
// test) by bench/src/realtime.ts; prints its port on stdout.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const sockets = new Set();
const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/publish') return void res.writeHead(404).end();
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
  sockets.add(ws);
  ws.on('close', () => sockets.delete(ws));
  ws.on('error', () => undefined);
});
http.listen(0, '127.0.0.1', () => console.log(`PORT ${http.address().port}`));
process.on('SIGTERM', () => process.exit(0));
