// One refusal type for every domain; app.onError turns it into the JSON error shape.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '#contracts/core/errors.js';

export class AppError extends HTTPException {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** Sent with the answer, e.g. Retry-After on every 429 and 503. */
  readonly headers: Record<string, string> | undefined;

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, details?: unknown, headers?: Record<string, string>) {
    super(status, { message });
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
