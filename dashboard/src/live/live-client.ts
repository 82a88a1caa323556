// The dashboard's live channel: one WebSocket per tab to our own realtime endpoint, speaking
// Pusher protocol 7 JSON frames (no pusher-js: the handful of frames we use fit in this file).
// It subscribes to the account's private channel, signed by POST /api/live/auth with the
// session (and its CSRF header), and hands events to listeners. While it is down, pages fall
// back to polling (useLiveConnected() tells them).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, get } from '../api.js';

type Listener = (data: unknown) => void;

const listeners = new Map<string, Set<Listener>>();
const stateListeners = new Set<(up: boolean) => void>();
let socket: WebSocket | null = null;
let connected = false;
let retry = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let wanted = 0;

function setConnected(up: boolean) {
  if (connected === up) return;
  connected = up;
  // A hook for people and tests alike: the page is on the push channel, not polling.
  document.documentElement.toggleAttribute('data-live', up);
  for (const fn of stateListeners) fn(up);
}

const send = (ws: WebSocket, event: string, data: unknown) => ws.send(JSON.stringify({ event, data }));

async function open() {
  clearTimeout(timer);
  if (socket || wanted === 0) return;
  let channel: string;
  let key: string;
  try {
    ({ channel, key } = await get<{ key: string; channel: string }>('/live'));
  } catch {
    return reconnectLater();
  }
  if (socket || wanted === 0) return;
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${proto}//${location.host}/app/${key}?protocol=7&client=widgetry-dashboard&version=1`);
  socket = ws;
  ws.onmessage = async (e) => {
    let msg: { event?: string; channel?: string; data?: unknown };
    try {
      msg = JSON.parse(String(e.data)) as typeof msg;
    } catch {
      return;
    }
    // Pusher puts event data in the envelope as a JSON string.
    const data = typeof msg.data === 'string' ? safeParse(msg.data) : msg.data;
    switch (msg.event) {
      case 'pusher:connection_established': {
        try {
          const { auth } = await api<{ auth: string }>('POST', '/live/auth', { socket_id: (data as { socket_id: string }).socket_id, channel_name: channel });
          send(ws, 'pusher:subscribe', { channel, auth });
        } catch {
          ws.close();
        }
        return;
      }
      case 'pusher_internal:subscription_succeeded':
        retry = 0;
        return setConnected(true);
      case 'pusher:ping':
        return send(ws, 'pusher:pong', {});
      default:
        if (msg.channel === channel && msg.event) for (const fn of listeners.get(msg.event) ?? []) fn(data);
    }
  };
  ws.onclose = () => {
    if (socket === ws) socket = null;
    setConnected(false);
    reconnectLater();
  };
}

function reconnectLater() {
  if (wanted === 0) return;
  // 1, 2, 4 … 30 s: a restarting server is not hammered by every open tab.
  timer = setTimeout(() => void open(), Math.min(30_000, 1000 * 2 ** retry++));
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

/** Keeps the socket open while at least one component uses the live channel. */
function hold(): () => void {
  wanted++;
  void open();
  return () => {
    if (--wanted === 0) {
      clearTimeout(timer);
      socket?.close();
      socket = null;
      setConnected(false);
    }
  };
}

/** Calls `fn` for each `event` pushed to the account while the component is mounted. */
export function useLiveEvent<T>(event: string, fn: (data: T) => void): void {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    const release = hold();
    const l: Listener = (d) => latest.current(d as T);
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    set.add(l);
    return () => {
      set.delete(l);
      release();
    };
  }, [event]);
}

/** Whether the live channel is subscribed now; pages poll while it is not. */
export function useLiveConnected(): boolean {
  const [up, setUp] = useState(connected);
  useEffect(() => {
    stateListeners.add(setUp);
    setUp(connected);
    return () => void stateListeners.delete(setUp);
  }, []);
  return up;
}
