import type { FastifyRequest } from 'fastify';
import type { Services } from '../../platform/services.ts';
import { SESSION_COOKIE, findSession } from './sessions.ts';

/**
 * The signed-in person's own language, for the web app's first paint (`<html lang dir>`), or
 * null: not signed in, or still following the browser. Fits the web app's `userLanguage` hook.
 */
export async function userLanguage(req: FastifyRequest, services: Services): Promise<'ar' | 'en' | null> {
  const token = req.cookies?.[SESSION_COOKIE];
  if (!token) return null;
  const session = await findSession(services.db, token, new Date());
  return session?.user.language ?? null;
}
