// Users: the people who sign in to the web app, their sessions and invitations, what each role
// may do (permissions.ts), and the audit log read from the events every module records.
export { PERMISSIONS, ROLES, ROLE_LABELS, can, isRole, mayManageRole, permissionsOf, roleLabel, type Permission, type Role, type RouteAccess } from './permissions.ts';
export { SESSION_COOKIE, findSession, type Session } from './sessions.ts';
export { ensureOwner, DEFAULT_OWNER_EMAIL, type FirstOwner } from './first-owner.ts';
export { userRoutes, authRoutes } from './routes.ts';
export { userLanguage } from './user-language.ts';
