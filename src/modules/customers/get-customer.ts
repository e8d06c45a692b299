import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';

export interface CustomerRow {
  id: string;
  name: string;
  phone: string | null;
  phone_e164: string | null;
  phone_type: string | null;
  email: string | null;
  email_canonical: string | null;
  order_count: number;
  created_at: Date;
  updated_at: Date;
}

export async function getCustomer(ctx: Ctx, id: string) {
  const [row] = await ctx.db.query<CustomerRow>(
    `SELECT id, name, phone, phone_e164, phone_type, email, email_canonical, order_count, created_at, updated_at
       FROM customers WHERE store_id = $1 AND id = $2`,
    [ctx.store.id, id],
  );
  if (!row) throw notFound('Customer');
  const identities = await ctx.db.query<{ kind: string; value: string }>(
    `SELECT kind, value FROM customer_identities WHERE store_id = $1 AND customer_id = $2 ORDER BY kind, value`,
    [ctx.store.id, id],
  );
  return {
    ...row,
    identities: {
      phones: identities.filter((i) => i.kind === 'phone').map((i) => i.value),
      emails: identities.filter((i) => i.kind === 'email').map((i) => i.value),
    },
  };
}
