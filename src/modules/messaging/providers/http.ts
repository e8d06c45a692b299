import { ProviderError } from './provider.ts';

/** What an HTTP provider answered: the status, the raw text, and the text as JSON when it is JSON. */
export interface HttpReply {
  status: number;
  text: string;
  json: unknown;
}

export interface PostFormOptions {
  /** Names the provider in error messages. */
  provider: string;
  timeoutMs: number;
  headers?: Record<string, string>;
}

/**
 * POSTs an `application/x-www-form-urlencoded` body and reads the whole answer within
 * `timeoutMs`. Anything that keeps us from reading an answer (refused connection, reset,
 * DNS, the deadline) is a retryable ProviderError; deciding what an answer means is left
 * to the provider.
 */
export async function postForm(url: string, form: Record<string, string>, opts: PostFormOptions): Promise<HttpReply> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...opts.headers },
      body: new URLSearchParams(form).toString(),
      // A redirect from a send API is a misconfiguration: following it would replay the
      // credentials and the message somewhere we did not choose.
      redirect: 'manual',
      // The signal also covers reading the body, so a server that sends headers and then stalls still times out.
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, text, json: parseJson(text) };
  } catch (err) {
    throw networkError(opts.provider, opts.timeoutMs, err);
  }
}

/** 429 and 5xx can go through later; every other 4xx will be refused again. */
export const isRetryableStatus = (status: number) => status === 429 || status >= 500;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function networkError(provider: string, timeoutMs: number, err: unknown): ProviderError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new ProviderError(`${provider} did not answer within ${timeoutMs} ms`, true, 'timeout');
  }
  // undici reports every network failure as "fetch failed"; the useful part is in the cause.
  const detail = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return new ProviderError(`${provider} could not be reached: ${detail}`, true, 'network');
}
