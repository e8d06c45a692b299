/** What the API sends, as the screens read it (API.md; the OpenAPI document has every field). */

/** The permissions of src/modules/users/permissions.ts (GET /v1/auth/me lists a user's). */
export const ALL_PERMISSIONS = [
  'orders.read', 'orders.create', 'orders.confirm', 'orders.cancel', 'orders.hold', 'orders.notes', 'orders.import',
  'call_queue.work', 'customers.read', 'customers.tag', 'risk_lists.read', 'risk_lists.manage', 'messages.read',
  'templates.manage', 'settings.read', 'settings.manage', 'catalog.read', 'catalog.manage', 'inventory.read',
  'inventory.manage', 'webhooks.read', 'users.manage', 'audit.read',
] as const;
export type Permission = (typeof ALL_PERMISSIONS)[number];

export interface Store {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  locale: string;
  country: string;
}

export interface Me {
  user: {
    id: string;
    email: string;
    name: string;
    role: string;
    role_label: { ar: string; en: string };
    language: 'ar' | 'en' | null;
    digits: 'latin' | 'arabic' | null;
  };
  store: Store;
  permissions: string[];
}

export interface RiskReason {
  code: string;
  message: string;
  message_ar?: string;
  message_en?: string;
  weight?: number;
}

export interface Order {
  id: string;
  number: number;
  external_id: string | null;
  source: string;
  status: string;
  hold_reasons: { code?: string; message?: string }[];
  payment_status: string;
  fulfillment_status: string;
  verification: { status: string; via?: string; step?: number; channel?: string; round?: number; [k: string]: unknown };
  risk: { level?: string; score?: number; recommendation?: string; reasons?: RiskReason[] };
  customer: { id: string; name: string; phone: string | null; phone_e164: string | null; email: string | null };
  shipping_address: Record<string, string | undefined>;
  lines: { sku: string; name: string | null; quantity: number; unit_price: string; total: string }[];
  totals: { subtotal: string; shipping: string; discount: string; tax: string; total: string; currency: string };
  payment: { method: string; status: string };
  delivery: { option?: string; window?: string | null; window_slot?: { date: string; from: string; to: string } | null } | null;
  note: string | null;
  notes: { id: string; text: string; gift: { description: string; sku: string | null } | null; by: Actor; at: string }[];
  placed_at: string;
  created_at: string;
  updated_at: string;
}

export interface Actor {
  type?: string;
  id?: string;
  name?: string;
}

export interface OrderEvent {
  id: string;
  type: string;
  actor: Actor;
  data: Record<string, unknown>;
  created_at: string;
}

export interface Message {
  id: string;
  order_id: string | null;
  channel: string;
  to: string;
  template: string | null;
  lang: string | null;
  subject: string | null;
  body: string;
  status: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  delivered_at: string | null;
  read_at: string | null;
  failed_at: string | null;
}

export interface Customer {
  id: string;
  name: string;
  phone: string | null;
  phone_e164: string | null;
  email: string | null;
  order_count: number;
  tags: string[];
  orders_by_outcome: Record<string, number>;
  delivery_success_rate: number | null;
  lifetime_value: { amount: string; currency: string } | null;
  first_order_at: string | null;
  last_order_at: string | null;
  orders: { id: string; number: number; placed_at: string; outcome: string; status: string; total: string; currency: string }[];
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}
