/**
 * Typed application errors. Services throw AppError with a stable code;
 * http/problem.ts maps each code to an HTTP status in one table.
 */
export const errorCodes = {
  validation_failed: 400,
  malformed_json: 400,
  invalid_id: 400,
  invalid_cursor: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  invalid_reference: 422,
  rate_limited: 429,
  internal_error: 500,
  not_ready: 503,
  webhook_signature_invalid: 401,
  webhook_timestamp_stale: 401,
  webhook_replayed: 409,
  customer_merged: 404,
  attachment_not_stored: 404,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** `fields`: extra members of the problem document, e.g. `merged_into` (they never replace the standard ones). */
    readonly details: { issues?: FieldIssue[]; retryAfterSeconds?: number; fields?: Record<string, string | number | boolean | null> } = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (why = 'Your role does not allow this action') => new AppError('forbidden', why);
export const conflict = (why: string) => new AppError('conflict', why);
