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
    /** For what a person reads in the web app as it is (sign-in): sent as `message_ar` / `message_en`. */
    readonly translations?: { ar: string; en: string },
  ) {
    super(message);
  }
}

/** An error a person sees word for word, in Arabic and English (`message` is the English). */
export const bilingual = (status: number, code: string, words: { ar: string; en: string }, details: ErrorDetail[] = []) =>
  new AppError(status, code, words.en, details, words);

export const badRequest = (message: string, details: ErrorDetail[] = [], code = 'bad_request') =>
  new AppError(400, code, message, details);
export const unprocessable = (message: string, details: ErrorDetail[] = [], code = 'validation_failed') =>
  new AppError(422, code, message, details);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found`);
export const conflict = (code: string, message: string, details: ErrorDetail[] = []) =>
  new AppError(409, code, message, details);
export const unauthorized = (message = 'Sign in, or send a valid API key (Authorization: Bearer <key>)') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'This key may not do that') => new AppError(403, 'forbidden', message);
