import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorDetail } from '../errors.ts';

/** `/customer/phone` → `customer.phone`, `/lines/0/sku` → `lines[0].sku` */
export function toFieldPath(instancePath: string, context?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  let path = '';
  for (const p of parts) path += /^\d+$/.test(p) ? `[${p}]` : path ? `.${p}` : p;
  if (context && context !== 'body') return path ? `${context}.${path}` : context;
  return path || '(body)';
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string, details: ErrorDetail[] = [], translations?: { ar: string; en: string }) {
  const words = translations ? { message_ar: translations.ar, message_en: translations.en } : {};
  return reply.status(status).send({ error: { code, message, ...words, details } });
}

/**
 * One error shape for everything. Client mistakes get their own 4xx; anything unexpected is
 * logged with its stack and answered with a plain 500 that carries no internals.
 */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return sendError(reply, err.status, err.code, err.message, err.details, err.translations);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      path: toFieldPath(v.instancePath, err.validationContext),
      message: v.message ?? 'is invalid',
    }));
    const first = details[0];
    return sendError(reply, 422, 'validation_failed', first ? `${first.path}: ${first.message}` : 'The request is invalid', details);
  }
  // Two requests racing for the same unique thing (an external_id): the loser learns so.
  const pgCode = (err as { code?: string }).code;
  if (pgCode === '23505') {
    const constraint = (err as { constraint?: string }).constraint ?? '';
    if (constraint === 'orders_external') {
      return sendError(reply, 409, 'duplicate_external_id', 'An order with this external_id from this source already exists', [
        { path: 'external_id', message: 'an order with this external_id already exists; find it with GET /v1/orders?external_id=' },
      ]);
    }
    return sendError(reply, 409, 'conflict', 'This was just created by another request at the same moment; fetch it instead of creating it again');
  }
  const status = err.statusCode ?? 500;
  if (status === 413) return sendError(reply, 413, 'payload_too_large', 'The request body is too large');
  if (status === 415) return sendError(reply, 415, 'unsupported_media_type', 'Send the body as application/json');
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) {
    return sendError(reply, 400, 'malformed_json', 'The request body is not valid JSON');
  }
  if (status >= 400 && status < 500) return sendError(reply, status, 'bad_request', err.message);
  req.log.error({ err }, 'unexpected error');
  return sendError(reply, 500, 'internal_error', 'Something went wrong on our side; please try again.');
}
