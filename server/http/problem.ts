import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, errorCodes, type FieldIssue } from '../platform/errors.ts';

/**
 * The one place where errors become HTTP responses: RFC 9457 problem+json
 * with a stable `code`. Stack traces go to the log, never to the client.
 */
export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extra: { issues?: FieldIssue[]; retryAfterSeconds?: number; fields?: Record<string, string | number | boolean | null> } = {},
) {
  const status = errorCodes[code];
  if (extra.retryAfterSeconds !== undefined) reply.header('retry-after', String(extra.retryAfterSeconds));
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      ...extra.fields,
      type: `urn:gapwise:problem:${code}`,
      title: code.replaceAll('_', ' '),
      status,
      code,
      detail,
      ...(extra.issues ? { issues: extra.issues } : {}),
      request_id: String(reply.request.id),
    });
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_VALIDATION: 'validation_failed',
};

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return sendProblem(reply, error.code, error.message, error.details);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
    }));
    const code: ErrorCode = error.validationContext === 'params' ? 'invalid_id' : 'validation_failed';
    return sendProblem(reply, code, `The request ${error.validationContext ?? 'input'} is not valid`, { issues });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
    return sendProblem(reply, 'internal_error', 'The server could not produce a valid response');
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return sendProblem(reply, 'malformed_json', 'The request body is not valid JSON');
  }
  // A unique index caught a race the service's own check could not (two
  // concurrent creates of the same name): that is a conflict, not a crash.
  if ((error as { code?: string }).code === '23505') {
    return sendProblem(reply, 'conflict', 'Something with the same unique value already exists');
  }
  const mapped = error.code ? fastifyCodes[error.code] : undefined;
  if (mapped) return sendProblem(reply, mapped, error.message);
  if (error.statusCode === 429) {
    return sendProblem(reply, 'rate_limited', 'Too many requests');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(reply, 'validation_failed', error.message);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, 'internal_error', 'Something went wrong on our side; the request id identifies it in the logs');
}
