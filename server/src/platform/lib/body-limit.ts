// Hono's bodyLimit answering in our error shape.
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from './errors.js';

// The answer closes the connection: the rest of the body is still on its way, unread, and Node
// drops such a socket shortly after a keep-alive answer — the client's next request on it would
// be lost. `Connection: close` says so, and Node closes the socket once the answer is out.
export const limitBody = (maxSize: number) => bodyLimit({ maxSize, onError: (c) => c.json(errorBody('payload_too_large', `The body is larger than ${maxSize} bytes`), 413, { connection: 'close' }) });
