import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../context.ts';
import { AppError, unauthorized } from '../errors.ts';
import type { Services } from '../services.ts';
import { findKeyOwner, getStore } from '../../modules/stores/index.ts';
import { PERMISSIONS, SESSION_COOKIE, can, findSession, roleLabel, type RouteAccess } from '../../modules/users/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
  }
  interface FastifyContextConfig {
    /**
     * Who may call the route: a permission from users/permissions.ts, `signed_in` (anyone
     * signed in or with a key) or `public` (open routes). A /v1 route that says nothing is
     * for owners only.
     */
    permission?: RouteAccess;
  }
}

/**
 * Every `/v1` route but the open ones (storefront webhooks, sign-in, invitation links) needs
 * an API key (`Authorization: Bearer`) or a signed-in browser's `wasl_session` cookie.
 */
export async function authenticate(services: Services, req: FastifyRequest): Promise<Ctx> {
  const header = req.headers.authorization;
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (header !== undefined || !cookie) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m) throw unauthorized();
    const owner = await findKeyOwner(services.db, m[1]);
    if (!owner) throw unauthorized('This API key is not valid or was revoked');
    const store = await getStore(services.db, owner.storeId);
    return {
      db: services.db,
      store,
      actor: { type: 'api_key', id: owner.keyId, name: owner.name },
      role: owner.role,
      now: () => new Date(),
      log: req.log,
    };
  }
  const now = new Date();
  const session = await findSession(services.db, cookie, now);
  if (!session) throw unauthorized('Your session has ended; sign in again');
  // A cross-site form can post with the cookie but cannot add a header: a change made with a
  // cookie must say it comes from wasl's own web app.
  if (!SAFE_METHODS.has(req.method) && req.headers['x-wasl-client'] !== 'web') {
    throw new AppError(403, 'csrf', 'A change made with a session cookie needs the header "x-wasl-client: web"');
  }
  const { user } = session;
  return {
    db: services.db,
    store: await getStore(services.db, user.store_id),
    actor: { type: 'user', id: user.id, name: user.name },
    role: user.role,
    now: () => new Date(),
    log: req.log,
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The route's declared permission against the caller's role, before the body is even read.
 * Fail closed: a route that declares nothing is for owners only.
 */
export function authorize(req: FastifyRequest) {
  const need = req.routeOptions.config.permission;
  const role = req.ctx.role ?? '';
  if (need === 'signed_in' || need === 'public') return;
  if (need ? can(role, need) : role === 'owner') return;
  const what = need ? PERMISSIONS[need] : { en: 'do this (only a store owner can)', ar: 'القيام بهذا (لصاحب المتجر فقط)' };
  const label = roleLabel(role);
  const en = `Your role (${label.en}) cannot ${what.en}`;
  throw new AppError(403, 'forbidden', en, [], { en, ar: `دورك (${label.ar}) لا يسمح لك ب${what.ar}` });
}

export interface RouteEntry {
  method: string;
  url: string;
  permission: RouteAccess | undefined;
}
const tables = new WeakMap<object, RouteEntry[]>();

/**
 * Keep the list of every route and the permission it declares, as registered (call before any
 * route exists). The test that no /v1 route was left undeclared reads it.
 */
export function trackRoutes(app: FastifyInstance<any, any, any, any, any>) {
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) table.push({ method, url: route.url, permission: route.config?.permission });
  });
}

export const routeTable = (app: object): RouteEntry[] => tables.get(app) ?? [];
