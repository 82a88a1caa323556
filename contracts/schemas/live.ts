// The platform's live channel: what the dashboard and the chat widget send to get a channel
// authorized on the internal realtime app (realtime/internal.ts), and the events it carries.
import { z } from 'zod';

/** Pusher's socket id shape ("1234.5678"), as every client library validates it. */
const socketId = z.string().regex(/^\d{1,20}\.\d{1,20}$/, 'socket_id must look like 1234.5678');

/** POST /api/live/auth — the dashboard's session authorizes its own account channel only. */
export const liveAuthSchema = z.object({
  socket_id: socketId,
  channel_name: z.string().min(1).max(200),
});

export { socketId as liveSocketIdSchema };
