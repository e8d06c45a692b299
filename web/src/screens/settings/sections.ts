import type { IconName } from '../../ui/icons.tsx';
import type { Permission } from '../../types.ts';

/**
 * The settings' parts, each at `/settings/<key>` (the store's at `/settings`), shown to whom
 * may open it: the server refuses the rest anyway (src/modules/users/permissions.ts).
 */
export const SECTIONS = [
  { key: 'store', permission: 'settings.read', icon: 'home' },
  { key: 'verification', permission: 'settings.read', icon: 'check' },
  { key: 'templates', permission: 'messages.read', icon: 'message' },
  { key: 'risk', permission: 'settings.read', icon: 'shield' },
  { key: 'connections', permission: 'settings.read', icon: 'globe' },
  { key: 'api-keys', permission: 'settings.manage', icon: 'note' },
  { key: 'users', permission: 'users.manage', icon: 'users' },
] as const satisfies readonly { key: string; permission: Permission; icon: IconName }[];

export type SectionKey = (typeof SECTIONS)[number]['key'];

export const sectionPath = (key: SectionKey) => (key === 'store' ? '/settings' : `/settings/${key}`);

/** The roles of src/modules/users/permissions.ts, most trusted first. */
export const ROLES = ['owner', 'manager', 'confirmation_agent', 'warehouse', 'support', 'finance'] as const;
export type Role = (typeof ROLES)[number];
