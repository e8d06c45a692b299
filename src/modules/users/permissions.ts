// Who may do what: one table, read by the HTTP layer on every /v1 request (a route declares the
// permission it needs; see `routeAccess`) and by the web app through GET /v1/auth/me. Hiding a
// button is a courtesy; this table is the rule.

type Words = { ar: string; en: string };

/** Every permission, with what it lets a person do (the end of "Your role (…) cannot …"). */
export const PERMISSIONS = {
  'orders.read': { en: 'view orders', ar: 'عرض الطلبات' },
  'orders.create': { en: 'place orders', ar: 'إنشاء الطلبات' },
  'orders.confirm': { en: 'confirm orders', ar: 'تأكيد الطلبات' },
  'orders.cancel': { en: 'cancel orders', ar: 'إلغاء الطلبات' },
  'orders.hold': { en: 'hold or release orders', ar: 'تعليق الطلبات أو إطلاقها' },
  'orders.notes': { en: 'add notes to orders', ar: 'إضافة ملاحظات على الطلبات' },
  'orders.import': { en: 'import past orders', ar: 'استيراد الطلبات السابقة' },
  'call_queue.work': { en: 'work the call queue', ar: 'العمل على قائمة الاتصال' },
  'customers.read': { en: 'view customers', ar: 'عرض العملاء' },
  'customers.tag': { en: 'tag customers', ar: 'تصنيف العملاء' },
  'risk_lists.read': { en: 'view the blocklist and allowlist', ar: 'عرض قائمة الحظر وقائمة الثقة' },
  'risk_lists.manage': { en: 'change the blocklist and allowlist', ar: 'تعديل قائمة الحظر وقائمة الثقة' },
  'messages.read': { en: 'view the messages sent to customers', ar: 'عرض الرسائل المرسلة إلى العملاء' },
  'templates.manage': { en: 'change the wording of messages', ar: 'تعديل نصوص الرسائل' },
  'settings.read': { en: 'view the store settings', ar: 'عرض الإعدادات' },
  'settings.manage': { en: 'change the store settings', ar: 'تعديل الإعدادات' },
  'catalog.read': { en: 'view products', ar: 'عرض المنتجات' },
  'catalog.manage': { en: 'change products', ar: 'تعديل المنتجات' },
  'inventory.read': { en: 'view stock', ar: 'عرض المخزون' },
  'inventory.manage': { en: 'change stock', ar: 'تعديل المخزون' },
  'webhooks.read': { en: 'view what the storefronts sent', ar: 'عرض ما أرسلته المتاجر الإلكترونية' },
  'users.manage': { en: 'manage users and invitations', ar: 'إدارة المستخدمين والدعوات' },
  'audit.read': { en: 'view the audit log', ar: 'عرض سجل التغييرات' },
} as const satisfies Record<string, Words>;

export type Permission = keyof typeof PERMISSIONS;
const ALL = Object.keys(PERMISSIONS) as Permission[];

/**
 * What a route may declare instead of a permission: `public` (no sign-in: sign-in itself, an
 * invitation link, storefront webhooks) and `signed_in` (any user or key: their own profile).
 */
export type RouteAccess = Permission | 'public' | 'signed_in';

export const ROLES = ['owner', 'manager', 'confirmation_agent', 'warehouse', 'support', 'finance'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Role → permissions. A manager has every permission, but may not change, disable, invite or
 * promote owners (`mayManageRole`): only owners touch owners.
 */
const TABLE: Record<Role, readonly Permission[]> = {
  owner: ALL,
  manager: ALL,
  confirmation_agent: ['orders.read', 'orders.confirm', 'orders.cancel', 'orders.hold', 'orders.notes', 'call_queue.work', 'customers.read', 'messages.read'],
  warehouse: ['orders.read', 'inventory.read', 'inventory.manage', 'catalog.read'],
  support: ['orders.read', 'orders.notes', 'customers.read', 'customers.tag', 'messages.read'],
  finance: ['orders.read', 'customers.read', 'audit.read'],
};

/** Words from GLOSSARY.md ("store owner" صاحب المتجر, "agent" موظف خدمة العملاء). */
export const ROLE_LABELS: Record<Role, Words> = {
  owner: { ar: 'صاحب المتجر', en: 'Store owner' },
  manager: { ar: 'مدير المتجر', en: 'Manager' },
  confirmation_agent: { ar: 'موظف تأكيد الطلبات', en: 'Confirmation agent' },
  warehouse: { ar: 'موظف المستودع', en: 'Warehouse' },
  support: { ar: 'موظف خدمة العملاء', en: 'Support agent' },
  finance: { ar: 'موظف المالية', en: 'Finance' },
};

export const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

/** An unknown role (an old key's, a typo) may do nothing: fail closed. */
export function permissionsOf(role: string): Permission[] {
  return isRole(role) ? [...TABLE[role]] : [];
}

export const can = (role: string, permission: Permission) => isRole(role) && TABLE[role].includes(permission);

export function roleLabel(role: string): Words {
  return isRole(role) ? ROLE_LABELS[role] : { ar: role, en: role };
}

/** Only owners invite, promote, demote or disable owners. */
export const mayManageRole = (actorRole: string, targetRole: string) => actorRole === 'owner' || targetRole !== 'owner';
