// Hono's bodyLimit answering in our error shape.
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from './errors.js';

export const limitBody = (maxSize: number) => bodyLimit({ maxSize, onError: (c) => c.json(errorBody('payload_too_large', `The body is larger than ${maxSize} bytes`), 413) });
