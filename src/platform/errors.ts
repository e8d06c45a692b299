// One error shape for every client-facing failure (API.md "Errors"). Operations throw these;
// the HTTP layer turns them into `{"error": {code, message, details}}` with the status.

export interface ErrorDetail {
  path: string;
  message: string;
  [extra: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = [], code = 'bad_request') =>
  new AppError(400, code, message, details);
export const unprocessable = (message: string, details: ErrorDetail[] = [], code = 'validation_failed') =>
  new AppError(422, code, message, details);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found`);
export const conflict = (code: string, message: string, details: ErrorDetail[] = []) =>
  new AppError(409, code, message, details);
export const unauthorized = (message = 'A valid API key is required (Authorization: Bearer <key>)') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'This key may not do that') => new AppError(403, 'forbidden', message);
