import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteModule } from '../../platform/http/app.ts';
import { unprocessable } from '../../platform/errors.ts';
import { makeTextStorable, textProblem } from '../../platform/text-safety.ts';
import type { Services } from '../../platform/services.ts';
import { getStore } from '../stores/index.ts';
import { acceptBody, acceptInvitation } from './accept-invitation.ts';
import { auditQuery, listAudit } from './audit.ts';
import { changeProfile, profilePatch } from './change-profile.ts';
import { changeUser, userPatch } from './change-user.ts';
import { inviteBody, inviteUser } from './invite-user.ts';
import { invitationsQuery, listInvitations, openInvitation, revokeInvitation } from './invitations.ts';
import { roleLabel } from './permissions.ts';
import { savedViewRoutes } from './saved-view-routes.ts';
import { SESSION_COOKIE, endSession, sessionCookieOptions } from './sessions.ts';
import { signIn, signInBody, type SignedIn } from './sign-in.ts';
import { getUser, listUsers, meView, memberView, usersQuery } from './users.ts';

const tags = ['users'];
const idParams = z.object({ id: z.string().min(1).max(64) });
const tokenParams = z.object({ token: z.string().max(200) });
const clientOf = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });
const cookieOf = (req: FastifyRequest): string | undefined => req.cookies?.[SESSION_COOKIE];

/** Set the session cookie and answer what GET /v1/auth/me would. */
function signedInReply(services: Services, reply: FastifyReply, s: SignedIn, status: number) {
  reply.setCookie(SESSION_COOKIE, s.token, sessionCookieOptions(services.config.publicUrl, s.expiresAt));
  return reply.status(status).send(meView(s.ctx.store, s.user, s.user.role));
}

/** Signed in (session cookie or API key): the caller's own profile, the team, invitations, the audit log. */
export const userRoutes: RouteModule = (app, services) => {
  const { db } = services;

  app.get(
    '/v1/auth/me',
    { schema: { summary: 'Who is signed in: the user (null for an API key), the store and what they may do', tags }, config: { permission: 'signed_in' } },
    async (req) => meView(req.ctx.store, req.ctx.actor.type === 'user' ? await getUser(req.ctx, req.ctx.actor.id) : null, req.ctx.role ?? ''),
  );

  app.patch(
    '/v1/auth/me',
    {
      schema: { summary: 'Change your name, language, digits or password (a new password signs your other browsers out)', tags, body: profilePatch },
      config: { permission: 'signed_in' },
    },
    async (req) => {
      if (req.ctx.actor.type !== 'user') throw unprocessable('An API key has no profile; sign in as a person to change one', [], 'not_a_user');
      const user = await changeProfile(db, req.ctx, req.body, { ...clientOf(req), keepToken: cookieOf(req) });
      return meView(req.ctx.store, user, user.role);
    },
  );

  app.post(
    '/v1/auth/sign-out',
    { schema: { summary: 'Sign out: ends this browser\'s session and clears its cookie', tags }, config: { permission: 'signed_in' } },
    async (req, reply) => {
      const token = cookieOf(req);
      if (token) await endSession(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/v1/users',
    { schema: { summary: 'The store\'s users, oldest first', tags, querystring: usersQuery }, config: { permission: 'users.manage' } },
    async (req) => listUsers(req.ctx, req.query),
  );

  app.patch(
    '/v1/users/:id',
    {
      schema: { summary: 'Change a user\'s role, or disable (signs them out) or enable them; the last active owner stays', tags, params: idParams, body: userPatch },
      config: { permission: 'users.manage' },
    },
    async (req) => memberView(await db.transaction((tx) => changeUser({ ...req.ctx, db: tx }, req.params.id, req.body))),
  );

  app.post(
    '/v1/invitations',
    {
      schema: { summary: 'Invite a person by email with a role; the answer has the link to send them (shown once)', tags, body: inviteBody },
      config: { permission: 'users.manage' },
    },
    // No Idempotency-Key replay here: replaying means storing the answer, and the answer holds
    // the link's secret. A retry is harmless anyway: it withdraws the first link for a new one.
    async (req, reply) =>
      reply.status(201).send(await db.transaction((tx) => inviteUser({ ...req.ctx, db: tx }, req.body, services.config.publicUrl))),
  );

  app.get(
    '/v1/invitations',
    { schema: { summary: 'Invitations waiting to be accepted, newest first', tags, querystring: invitationsQuery }, config: { permission: 'users.manage' } },
    async (req) => listInvitations(req.ctx, req.query),
  );

  app.delete(
    '/v1/invitations/:id',
    { schema: { summary: 'Withdraw an invitation: its link stops working', tags, params: idParams }, config: { permission: 'users.manage' } },
    async (req, reply) => {
      await db.transaction((tx) => revokeInvitation({ ...req.ctx, db: tx }, req.params.id));
      return reply.status(204).send();
    },
  );

  app.get(
    '/v1/audit',
    {
      schema: { summary: 'Who changed what, newest first (type "user.*" for a family of changes)', tags, querystring: auditQuery },
      config: { permission: 'audit.read' },
    },
    async (req) => listAudit(req.ctx, req.query),
  );

  savedViewRoutes(app, services);
};

/** No sign-in needed: signing in, and opening and accepting an invitation link. */
export const authRoutes: RouteModule = (app, services) => {
  // The same care as the signed-in routes: JSON only, and text PostgreSQL can store.
  app.removeContentTypeParser('text/plain');
  app.addHook('preValidation', async (req) => {
    const params = Object.entries((req.params ?? {}) as Record<string, string>).map(([k, v]) => textProblem(v, `params.${k}`));
    const problem = params.find(Boolean) ?? makeTextStorable(req.body);
    if (problem) throw unprocessable(`${problem.path} ${problem.message}`, [problem]);
  });

  app.post(
    '/v1/auth/sign-in',
    {
      schema: { summary: 'Sign in with email and password: sets the session cookie (wasl_session)', tags, body: signInBody, security: [] },
      config: { permission: 'public' },
    },
    async (req, reply) => {
      const signedIn = await signIn(services, req.body, clientOf(req));
      const previous = cookieOf(req);
      if (previous) await endSession(services.db, previous);
      return signedInReply(services, reply, signedIn, 200);
    },
  );

  app.get(
    '/v1/invitations/:token',
    {
      schema: { summary: 'What an invitation link is for (404 unknown; 410 expired, used or withdrawn)', tags, params: tokenParams, security: [] },
      config: { permission: 'public' },
    },
    async (req) => {
      const invitation = await openInvitation(services.db, req.params.token, new Date());
      const store = await getStore(services.db, invitation.store_id);
      return {
        email: invitation.email,
        role: invitation.role,
        role_label: roleLabel(invitation.role),
        name: invitation.name,
        store_name: store.name,
        expires_at: invitation.expires_at,
      };
    },
  );

  app.post(
    '/v1/invitations/:token/accept',
    {
      schema: { summary: 'Accept an invitation: choose a name and password, and be signed in', tags, params: tokenParams, body: acceptBody, security: [] },
      config: { permission: 'public' },
    },
    async (req, reply) => signedInReply(services, reply, await acceptInvitation(services, req.params.token, req.body, clientOf(req)), 201),
  );
};
