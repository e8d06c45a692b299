import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import cookie from '@fastify/cookie';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Services } from '../services.ts';
import { authenticate, authorize, trackRoutes } from './auth.ts';
import { errorHandler, sendError } from './errors.ts';
import { httpDuration, registry } from './metrics.ts';
import { docsPage } from './docs-page.ts';
import { unprocessable } from '../errors.ts';
import { makeTextStorable, textProblem } from '../text-safety.ts';

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
export type RouteModule = (app: App, services: Services) => void | Promise<void>;

export interface AppParts {
  /** Routes under /v1 that need an API key or a signed-in user, each with its declared permission. */
  api: RouteModule[];
  /** Routes that authenticate themselves (storefront signatures, public pages). */
  open: RouteModule[];
}

export async function buildApp(services: Services, parts: AppParts): Promise<App> {
  const app = Fastify({
    loggerInstance: services.log,
    bodyLimit: 1024 * 1024,
    // Long path parameters reach the route's schema, which answers with our error shape.
    routerOptions: { maxParamLength: 2000 },
    // What the router itself refuses (a longer parameter, a malformed URL) keeps our error shape.
    frameworkErrors: (error, _req, reply) =>
      sendError(reply, error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400, error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'path_too_long' : 'bad_url',
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A part of the path is longer than 2000 characters' : 'The URL cannot be read'),
    genReqId: () => `req_${Math.random().toString(36).slice(2, 12)}`,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => sendError(reply, 404, 'not_found', `No route for ${req.method} ${req.url.split('?')[0]}`));
  app.decorateRequest('ctx', null as never);
  // Users and sign-in: the web app's session cookie (wasl_session), read by authenticate(), and
  // the table of what each route declares it needs (routeTable, read by the tests).
  await app.register(cookie);
  trackRoutes(app);

  app.addHook('onResponse', async (req, reply) => {
    httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'wasl API',
        version: '1',
        description:
          'Order operations for cash-on-delivery stores. Authenticate with `Authorization: Bearer <api key>`, or sign in ' +
          '(`POST /v1/auth/sign-in`) for the `wasl_session` cookie; changes made with the cookie need the header `x-wasl-client: web`.',
      },
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'wasl_session' } },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/docs', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(docsPage));

  await app.register(async (scope) => {
    // JSON only: a text/plain body is a 415, not a string that fails validation.
    scope.removeContentTypeParser('text/plain');
    scope.addHook('onRequest', async (req) => {
      req.ctx = await authenticate(services, req);
      // The route's declared permission (config.permission), refused before the handler runs.
      authorize(req);
    });
    scope.addHook('preValidation', async (req) => {
      const params = Object.entries((req.params ?? {}) as Record<string, string>).map(([k, v]) => textProblem(v, `params.${k}`));
      const problem = params.find(Boolean) ?? makeTextStorable(req.query, 'query') ?? makeTextStorable(req.body);
      if (problem) throw unprocessable(`${problem.path} ${problem.message}`, [problem]);
    });
    for (const mod of parts.api) await mod(scope as App, services);
  });
  // Each open module in a scope of its own: the webhooks' raw-body parser stays theirs.
  for (const mod of parts.open) await app.register(async (scope) => mod(scope as App, services));
  return app;
}
