// A tiny Pusher-protocol-7 client for one private channel of the platform's realtime app — the
// chat's conversation channel. pusher-js would be ~15 KB gzipped; the chat needs four frames:
// connection_established (→ ask our server to sign the channel, then subscribe), ping → pong,
// and the channel's events. On a drop it reconnects after a pause and tells the caller, who
// catches up through the history endpoint.

export interface LiveSocketOptions {
  /** API origin, e.g. "https://widgetry.ru": the socket goes to the same host. */
  api: string;
  key: string;
  channel: string;
  /** Our server's signature for socket id + channel (POST /v1/chat/auth with the token). */
  authorize(socketId: string): Promise<string>;
  onEvent(event: string, data: unknown): void;
  /** Subscribed (again): a good moment to fetch what was missed while disconnected. */
  onReady(): void;
}

/** Returns a function that closes the socket for good. */
export function openLiveSocket(o: LiveSocketOptions): () => void {
  let ws: WebSocket;
  let stopped = false;
  const connect = () => {
    // http→ws, https→wss: one replace on the scheme.
    ws = new WebSocket(o.api.replace(/^http/, 'ws') + '/app/' + o.key + '?protocol=7&client=widgetry-chat&version=1');
    const send = (event: string, data: unknown) => ws.send(JSON.stringify({ event, data }));
    ws.onmessage = async (e) => {
      try {
        const m = JSON.parse(e.data);
        // Pusher wraps event data as a JSON string inside the JSON frame.
        const d = typeof m.data == 'string' ? JSON.parse(m.data) : m.data;
        if (m.event == 'pusher:connection_established') send('pusher:subscribe', { channel: o.channel, auth: await o.authorize(d.socket_id) });
        else if (m.event == 'pusher_internal:subscription_succeeded') o.onReady();
        else if (m.event == 'pusher:ping') send('pusher:pong', {});
        else if (m.channel == o.channel) o.onEvent(m.event, d);
      } catch {
        // A frame we cannot read, or a failed authorization: the reconnect path recovers.
        ws.close();
      }
    };
    ws.onclose = () => stopped || setTimeout(connect, 3000);
  };
  connect();
  return () => {
    stopped = true;
    ws.close();
  };
}
