/*
 * The one door to the server. Everything the app asks the API goes through `request`, which:
 * - sends the session cookie (same origin) and, on every request that changes something, the
 *   `x-wasl-client: web` header the server checks against cross-site forgery;
 * - gives every POST an Idempotency-Key, so a retry after a lost connection never acts twice;
 * - turns error bodies into `ApiError` (code, status, field paths);
 * - on a lost connection shows the banner and retries until the server answers again;
 * - on a 401 while signed in asks the person to sign in again (the screen stays as it is, with
 *   what they typed) and then repeats the request.
 * Authentication lives here and only here.
 */

import { ALL_PERMISSIONS, type Me, type Store } from './types.ts';

export interface ErrorDetail {
  path: string;
  message: string;
  [k: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly messageAr?: string;
  readonly messageEn?: string;
  constructor(status: number, code: string, message: string, details: ErrorDetail[] = [], ar?: string, en?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.messageAr = ar;
    this.messageEn = en;
  }
  /** Field path → the server's message, for errors shown next to their field. */
  fields(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) if (d.path && !(d.path in out)) out[d.path.replace(/^body\./, '')] = d.message;
    return out;
  }
}

// ---- connection state (the "connection lost" banner reads it) ----

export interface Connection {
  online: boolean;
  /** Set for a moment after the connection came back. */
  restored: boolean;
}
let connection: Connection = { online: true, restored: false };
const connectionListeners = new Set<() => void>();
const wakers = new Set<() => void>();
let restoredTimer: ReturnType<typeof setTimeout> | undefined;

function setConnection(next: Connection) {
  if (next.online === connection.online && next.restored === connection.restored) return;
  connection = next;
  for (const l of connectionListeners) l();
}
function markOffline() {
  clearTimeout(restoredTimer);
  setConnection({ online: false, restored: false });
}
function markOnline() {
  if (connection.online) return;
  setConnection({ online: true, restored: true });
  restoredTimer = setTimeout(() => setConnection({ online: true, restored: false }), 2500);
}

export const connectionStatus = {
  subscribe(fn: () => void) {
    connectionListeners.add(fn);
    return () => connectionListeners.delete(fn);
  },
  get: () => connection,
  /** Retry every waiting request now instead of at its next turn. */
  retryNow() {
    for (const wake of [...wakers]) wake();
  },
};
if (typeof window !== 'undefined') window.addEventListener('online', () => connectionStatus.retryNow());

function waitToRetry(attempt: number, signal?: AbortSignal): Promise<void> {
  const ms = Math.min(1000 * 2 ** Math.min(attempt - 1, 4), 15_000);
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      wakers.delete(done);
      signal?.removeEventListener('abort', aborted);
      resolve();
    };
    const aborted = () => {
      clearTimeout(timer);
      wakers.delete(done);
      reject(signal!.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    const timer = setTimeout(done, ms);
    wakers.add(done);
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

// ---- session expiry ----

let signedIn = false;
let expiredHandler: (() => Promise<void>) | null = null;
let reauth: Promise<void> | null = null;

/** The app says whether someone is signed in: only then is a 401 an expired session. */
export function setSignedIn(value: boolean) {
  signedIn = value;
}
/** Shows "sign in again" and resolves once they have; requests waiting on it then repeat. */
export function onSessionExpired(handler: () => Promise<void>) {
  expiredHandler = handler;
}
function sessionExpired(): Promise<void> {
  reauth ??= expiredHandler!().finally(() => {
    reauth = null;
  });
  return reauth;
}

// ---- development bridge ----

/**
 * Until a server has sign-in, a developer (or a test) can put an API key in sessionStorage
 * (`wasl_api_key`); requests then carry it as a Bearer token. Nothing in the app stores one.
 */
export function devApiKey(): string | null {
  try {
    return sessionStorage.getItem('wasl_api_key');
  } catch {
    return null;
  }
}

// ---- requests ----

export interface RequestOptions {
  signal?: AbortSignal;
  /** Sign-in and "who am I": a 401 is their answer, not an expired session. */
  authFlow?: boolean;
}

const newKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? `web-${crypto.randomUUID()}` : `web-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** A gateway's 502/503/504 (not ours: ours carry a JSON error) means the server is out of reach. */
const unreachable = (res: Response) =>
  (res.status === 502 || res.status === 503 || res.status === 504) && !(res.headers.get('content-type') ?? '').includes('application/json');

export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['x-wasl-client'] = 'web';
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST') headers['idempotency-key'] = newKey();
  const key = devApiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  const init: RequestInit = {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal: opts.signal,
  };
  let attempt = 0;
  let reauthenticated = false;
  for (;;) {
    let res: Response;
    try {
      res = await fetch(path, init);
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      markOffline();
      await waitToRetry(++attempt, opts.signal);
      continue;
    }
    if (unreachable(res)) {
      markOffline();
      await waitToRetry(++attempt, opts.signal);
      continue;
    }
    markOnline();
    if (res.status === 401 && signedIn && !opts.authFlow && !key && expiredHandler && !reauthenticated) {
      reauthenticated = true;
      await sessionExpired();
      continue;
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = text;
    }
    if (!res.ok) throw toApiError(res.status, data);
    return data as T;
  }
}

function toApiError(status: number, data: unknown): ApiError {
  const e = (data as { error?: Record<string, unknown> } | null)?.error;
  if (e && typeof e === 'object') {
    return new ApiError(
      status,
      String(e.code ?? 'error'),
      String(e.message ?? `HTTP ${status}`),
      Array.isArray(e.details) ? (e.details as ErrorDetail[]) : [],
      typeof e.message_ar === 'string' ? e.message_ar : undefined,
      typeof e.message_en === 'string' ? e.message_en : undefined,
    );
  }
  return new ApiError(status, status >= 500 ? 'server_error' : 'error', `HTTP ${status}`);
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body: unknown = {}, opts?: RequestOptions) => request<T>('POST', path, body, opts),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body, opts),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

/** `?a=1&b=` without the empty ones. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// ---- signing in and out (the contract in the users module) ----


export const auth = {
  signIn: (email: string, password: string) =>
    request<Me>('POST', '/v1/auth/sign-in', { email, password }, { authFlow: true }),
  signOut: () => request<void>('POST', '/v1/auth/sign-out', {}, { authFlow: true }),
  /** Who is signed in, or null. */
  async me(): Promise<Me | null> {
    if (devApiKey()) return bridgeMe();
    try {
      return await request<Me>('GET', '/v1/auth/me', undefined, { authFlow: true });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 404)) return null;
      throw err;
    }
  },
  /** The user's own choices (language, digits); nothing to save for an API key. */
  async update(changes: { language?: 'ar' | 'en'; digits?: 'latin' | 'arabic'; name?: string }): Promise<void> {
    if (devApiKey()) return;
    await request('PATCH', '/v1/auth/me', changes);
  },
};

/** With an API key the key is the user: its store, every permission, no saved preferences. */
async function bridgeMe(): Promise<Me> {
  const store = await request<Store>('GET', '/v1/store');
  return {
    user: { id: 'api_key', email: '', name: 'API key', role: 'owner', role_label: { ar: 'صاحب المتجر', en: 'Store owner' }, language: null, digits: null },
    store: { id: store.id, name: store.name, currency: store.currency, timezone: store.timezone, locale: store.locale, country: store.country },
    permissions: [...ALL_PERMISSIONS],
  };
}
